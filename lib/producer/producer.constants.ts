/** Name of the producer injected by `@InjectProducer()`. */
export const DEFAULT_PRODUCER = 'default';
