import type { ConsumerSettings, ConnectionSettings, ProducerSettings } from '../config/kafka-config.types';
import type { DriverError } from './driver-error';

/**
 * The one place the library meets a Kafka client library. Everything outside `driver/` speaks these
 * types only, so a second driver (e.g. librdkafka bindings) can be added without touching the rest.
 * The kafkajs implementation lives in `driver/kafkajs/`.
 */

export type Headers = Record<string, Buffer | string | undefined>;

export interface DriverRecord {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  /** When absent, `sendBatch`/`send` set it to the partition chosen, so callers can map records to offsets. */
  partition?: number;
  headers?: Headers;
  timestamp?: string;
  /**
   * Set on send by a driver that learns each record's own offset (librdkafka's delivery reports): delivery reports
   * use it over the partition's base offset + n, which holds only when no other send wrote to the partition between.
   */
  offset?: string;
}

export interface DriverRecordMetadata {
  topic: string;
  partition: number;
  /** Base offset of the batch the record was written in. */
  baseOffset?: string;
  errorCode: number;
}

export interface DriverFetchedMessage {
  key: Buffer | null;
  value: Buffer | null;
  headers: Headers;
  offset: string;
  timestamp: string;
}

export interface DriverBatch {
  topic: string;
  partition: number;
  highWatermark: string;
  messages: DriverFetchedMessage[];
}

/** Control handed to the batch handler by the driver, valid for the current batch only. */
export interface DriverBatchControl {
  batch: DriverBatch;
  /** Marks `offset` as processed (the committed offset becomes offset + 1 at the next commit). */
  resolveOffset(offset: string): void;
  /** Commits resolved offsets now. */
  commitOffsetsIfNecessary(): Promise<void>;
  heartbeat(): Promise<void>;
  /** Pauses this batch's topic-partition; returns a function that resumes it. */
  pause(): () => void;
  isRunning(): boolean;
  isStale(): boolean;
}

export interface DriverTopicPartitionOffset {
  topic: string;
  partition: number;
  offset: string;
}

/** What a consumer reports about its connection and group membership, by event name. */
export interface DriverConsumerEvents {
  connected: Record<string, never>;
  /** The consumer joined its group; `assignment` lists the partitions it got, by topic. */
  joined: { memberId?: string; assignment: Record<string, number[]> };
  /** The group is rebalancing: the consumer's partitions are about to be revoked and reassigned. */
  rebalancing: { memberId?: string };
  /** A fetch round ended (empty or not): the consumer is polling. */
  fetched: { batches: number; durationMs: number };
  /** The consumer failed. With `willRestart` the driver restarts it by itself; without, it stays down. */
  crashed: { error: DriverError; willRestart: boolean };
  /**
   * A member this consumer was before a crash could not leave the group then (its cluster had gone away), so the
   * driver made it leave once the cluster answered again: otherwise the group holds the rejoin until that member's
   * session timeout. With `error`, that failed and the rejoin waits.
   */
  staleMemberRemoved: { memberId: string; error?: DriverError };
  /** `stop()` completed: no more fetching. */
  stopped: Record<string, never>;
  disconnected: Record<string, never>;
}

export type DriverConsumerEvent = keyof DriverConsumerEvents;

/** A consumer of one group. Its promises reject with a `DriverError`. */
export interface DriverConsumer {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  subscribe(args: { topics: string[]; fromBeginning: boolean }): Promise<void>;
  run(args: {
    eachBatch: (control: DriverBatchControl) => Promise<void>;
    partitionsConsumedConcurrently?: number;
  }): Promise<void>;
  /** Stops fetching; in-flight batch handlers finish first. */
  stop(): Promise<void>;
  commitOffsets(offsets: DriverTopicPartitionOffset[]): Promise<void>;
  seek(target: DriverTopicPartitionOffset): void;
  pause(topics: Array<{ topic: string; partitions?: number[] }>): void;
  resume(topics: Array<{ topic: string; partitions?: number[] }>): void;
  /** Subscribes to a lifecycle event; returns an unsubscribe function. */
  on<E extends DriverConsumerEvent>(
    event: E,
    listener: (payload: DriverConsumerEvents[E]) => void,
  ): () => void;
}

