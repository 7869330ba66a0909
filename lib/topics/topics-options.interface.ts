import type { TopicConfigValue } from '../routing/topic-config.interface';

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

/** The declarative topics part of `forRoot`. */
export interface DeclarativeTopicsOptions {
  /**
   * Declarative topics: `[{ name, cluster?, partitions, ... }]` for topics the app does not consume, or
   * `{ declarations?, autoMigrate? }`. Applied by `npx nestjs-karafka topics migrate|align`.
   */
  topics?: TopicsOption;
}
