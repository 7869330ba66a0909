import { Injectable, type ArgumentsHost } from '@nestjs/common';
import { ExternalContextCreator } from '@nestjs/core';
import { isObservable, lastValueFrom } from 'rxjs';
import type { KafkaContext } from './kafka-context';
import type { KafkaMessage } from '../message/kafka-message.interface';
import { KARAFKA_ARGS_METADATA, KARAFKA_CONTEXT_TYPE } from './consumer.constants';
import { KarafkaParamsFactory } from './karafka-params.factory';

/** A batch handler as the runner calls it; it rejects when the batch failed. */
export type ConsumeHandler = (messages: KafkaMessage[], ctx: KafkaContext) => Promise<void>;

/** True inside guards, interceptors and filters that run around a `consume` call. */
export function isKarafkaContext(host: ArgumentsHost): boolean {
  return host.getType<string>() === KARAFKA_CONTEXT_TYPE;
}

/** The `[messages, ctx]` a guard, interceptor or filter sees around `consume`. */
export function getKarafkaArgs(host: ArgumentsHost): { messages: KafkaMessage[]; ctx: KafkaContext } {
  return { messages: host.getArgByIndex(0), ctx: host.getArgByIndex(1) };
}

/**
 * Wraps a consumer's `consume` method in Nest's pipeline (guards, interceptors, pipes, exception filters),
 * the way Nest wraps controller methods. Without parameter decorators `consume(messages, ctx)` gets both
 * positionally. A filter that returns a value (or a completing Observable) handles the error; one that throws,
 * returns nothing or returns an erroring Observable leaves the batch failed.
 */
@Injectable()
export class ConsumerHandlerFactory {
  constructor(
    private readonly externalContextCreator: ExternalContextCreator,
    private readonly paramsFactory: KarafkaParamsFactory = new KarafkaParamsFactory(),
  ) {}

  create(instance: object, className = instance.constructor?.name ?? 'consumer'): ConsumeHandler {
    const consume = (instance as { consume?: unknown }).consume;
    if (typeof consume !== 'function') {
      throw new Error(`${className} has no consume(messages, ctx) method`);
    }
    const call = this.externalContextCreator.create(
      instance,
      consume as (...args: unknown[]) => unknown,
      'consume',
      KARAFKA_ARGS_METADATA,
      this.paramsFactory,
      undefined,
      undefined,
      { guards: true, interceptors: true, filters: true },
      KARAFKA_CONTEXT_TYPE,
    );
    return async (messages, ctx) => {
      const result = await call(messages, ctx);
      // A filter's result is not unwrapped by Nest: an RpcException-style `throwError(...)` must fail the batch.
      if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
    };
  }
}
