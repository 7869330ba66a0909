/** Name of the producer injected by `@InjectProducer()`. */
export const DEFAULT_PRODUCER = 'default';

/** Names of the library's own dead-letter producers: `internal:<cluster>`. */
export const INTERNAL_PRODUCER_PREFIX = 'internal:';
