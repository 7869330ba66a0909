import type { DriverRecordMetadata } from '../driver/kafka-driver.port';
import { withDeadline } from './delivery-deadline';
import { DriverError } from '../driver/driver-error';
import { Batch, PositionReactions, type Outcome, type Pending } from './pending-batch';
import type { DeliveryReport } from './produce-message.interface';

export interface SendQueueSettings {
  lingerMs: number;
  batchNumMessages: number;
  maxInFlight: number;
  deliveryTimeoutMs: number;
}

/** What the producer does with one request: send it, and turn its answer into reports or errors. */
export interface BatchDelivery {
  /** `signal` is aborted once the delivery's deadline passed (see `withDeadline`). */
  deliver(entries: ReadonlyArray<Pending>, signal: AbortSignal): Promise<DriverRecordMetadata[]>;
  /** Each message's report, by position (after counting and publishing the acknowledgement). */
  acknowledged(
    entries: ReadonlyArray<Pending>,
    metadata: DriverRecordMetadata[],
    latencyMs: number,
  ): DeliveryReport[];
  /** Each message's error, by position (after counting and publishing the failure). */
  failed(entries: ReadonlyArray<Pending>, cause: unknown): Error[];
}

/** The broker refused a record of the request as too large (its limit or the topic's is below the client's). */
function isTooLarge(error: unknown): boolean {
  return error instanceof DriverError && error.kind === 'message-too-large';
}

/**
 * One producer's queue: the open batch accumulates messages until it is full, its linger time is up, or a
 * sync call (or flush) wants it sent; sealed batches wait for one of `maxInFlight` request slots; each
 * request is bounded by `deliveryTimeoutMs`, counted from its first message's enqueueing.
 */
export class SendQueue {
  private readonly reactions = new PositionReactions();
  /** Batch accepting messages. */
  private open?: Batch;
  /** Sealed batches waiting for a free in-flight slot, oldest first. */
  private readonly ready: Batch[] = [];
  private readonly inFlight = new Set<Batch>();
  /** The open batch should go as soon as a slot is free. */
  private due = false;
  /** Timer that makes the open batch due after `lingerMs` (an Immediate when it is 0). */
  private linger?: NodeJS.Timeout | NodeJS.Immediate;
  private readonly lingerElapsed = (): void => {
    this.linger = undefined;
    if (this.open) {
      this.due = true;
      this.pump();
    }
  };

  constructor(
    private readonly settings: SendQueueSettings,
    private readonly delivery: BatchDelivery,
  ) {}

  add(pending: Pending): void {
    const batch = (this.open ??= new Batch(performance.now(), this.reactions));
    batch.push(pending);
    if (batch.entries.length >= this.settings.batchNumMessages) {
      this.sealOpen();
      this.ready.push(batch);
      this.pump();
    }
  }

  /** Async path: make sure the open batch goes out after its linger time. */
  schedule(): void {
    if (!this.open || this.linger) return;
    const { lingerMs } = this.settings;
    this.linger = lingerMs > 0 ? setTimeout(this.lingerElapsed, lingerMs) : setImmediate(this.lingerElapsed);
  }

  /** Sync path (and flush): the open batch goes as soon as a slot is free. */
  sendNow(): void {
    if (this.open) this.due = true;
    this.pump();
  }

  /** Resolves once everything enqueued so far is acknowledged or failed. Never rejects. */
  flush(): Promise<void> {
    const pending = [...this.ready, ...this.inFlight];
    if (this.open) pending.push(this.open);
    if (pending.length === 0) return Promise.resolve();
    const flushed = new Promise<void>((resolve) => {
      let left = pending.length;
      const done = () => {
        if (--left === 0) resolve();
      };
      for (const batch of pending) (batch.waiters ??= []).push(done);
    });
    this.sendNow();
    return flushed;
  }

  /** The open batch stops accepting messages; its linger timer has no purpose any more. */
  private sealOpen(): void {
    this.open = undefined;
    this.due = false;
    if (this.linger) {
      if (this.settings.lingerMs > 0) clearTimeout(this.linger as NodeJS.Timeout);
      else clearImmediate(this.linger as NodeJS.Immediate);
      this.linger = undefined;
    }
  }

  /** Fills free in-flight slots: sealed batches first, then the open one if it is due. */
  private pump(): void {
    while (this.inFlight.size < this.settings.maxInFlight) {
      let batch = this.ready.shift();
      if (!batch) {
        if (!this.due || !this.open) break;
        batch = this.open;
        this.sealOpen();
      }
      void this.send(batch);
    }
  }

  private async send(batch: Batch): Promise<void> {
    this.inFlight.add(batch);
    const { entries, openedAt } = batch;
    try {
      const metadata = await this.deliverBefore(entries, openedAt);
      batch.delivered(this.delivery.acknowledged(entries, metadata, performance.now() - openedAt));
    } catch (error) {
      if (entries.length > 1 && isTooLarge(error)) batch.settledEach(await this.oneByOne(entries, openedAt));
      else batch.failed(this.delivery.failed(entries, error));
    } finally {
      this.inFlight.delete(batch);
      batch.settle();
      this.pump();
    }
  }

  private deliverBefore(entries: ReadonlyArray<Pending>, openedAt: number): Promise<DriverRecordMetadata[]> {
    return withDeadline(
      (signal) => this.delivery.deliver(entries, signal),
      openedAt,
      this.settings.deliveryTimeoutMs,
    );
  }

  /**
   * The broker refused the whole request for one oversize record: send each message alone, in order, so only
   * that one fails. Messages of other partitions that the refused request did write are written again (at
   * least once).
   */
  private async oneByOne(entries: ReadonlyArray<Pending>, openedAt: number): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    for (const entry of entries) {
      const alone = [entry];
      try {
        const metadata = await this.deliverBefore(alone, openedAt);
        outcomes.push(this.delivery.acknowledged(alone, metadata, performance.now() - openedAt)[0]);
      } catch (error) {
        outcomes.push(this.delivery.failed(alone, error)[0]);
      }
    }
    return outcomes;
  }
}
