import { assignMetadata, type PipeTransform, type Type } from '@nestjs/common';
import { KARAFKA_ARGS_METADATA, KARAFKA_PARAM_DATA, KarafkaParamtype } from './consumer.constants';

type Pipe = Type<PipeTransform> | PipeTransform;

function createConsumeParamDecorator(paramtype: KarafkaParamtype) {
  return (...pipes: Pipe[]): ParameterDecorator =>
    (target, key, index) => {
      const args = Reflect.getMetadata(KARAFKA_ARGS_METADATA, target.constructor, key as string) ?? {};
      Reflect.defineMetadata(
        KARAFKA_ARGS_METADATA,
        assignMetadata(args, paramtype, index, KARAFKA_PARAM_DATA[paramtype], ...pipes),
        target.constructor,
        key as string,
      );
    };
}

/**
 * The batch's payloads (`messages.map(m => m.payload)`), through the given pipes, e.g.
 * `@Payload(new ParseArrayPipe({ items: OrderDto })) orders: OrderDto[]`.
 */
export const Payload: (...pipes: Pipe[]) => ParameterDecorator = createConsumeParamDecorator(
  KarafkaParamtype.PAYLOAD,
);

/** The batch's `KafkaMessage[]`. */
export const Messages: (...pipes: Pipe[]) => ParameterDecorator = createConsumeParamDecorator(
  KarafkaParamtype.MESSAGES,
);

/** The batch's `KafkaContext`. */
export const Ctx: () => ParameterDecorator = createConsumeParamDecorator(KarafkaParamtype.CONTEXT);
