import type { KafkaMessage } from './kafka-message.interface';

/** What a context needs from the runner for its topic-partition; valid while its batch is processed. */
export interface PartitionControl {
  /** Makes `offset` committable (the group's position becomes offset + 1). */
  resolve(offset: string): void;
  /** Stops fetching this partition for `ms`, then resumes it. */
  pause(ms: number): void;
  /** The next fetch of this partition starts at `offset`. */
  seek(offset: string): void;
  heartbeat(): Promise<void>;
}

/**
 * The second argument of `consume(messages, ctx)`: where the batch comes from, and control over its
 * topic-partition (Karafka's `mark_as_consumed`, `pause`, `seek`).
 */
export class KafkaContext {
  private marked: bigint | undefined;
  private sought = false;
  private paused = false;

  constructor(
    /** The cluster's name (`primary` for the primary cluster). */
    readonly cluster: string,
    readonly groupId: string,
    /** Id of the subscription group (one kafkajs consumer) that fetched the batch. */
    readonly subscriptionGroup: string,
    readonly topic: string,
    readonly partition: number,
    readonly messages: readonly KafkaMessage[],
    /** 1 on the first delivery of the batch's first message, +1 per retry of it. */
    readonly attempt: number,
    private readonly control: PartitionControl,
  ) {}

  /**
   * Marks `message` (and every message before it in this partition) as consumed: its offset is committed
   * even if `consume` throws afterwards, and a retry or dead-letter dispatch starts after it.
   */
  markAsConsumed(message: KafkaMessage): void {
    if (message.topic !== this.topic || message.partition !== this.partition) {
      throw new Error(
        `markAsConsumed: message ${message.topic}/${message.partition}@${message.offset} is not from this batch's partition ${this.topic}/${this.partition}`,
      );
    }
    const offset = BigInt(message.offset);
    if (this.marked !== undefined && offset <= this.marked) return;
    this.marked = offset;
    this.control.resolve(message.offset);
  }

  /**
   * Pauses fetching this partition for `ms` milliseconds. When `consume` returns, its batch is committed as
   * usual; messages fetched after it are delivered again once the pause ends.
   */
  pause(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new Error(
        `pause(${ms}) on ${this.topic}/${this.partition}: expected a number of milliseconds >= 0`,
      );
    }
    this.paused = true;
    this.control.pause(ms);
  }

  /**
   * Moves this partition's position: the next fetch starts at `offset`. What this batch did not mark as consumed
   * is not committed, and the rest of the fetched messages are not delivered.
   */
  seek(offset: string | number | bigint): void {
    const text = String(offset);
    if (!/^\d+$/.test(text)) {
      throw new Error(`seek(${text}) on ${this.topic}/${this.partition}: expected an offset >= 0`);
    }
    this.sought = true;
    this.control.seek(text);
  }

  /** Tells the group coordinator this consumer is alive; call it during long batches. */
  heartbeat(): Promise<void> {
    return this.control.heartbeat();
  }

  /** Highest offset marked with `markAsConsumed`, if any (used by the runner). */
  get lastMarkedOffset(): bigint | undefined {
    return this.marked;
  }

  /** Whether `seek` was called (used by the runner). */
  get seekRequested(): boolean {
    return this.sought;
  }

  /** Whether `pause` was called (used by the runner). */
  get pauseRequested(): boolean {
    return this.paused;
  }
}
