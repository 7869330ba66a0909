/** A Kafka topic config value as users write it; numbers and booleans are sent as their text. */
export type TopicConfigValue = string | number | boolean;

/**
 * What `@KafkaTopic('orders', { config })` declares about its topic, Karafka-style in one flat hash:
 * `partitions` and `replicationFactor`, and any Kafka topic config by its own name.
 *
 * @example { partitions: 6, replicationFactor: 1, 'cleanup.policy': 'compact', 'retention.ms': 86_400_000 }
 */
export interface TopicConfigDeclaration {
  partitions: number;
  /** Omitted: the cluster's `default.replication.factor`. */
  replicationFactor?: number;
  [topicConfig: string]: TopicConfigValue | undefined;
}
