import type { DriverConfigSource } from '../driver/kafka-driver.port';
import type { TopicConfigValue } from '../routing/topic-config.interface';
import type { PayloadDeserializer } from '../routing/payload-deserializer.interface';

/** Kafka offsets are 64-bit, so they are decimal strings everywhere in the admin API. */
export type Offset = string;

export interface CreateTopicOptions {
  /** Default 1. */
  partitions?: number;
  /** Omitted: the cluster's `default.replication.factor`. */
  replicationFactor?: number;
  /** Kafka topic configs by name, e.g. `{ 'cleanup.policy': 'compact', 'retention.ms': 86_400_000 }`. */
  config?: Record<string, TopicConfigValue>;
}

export interface PartitionDescription {
  partition: number;
  /** Broker id of the leader, -1 when there is none. */
  leader: number;
  replicas: number[];
  isr: number[];
  offlineReplicas: number[];
}

export interface TopicConfigEntry {
  name: string;
  /** `null` for sensitive values, which brokers never return. */
  value: string | null;
  /** `topic`: set on this topic; `broker`: inherited from the broker's config; `default`: Kafka's default. */
  source: DriverConfigSource;
  readOnly: boolean;
  isSensitive: boolean;
}

export interface TopicDescription {
  cluster: string;
  name: string;
  partitions: PartitionDescription[];
  replicationFactor: number;
  configs: TopicConfigEntry[];
}

/** A topic's partition layout without its configs (`KarafkaAdmin.describeTopics`). */
export type TopicOverview = Omit<TopicDescription, 'configs'>;

export interface WatermarkOffsets {
  partition: number;
  /** First offset still in the log. */
  low: Offset;
  /** Offset the next message will get. */
  high: Offset;
}

export interface ReadTopicOptions {
  /** How values are decoded. Default: the deserializer of the topic's route on this cluster, else `json`. */
  deserializer?: PayloadDeserializer;
}

export interface ClusterInfo {
  cluster: string;
  clusterId: string;
  controller: number | null;
  brokers: Array<{ nodeId: number; host: string; port: number }>;
}

export interface ConsumerGroupListing {
  groupId: string;
  protocolType: string;
}

export interface ConsumerGroupMemberDescription {
  memberId: string;
  clientId: string;
  clientHost: string;
  assignment: Array<{ topic: string; partitions: number[] }>;
}

export interface PartitionLag {
  partition: number;
  /** The next offset the group will read; `null` when the group has not committed on this partition. */
  committedOffset: Offset | null;
  highWatermark: Offset;
  /** `highWatermark - committedOffset`; `null` without a committed offset. */
  lag: number | null;
}

export interface TopicLag {
  topic: string;
  partitions: PartitionLag[];
  /** Sum of the partitions' known lags. */
  lag: number;
}

export interface ConsumerGroupDescription {
  cluster: string;
  groupId: string;
  /** Kafka's group state: `Stable`, `Empty`, `PreparingRebalance`, ... */
  state: string;
  protocolType: string;
  members: ConsumerGroupMemberDescription[];
  /** Topics the group has committed offsets for or is assigned, with lag per partition. */
  topics: TopicLag[];
}

/** Where to move a group: an offset, the first message at/after a time, or either end of the partition. */
export type SeekTarget = number | bigint | Offset | Date | 'earliest' | 'latest';

/** `{ topic: target }` moves every partition; `{ topic: { partition: target } }` moves the ones named. */
export type SeekSpec = Record<string, SeekTarget | Record<number | string, SeekTarget>>;

export interface SeekResult {
  topic: string;
  partition: number;
  offset: Offset;
}
