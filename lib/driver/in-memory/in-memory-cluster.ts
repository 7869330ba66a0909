import type { DriverFetchedMessage, DriverRecord, DriverRecordMetadata, Headers } from '../kafka-driver.port';
import { unknownTopicOrPartition } from './in-memory-errors';
import { partitionOfKey } from './murmur2';

export interface InMemoryClusterOptions {
  /**
   * Partitions of a topic created on first use (produce or subscribe): a count, or the count for each topic.
   * Default 1; 0 turns auto-creation off.
   */
  autoCreatePartitions?: number | ((topic: string) => number);
  /** Most messages of one partition in one fetched batch (kafkajs bounds it by bytes). Default 500. */
  maxBatchSize?: number;
  /** The broker list it answers for (`describeCluster`). Default `127.0.0.1:9092`. */
  brokers?: readonly string[];
}

/** One record a producer appended, in the order they were written; the message itself is in the topic's log. */
export interface SentRecord {
  /** The library's name of the producer (see `DriverClient.producer`); absent for records a test appended. */
  producer?: string;
  topic: string;
  partition: number;
  offset: string;
  /** Increases with every record any in-memory cluster appends, so journals of several clusters merge in order. */
  sequence: number;
}

/** Orders the records of every cluster (see `SentRecord.sequence`). */
let sequence = 0;

/** A member of a consumer group, as the group coordinator knows it. */
export interface GroupMember {
  memberId: string;
  groupId: string;
  assignment: Record<string, number[]>;
}

/** A waiter woken when something a fetch loop waits for happens (a message, a resume, a seek, a stop). */
type Wake = () => void;

interface Topic {
  partitions: DriverFetchedMessage[][];
  config: Record<string, string>;
}

/**
 * The broker side of the in-memory driver: topics with partitions, offsets and configs, the committed offsets
 * and live members of each consumer group, and the journal of what producers sent. Shared by every client of
 * one cluster, like a real cluster is.
 */
export class InMemoryCluster {
  readonly maxBatchSize: number;
  readonly brokers: readonly string[];
  /** Every record producers appended, oldest first. */
  readonly sent: SentRecord[] = [];
  private readonly autoCreatePartitions: (topic: string) => number;
  private readonly topics = new Map<string, Topic>();
  private readonly committed = new Map<string, Map<string, string>>();
  private readonly members = new Map<string, GroupMember>();
  private readonly waiters = new Set<Wake>();
  private readonly connectFailures: Error[] = [];
  private roundRobin = 0;

  constructor(options: InMemoryClusterOptions = {}) {
    const partitions = options.autoCreatePartitions ?? 1;
    this.autoCreatePartitions = typeof partitions === 'function' ? partitions : () => partitions;
    this.maxBatchSize = options.maxBatchSize ?? 500;
    this.brokers = options.brokers ?? ['127.0.0.1:9092'];
  }

  /** Creates the topic unless it exists; returns whether it did. */
  createTopic(topic: string, partitions = 1, config: Record<string, string> = {}): boolean {
    if (this.topics.has(topic)) return false;
    this.topics.set(topic, {
      partitions: Array.from({ length: partitions }, () => []),
      config: { ...config },
    });
    return true;
  }

  hasTopic(topic: string): boolean {
    return this.topics.has(topic);
  }

  topicNames(): string[] {
    return [...this.topics.keys()];
  }

  deleteTopic(topic: string): void {
    this.topic(topic);
    this.topics.delete(topic);
  }

  /** Raises the topic's partition count to `count`. */
  addPartitions(topic: string, count: number): void {
    const { partitions } = this.topic(topic);
    while (partitions.length < count) partitions.push([]);
  }

  /** The configs set on the topic. */
  topicConfig(topic: string): Record<string, string> {
    return this.topic(topic).config;
  }

  /** The partitions of `topic`, creating it when auto-creation is on; a DriverError `unknown-topic` otherwise. */
  partitionsOf(topic: string): number[] {
    if (!this.topics.has(topic)) {
      const count = this.autoCreatePartitions(topic);
      if (count > 0) this.createTopic(topic, count);
    }
    return this.topic(topic).partitions.map((_, index) => index);
  }

