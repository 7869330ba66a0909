/** The metadata key under which `@KafkaTopic` records its declarations. */
export const KAFKA_TOPIC_METADATA = 'nestjs-karafka:kafka-topic';
