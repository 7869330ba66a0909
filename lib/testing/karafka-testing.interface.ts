import type { KafkaMessage } from '../message/kafka-message.interface';

export interface KarafkaTestingOptions {
  /**
   * Partitions of the topics the in-memory clusters create on first use: one count for every topic, or counts by
   * topic name. Without one, a topic the app declares (`@KafkaTopic(name, { config: { partitions } })`,
   * `forRoot({ topics })`) gets its declared count, any other topic 1.
   */
  partitions?: number | Record<string, number>;
}

export interface TestProduceOptions {
  key?: string | Buffer | null;
  headers?: Record<string, string | Buffer>;
  /** Without one: the hash of the key, or round robin. */
  partition?: number;
  /**
   * The cluster to write to. Default: the default producer's cluster (the primary one unless
   * `forRoot({ producer: { cluster } })` says otherwise), as `@InjectProducer()` writes in production.
   */
  cluster?: string;
}

/** Where `karafka.produce` wrote a message. */
export interface TestMessageMetadata {
  cluster: string;
  topic: string;
  partition: number;
  offset: string;
}

export interface ConsumeAllOptions {
  /**
   * Called while a partition is paused with messages left (a retry's backoff, `ctx.pause`, a job enqueued for
   * later), then consumption goes on, until nothing is paused any more: e.g.
   * `() => jest.advanceTimersToNextTimerAsync()` with jest's fake timers. Without it, `consumeAll` returns with
   * those partitions paused (listed in `waiting`), as a consumer on a broker would be.
   */
  advanceTimers?: () => unknown;
  /** Most calls of `advanceTimers` before giving up with an error naming what still waits. Default 100. */
  maxTimerRounds?: number;
  /** Real milliseconds a consume call may run before `consumeAll` fails naming it. Default 4000. */
  timeoutMs?: number;
}

/** A partition that is paused with messages left when `consumeAll` returns. */
export interface WaitingPartition {
  cluster: string;
  topic: string;
  partition: number;
  /** The next offset it will consume. */
  offset: string;
}

export interface ConsumeAllResult {
  waiting: WaitingPartition[];
}

/** What one of the application's producers sent: the message as a consumer of its topic would read it. */
export interface ProducedMessage<T = unknown> extends KafkaMessage<T> {
  /** The producer's name: `default`, a configured name, or `internal:<cluster>` for the library's dead letters. */
  producer: string;
}

export interface ProducedFilter {
  cluster?: string;
  producer?: string;
}

/** A message sent to a dead-letter topic, read back with where and why it failed. */
export interface DeadLetter<T = unknown> {
  /** The failed message's payload (decoded like the dead-letter topic's messages: JSON, else its bytes). */
  payload: T;
  key: string | null;
  /** The failed message's own headers, without the `source_*` ones the dead-letter dispatch added. */
  headers: Record<string, string | undefined>;
  /** Where it failed: the cluster, consumer group, topic, partition and offset it was consumed from. */
  cluster: string;
  consumerGroup: string;
  topic: string;
  partition: number;
  offset: string;
  /** How often `consume` failed on it. */
  attempts: number;
  error: { name: string; message: string };
  /** Where the dead letter itself is. */
  deadLetter: { topic: string; partition: number; offset: string };
}

/** A job message found on a job topic. */
export interface TestJob {
  id: string;
  /** The job's name (its class name unless `@KafkaJob` names it). */
  job: string;
  args: unknown;
  cluster: string;
  topic: string;
  partition: number;
  offset: string;
  enqueuedAt: Date;
  performAt?: Date;
  /** True until the job's consumer has dealt with it (performed it, or dead-lettered it). */
  pending: boolean;
}
