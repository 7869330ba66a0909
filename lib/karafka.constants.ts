/** Injection tokens and metadata keys shared across capabilities. */
export const KARAFKA_DRIVER = Symbol('KARAFKA_DRIVER');
export const KAFKA_TOPIC_METADATA = 'nestjs-karafka:kafka-topic';
/** Name of the cluster given by `forRoot({ kafka })`. */
export const PRIMARY_CLUSTER = 'primary';
/** Name of the producer injected by `@InjectProducer()`. */
export const DEFAULT_PRODUCER = 'default';
