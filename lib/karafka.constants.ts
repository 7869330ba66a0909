/** Public constants: the metadata key of `@KafkaTopic` and the default cluster and producer names. */
export const KAFKA_TOPIC_METADATA = 'nestjs-karafka:kafka-topic';
/** Name of the cluster given by `forRoot({ kafka })`. */
export const PRIMARY_CLUSTER = 'primary';
/** Name of the producer injected by `@InjectProducer()`. */
export const DEFAULT_PRODUCER = 'default';
