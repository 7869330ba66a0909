import type { ClusterDefinition } from '../cluster/cluster-definition.interface';

/** One topic the app manages, on one cluster, with its config as the text Kafka stores. */
export interface DeclaredTopic {
  cluster: ClusterDefinition;
  name: string;
  partitions: number;
  replicationFactor?: number;
  config: Record<string, string>;
  /** Where it is declared: `@KafkaTopic('orders') on OrdersConsumer` or `forRoot.topics[0]`. */
  source: string;
}

/** A topic the app uses without declaring it (a consumed topic without `config`, a dead-letter topic). */
export interface ReferencedTopic {
  cluster: ClusterDefinition;
  name: string;
}

export interface TopicDeclarations {
  declared: DeclaredTopic[];
  /** Never planned for deletion, even with `allowDelete`. */
  referenced: ReferencedTopic[];
}

/** What a cluster holds now, as far as planning needs it. */
export interface ClusterTopicsState {
  cluster: ClusterDefinition;
  /** Every topic name on the cluster. */
  topics: string[];
  /** The declared topics that exist, by name. */
  described: Record<string, ExistingTopic>;
}

export interface ExistingTopic {
  partitions: number;
  replicationFactor: number;
  /** Every config the broker reports for the topic (set, inherited or default); `null` = sensitive. */
  config: Record<string, string | null>;
}

export interface TopicCreation {
  topic: string;
  partitions: number;
  replicationFactor?: number;
  config: Record<string, string>;
}

export interface ConfigChange {
  name: string;
  from: string | null;
  to: string;
}

export interface ClusterTopicsPlan {
  /** The cluster's name; clusters that are the same brokers under several names are planned once. */
  cluster: string;
  /** Other names of the same cluster. */
  aliases: string[];
  brokers: string[];
  create: TopicCreation[];
  addPartitions: Array<{ topic: string; from: number; to: number }>;
  alterConfig: Array<{ topic: string; changes: ConfigChange[] }>;
  delete: string[];
  unchanged: string[];
  /** Differences that block applying anything (a partition decrease, an unknown config). */
  problems: Array<{ topic: string; message: string }>;
  /** Differences that are reported but never applied (a replication factor change). */
  notices: Array<{ topic: string; message: string }>;
}

export interface TopicsPlan {
  clusters: ClusterTopicsPlan[];
}

/**
 * `migrate`: create missing topics and add partitions (Karafka's `topics migrate`).
 * `align`: the same, and change configs of existing topics to the declared values (Karafka's `migrate` + `align`).
 * Either deletes undeclared topics only with `allowDelete`.
 */
export type TopicsMode = 'migrate' | 'align';
