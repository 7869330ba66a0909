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
