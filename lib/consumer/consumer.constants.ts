/** `host.getType()` inside guards, interceptors, filters and custom param decorators around `consume`. */
export const KARAFKA_CONTEXT_TYPE = 'karafka';

/** Metadata key of the `@Payload()` / `@Messages()` / `@Ctx()` parameters of `consume`. */
export const KARAFKA_ARGS_METADATA = 'nestjs-karafka:consume-args';

/** Parameter kinds of `consume`; the handler's arguments are `[messages, ctx]`. */
export enum KarafkaParamtype {
  PAYLOAD = 0,
  MESSAGES = 1,
  CONTEXT = 2,
}

/**
 * `metadata.data` a pipe sees for each parameter kind: Nest hands pipes every non-HTTP kind as type 'custom',
 * so this is how a pipe applied with `@UsePipes` tells the payloads from `@Messages()` and `@Ctx()`.
 */
export const KARAFKA_PARAM_DATA: Record<KarafkaParamtype, string> = {
  [KarafkaParamtype.PAYLOAD]: 'payload',
  [KarafkaParamtype.MESSAGES]: 'messages',
  [KarafkaParamtype.CONTEXT]: 'ctx',
};

/**
 * What the root module hands the consumer providers (consumer/consumer.providers.ts): the driver client of a
 * cluster, where dead letters go (the producers of the failing topic's cluster) and the runners' settings.
 */
export const KARAFKA_CONSUMER_CLIENTS = Symbol('KARAFKA_CONSUMER_CLIENTS');
export const KARAFKA_DEAD_LETTER_SINK = Symbol('KARAFKA_DEAD_LETTER_SINK');
export const KARAFKA_RUNNER_OPTIONS = Symbol('KARAFKA_RUNNER_OPTIONS');
