import { DriverError } from '../driver-error';
import type { DriverFetchedMessage, DriverRecord, DriverRecordMetadata, Headers } from '../kafka-driver.port';

export interface InMemoryClusterOptions {
  /** Partitions of a topic created on first use (produce or subscribe). Default 1; 0 turns auto-creation off. */
  autoCreatePartitions?: number;
  /** Most messages of one partition in one fetched batch (kafkajs bounds it by bytes). Default 500. */
  maxBatchSize?: number;
}

/** A waiter woken when something a fetch loop waits for happens (a message, a resume, a seek, a stop). */
type Wake = () => void;

/**
 * The broker side of the in-memory driver: topics with partitions and offsets, and the committed offsets of
 * each consumer group. Shared by every client of one cluster, like a real cluster is.
 */
export class InMemoryCluster {
  readonly maxBatchSize: number;
  private readonly autoCreatePartitions: number;
  private readonly topics = new Map<string, DriverFetchedMessage[][]>();
  private readonly committed = new Map<string, Map<string, string>>();
  private readonly waiters = new Set<Wake>();
  private readonly connectFailures: Error[] = [];
  private roundRobin = 0;

  constructor(options: InMemoryClusterOptions = {}) {
    this.autoCreatePartitions = options.autoCreatePartitions ?? 1;
    this.maxBatchSize = options.maxBatchSize ?? 500;
  }

  createTopic(topic: string, partitions = 1): void {
    if (this.topics.has(topic)) return;
    this.topics.set(
      topic,
      Array.from({ length: partitions }, () => []),
    );
  }

  hasTopic(topic: string): boolean {
    return this.topics.has(topic);
  }

  /** The partitions of `topic`, creating it when auto-creation is on; a DriverError `unknown-topic` otherwise. */
  partitionsOf(topic: string): number[] {
    if (!this.topics.has(topic) && this.autoCreatePartitions > 0)
      this.createTopic(topic, this.autoCreatePartitions);
    const partitions = this.topics.get(topic);
    if (!partitions) {
      throw new DriverError(`This server does not host this topic-partition: ${topic}`, {
        kind: 'unknown-topic',
        retriable: true,
        type: 'UNKNOWN_TOPIC_OR_PARTITION',
        code: 3,
      });
    }
    return partitions.map((_, index) => index);
  }

  /** Appends records; a record without a partition goes to the hash of its key, or round robin without one. */
  append(topic: string, records: DriverRecord[]): DriverRecordMetadata[] {
    const count = this.partitionsOf(topic).length;
    const log = this.topics.get(topic) as DriverFetchedMessage[][];
    const base = new Map<number, string>();
    for (const record of records) {
      const partition = record.partition ?? this.choosePartition(record.key, count);
      if (partition < 0 || partition >= count) {
        throw new DriverError(`Topic '${topic}' has no partition ${partition}`, {
          kind: 'unknown-topic',
          retriable: false,
          type: 'UNKNOWN_TOPIC_OR_PARTITION',
          code: 3,
        });
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
    }
    this.wakeAll();
    return [...base].map(([partition, baseOffset]) => ({ topic, partition, baseOffset, errorCode: 0 }));
  }

  /** Every message of a partition, in offset order. */
  messages(topic: string, partition: number): readonly DriverFetchedMessage[] {
    return this.topics.get(topic)?.[partition] ?? [];
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

  commit(groupId: string, topic: string, partition: number, offset: string): void {
    let byPartition = this.committed.get(groupId);
    if (!byPartition) {
      byPartition = new Map();
      this.committed.set(groupId, byPartition);
    }
    byPartition.set(`${topic}:${partition}`, offset);
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

  /** Resolves at the next change a fetch loop may be waiting for. */
  nextChange(): { promise: Promise<void>; cancel: () => void } {
    let wake!: Wake;
    const promise = new Promise<void>((resolve) => (wake = resolve));
    this.waiters.add(wake);
    return { promise, cancel: () => this.waiters.delete(wake) };
  }

  wakeAll(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  private choosePartition(key: DriverRecord['key'], count: number): number {
    if (key === null || key === undefined) return this.roundRobin++ % count;
    let hash = 0;
    for (const byte of toBuffer(key) as Buffer) hash = (hash * 31 + byte) >>> 0;
    return hash % count;
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
