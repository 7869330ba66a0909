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

/** A topic the app declares without consuming it (e.g. one it only produces to), in `forRoot({ topics })`. */
export interface StandaloneTopicDeclaration {
  name: string;
  /** `primary` (the default) or a key of `forRoot({ clusters })`. */
  cluster?: string;
  partitions: number;
  replicationFactor?: number;
  /** Kafka topic configs by name, e.g. `{ 'cleanup.policy': 'compact' }`. */
  config?: Record<string, TopicConfigValue>;
}

export interface TopicsModuleOptions {
  declarations?: StandaloneTopicDeclaration[];
  /**
   * Apply `topics migrate` (create missing topics, add partitions) when the app boots, before consumers
   * start. Meant for development setups; production runs the CLI.
   */
  autoMigrate?: boolean;
}

/** `forRoot({ topics })`: a list of declarations, or the full options object. */
export type TopicsOption = StandaloneTopicDeclaration[] | TopicsModuleOptions;
