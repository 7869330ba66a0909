import { Injectable } from '@nestjs/common';
import type { ParamsFactory } from '@nestjs/core/helpers/external-context-creator';
import type { KafkaContext } from './kafka-context';
import type { KafkaMessage } from '../message/kafka-message.interface';
import { KarafkaParamtype } from './consumer.constants';

/** Gives `@Payload()`, `@Messages()` and `@Ctx()` their values from the handler's arguments `[messages, ctx]`. */
@Injectable()
export class KarafkaParamsFactory implements ParamsFactory {
  exchangeKeyForValue(type: number, _data: unknown, args: [KafkaMessage[], KafkaContext]): unknown {
    const [messages, ctx] = args;
    switch (type as KarafkaParamtype) {
      case KarafkaParamtype.PAYLOAD:
        return messages.map((message) => message.payload);
      case KarafkaParamtype.MESSAGES:
        return messages;
      case KarafkaParamtype.CONTEXT:
        return ctx;
      default:
        return undefined;
    }
  }
}