  /**
   * Appends records; a record without a partition goes where Kafka's default partitioner puts its key (murmur2),
   * or round robin without one.
   * `producer` names the producer that sent them, for the journal (`sent`).
   */
  append(topic: string, records: DriverRecord[], producer?: string): DriverRecordMetadata[] {
    const count = this.partitionsOf(topic).length;
    const log = this.topic(topic).partitions;
    const base = new Map<number, string>();
    for (const record of records) {
      const partition = record.partition ?? this.choosePartition(record.key, count);
      if (partition < 0 || partition >= count) {
        throw unknownTopicOrPartition(`Topic '${topic}' has no partition ${partition}`, false);
      }
      record.partition = partition;
      const messages = log[partition];
      const offset = String(messages.length);
      if (!base.has(partition)) base.set(partition, offset);
      messages.push({
        key: toBuffer(record.key),
        value: toBuffer(record.value),
        headers: copyHeaders(record.headers),
        offset,
        timestamp: record.timestamp ?? String(Date.now()),
      });
      this.sent.push({
        ...(producer === undefined ? {} : { producer }),
        topic,
        partition,
        offset,
        sequence: ++sequence,
      });
    }
    this.wakeAll();
    return [...base].map(([partition, baseOffset]) => ({ topic, partition, baseOffset, errorCode: 0 }));
  }

  /** Every message of a partition, in offset order. */
  messages(topic: string, partition: number): readonly DriverFetchedMessage[] {
    return this.topics.get(topic)?.partitions[partition] ?? [];
  }

  /** Up to `max` messages of a partition from `offset` on. */
  fetch(topic: string, partition: number, offset: bigint, max: number): DriverFetchedMessage[] {
    const messages = this.messages(topic, partition);
    const start = Number(offset);
    return messages.slice(start, start + max);
  }

  highWatermark(topic: string, partition: number): string {
    return String(this.messages(topic, partition).length);
  }

  /** The group's committed offset of a partition (the next offset to consume), if any. */
  committedOffset(groupId: string, topic: string, partition: number): string | undefined {
    return this.committed.get(groupId)?.get(`${topic}:${partition}`);
  }

  /** The group's committed offsets, by topic and partition. */
  committedOffsets(groupId: string): Array<{ topic: string; partition: number; offset: string }> {
    return [...(this.committed.get(groupId) ?? [])].map(([key, offset]) => {
      const at = key.lastIndexOf(':');
      return { topic: key.slice(0, at), partition: Number(key.slice(at + 1)), offset };
    });
  }

  commit(groupId: string, topic: string, partition: number, offset: string): void {
    let byPartition = this.committed.get(groupId);
    if (!byPartition) {
      byPartition = new Map();
      this.committed.set(groupId, byPartition);
    }
    byPartition.set(`${topic}:${partition}`, offset);
  }

  /** A consumer joined its group (or rejoined with a new assignment). */
  join(member: GroupMember): void {
    this.members.set(member.memberId, member);
  }

  leave(memberId: string): void {
    this.members.delete(memberId);
  }

  /** The live members of a group. */
  membersOf(groupId: string): GroupMember[] {
    return [...this.members.values()].filter((member) => member.groupId === groupId);
  }

  /** Every group that has members or committed offsets. */
  groupIds(): string[] {
    return [...new Set([...this.committed.keys(), ...[...this.members.values()].map((m) => m.groupId)])];
  }

  /** Forgets a group's committed offsets (the caller checks it has no members). */
  deleteGroup(groupId: string): void {
    this.committed.delete(groupId);
  }

  /** The next `count` connects of any consumer or producer of this cluster reject with `error` (crash injection). */
  failConnects(error: Error, count = 1): void {
    for (let i = 0; i < count; i++) this.connectFailures.push(error);
  }

  /** Throws the next injected connect failure, if any (used by the clients' `connect`). */
  takeConnectFailure(): void {
    const failure = this.connectFailures.shift();
    if (failure) throw failure;
  }

  /** Resolves at the next change a fetch loop may be waiting for; `onWake` runs the moment it happens. */
  nextChange(onWake?: () => void): { promise: Promise<void>; cancel: () => void } {
    let wake!: Wake;
    const promise = new Promise<void>((resolve) => {
      wake = () => {
        onWake?.();
        resolve();
      };
    });
    this.waiters.add(wake);
    return { promise, cancel: () => this.waiters.delete(wake) };
  }

  wakeAll(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  private topic(name: string): Topic {
    const topic = this.topics.get(name);
    if (!topic) {
      throw unknownTopicOrPartition(`This server does not host this topic-partition: ${name}`, true);
    }
    return topic;
  }

  private choosePartition(key: DriverRecord['key'], count: number): number {
    if (key === null || key === undefined) return this.roundRobin++ % count;
    return partitionOfKey(toBuffer(key) as Buffer, count);
  }
}

function toBuffer(value: Buffer | string | null | undefined): Buffer | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? Buffer.from(value) : value;
}

function copyHeaders(headers: Headers | undefined): Headers {
  const result: Headers = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    result[name] = typeof value === 'string' ? Buffer.from(value) : value;
  }
  return result;
}