export interface DriverTransaction {
  send(args: {
    topic: string;
    messages: DriverRecord[];
    acks?: number;
    timeout?: number;
  }): Promise<DriverRecordMetadata[]>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/** What a producer's driver reports about its connection, in the library's own shapes. */
export interface DriverProducerEvents {
  connect: { timestamp: number };
  disconnect: { timestamp: number };
  /** A request to a broker got no answer in time (the driver retries it). */
  request_timeout: {
    timestamp: number;
    broker: string;
    /** The Kafka API of the request, e.g. `Produce`, `Metadata`. */
    apiName: string;
    correlationId: number;
    /** How long the request waited in the driver's queue before it was sent (ms). */
    pendingDurationMs: number;
  };
}

export type DriverProducerEventName = keyof DriverProducerEvents;

export interface DriverProducer {
  /**
   * True when the driver batches, lingers and bounds its in-flight requests itself (librdkafka): the library's
   * send queue then hands each tick's messages over at once instead of holding them to `maxInFlightRequests`
   * requests of its own, which would only add a second linger and a second window in front of the driver's.
   */
  readonly queuesItself?: boolean;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  /** Sends records for several topics in one request per broker. */
  sendBatch(args: {
    topicMessages: Array<{ topic: string; messages: DriverRecord[] }>;
    acks?: number;
    timeout?: number;
    compression?: ProducerSettings['compression'];
    /**
     * Aborted when the caller stopped waiting (its delivery deadline passed): a driver may then drop a request
     * it has not sent yet, rejecting it. One already sent goes on.
     */
    signal?: AbortSignal;
  }): Promise<DriverRecordMetadata[]>;
  transaction(): Promise<DriverTransaction>;
  /** Subscribes to one of the producer's events; returns an unsubscribe function. */
  on<E extends DriverProducerEventName>(
    event: E,
    listener: (payload: DriverProducerEvents[E]) => void,
  ): () => void;
}

/** A client for one cluster; consumers, producers and admins share its connection settings. */
export interface DriverClient {
  /**
   * `previousMemberId`: the member the consumer this one replaces was in the group, which may still be there (it
   * could not leave): the driver makes it leave once the cluster answers, as after a crash it recovers from itself.
   */
  consumer(settings: ConsumerSettings & { groupId: string; previousMemberId?: string }): DriverConsumer;
  /**
   * `name` is the library's name of the producer (`default`, a configured name, `internal:<cluster>`), for a
   * driver that tells producers apart: the in-memory one records it with everything the producer sent.
   */
  producer(settings: ProducerSettings, name: string): DriverProducer;
  admin(): DriverAdmin;
}

export interface DriverTopicConfigEntry {
  name: string;
  value: string;
}

export interface DriverPartitionMetadata {
  partition: number;
  /** Broker id of the leader; -1 when the partition has none. */
  leader: number;
  replicas: number[];
  isr: number[];
  offlineReplicas: number[];
}

export interface DriverTopicMetadata {
  name: string;
  partitions: DriverPartitionMetadata[];
}

/** Where a config value comes from: set on the topic, inherited from the broker, or Kafka's default. */
export type DriverConfigSource = 'topic' | 'broker' | 'default' | 'unknown';

export interface DriverConfigEntryDescription {
  name: string;
  /** `null` for sensitive values, which brokers never return. */
  value: string | null;
  source: DriverConfigSource;
  readOnly: boolean;
  isSensitive: boolean;
}

export interface DriverClusterDescription {
  clusterId: string;
  /** Broker id reported as controller; `null` when unknown. */
  controller: number | null;
  brokers: Array<{ nodeId: number; host: string; port: number }>;
}

export interface DriverGroupMember {
  memberId: string;
  clientId: string;
  clientHost: string;
  /** Partitions assigned to the member, per topic (empty while the group rebalances). */
  assignment: Array<{ topic: string; partitions: number[] }>;
}

export interface DriverGroupDescription {
  groupId: string;
  state: string;
  protocolType: string;
  members: DriverGroupMember[];
}

/** Admin operations; grows with the admin capability. */
export interface DriverAdmin {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  listTopics(): Promise<string[]>;
  createTopics(
    topics: Array<{
      topic: string;
      numPartitions?: number;
      replicationFactor?: number;
      configEntries?: DriverTopicConfigEntry[];
    }>,
  ): Promise<boolean>;
  deleteTopics(topics: string[]): Promise<void>;
  /** Raises each topic's partition count to `count` (Kafka cannot lower it). */
  createPartitions(topics: Array<{ topic: string; count: number }>): Promise<void>;
  fetchTopicMetadata(topics: string[]): Promise<DriverTopicMetadata[]>;
  describeTopicConfigs(
    topics: string[],
  ): Promise<Array<{ topic: string; entries: DriverConfigEntryDescription[] }>>;
  /** Sets the given entries on the topic; entries not named keep their current value. */
  alterTopicConfigs(topic: string, entries: DriverTopicConfigEntry[]): Promise<void>;
  fetchTopicOffsets(topic: string): Promise<Array<{ partition: number; low: string; high: string }>>;
  /** Per partition, the first offset whose timestamp is >= `timestamp` (the high watermark when none is). */
  fetchTopicOffsetsByTimestamp(
    topic: string,
    timestamp: number,
  ): Promise<Array<{ partition: number; offset: string }>>;
  /**
   * Messages of one partition with `fromOffset <= offset < toOffset`, read without committing anything.
   * Offsets missing in that range (compaction, transaction markers) are skipped.
   */
  fetchMessages(args: {
    topic: string;
    partition: number;
    fromOffset: string;
    toOffset: string;
  }): Promise<DriverFetchedMessage[]>;
  /** Committed offsets of `groupId`; an empty `topics` list means every topic the group has committed. */
  fetchOffsets(
    groupId: string,
    topics: string[],
  ): Promise<Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }>>;
  /** Commits offsets for a group that has no running members. */
  setGroupOffsets(
    groupId: string,
    topic: string,
    partitions: Array<{ partition: number; offset: string }>,
  ): Promise<void>;
  describeGroups(groupIds: string[]): Promise<DriverGroupDescription[]>;
  listGroups(): Promise<Array<{ groupId: string; protocolType: string }>>;
  deleteGroups(groupIds: string[]): Promise<void>;
  describeCluster(): Promise<DriverClusterDescription>;
}

/**
 * One log line of the driver, public through `forRoot({ driverLog })`. The driver sets the level as the
 * library should treat it: answers the client retries by itself are `debug` even if the client calls them errors.
 */
export interface DriverLogEntry {
  level: 'error' | 'warn' | 'info' | 'debug';
  /** The client's component, e.g. kafkajs' `Connection` or `ConsumerGroup`. */
  namespace: string;
  message: string;
  /** Structured details the client gave (broker, error text, ...). */
  extra: Record<string, unknown>;
}

export interface KafkaDriver {
  readonly name: string;
  createClient(connection: ConnectionSettings, log: (entry: DriverLogEntry) => void): DriverClient;
  /** The driver of one cluster, for a driver that picks one per cluster (`forRoot({ driver: { ... } })`). */
  forCluster?(cluster: string): KafkaDriver;
}
