import type { DriverRecord } from '../driver/kafka-driver.port';
import type { SendSpan } from '../instrumentation/karafka-tracing.interface';
import { markHandled } from './handled-rejection';
import type { ManyDelivery } from './many-delivery';
import type { DeliveryReport } from './produce-message.interface';

/**
 * One queued message. A single message (produceAsync/produceSync) gets a promise derived from its batch's
 * outcome; one of a produceMany call reports to that call's `ManyDelivery` under its index.
 */
export class Pending {
  /** The single message's promise (set when it joins a batch). */
  promise?: Promise<DeliveryReport>;
  /** Its send span, when tracing is on. */
  span?: SendSpan;

  constructor(
    readonly record: DriverRecord,
    readonly topic: string,
    readonly group: ManyDelivery | undefined,
    readonly index: number,
  ) {}
}

/**
 * Reaction handlers by position in a batch, created once per position and shared by every batch of one
 * producer. A single message's promise is its batch's outcome `.then(pickerAt(i), throwerAt(i))`: one
 * derived promise per message instead of a promise, two resolving functions and a closure. Everything
 * enqueued stays alive until acknowledged, so with bursts of thousands of messages this is what the
 * garbage collector feels.
 */
export class PositionReactions {
  private readonly pickers: Array<(outcomes: Outcome[]) => DeliveryReport> = [];
  private readonly throwers: Array<(errors: Error[]) => never> = [];

  pickerAt(position: number): (outcomes: Outcome[]) => DeliveryReport {
    return (this.pickers[position] ??= (outcomes) => {
      const outcome = outcomes[position];
      // A batch split to isolate a message the broker refused settles each message on its own.
      if (outcome instanceof Error) throw outcome;
      return outcome;
    });
  }

  throwerAt(position: number): (errors: Error[]) => never {
    return (this.throwers[position] ??= (errors) => {
      throw errors[position];
    });
  }
}

/** One message's result: its report, or the error it failed with. */
export type Outcome = DeliveryReport | Error;

/** Messages that go out in one driver request. */
export class Batch {
  readonly entries: Pending[] = [];
  /** Callbacks of `flush()` calls waiting for this batch. */
  waiters?: Array<() => void>;
  /** Settles with every report (or every error) by position; single messages' promises derive from it. */
  private outcome?: Promise<Outcome[]>;
  private resolveOutcome?: (outcomes: Outcome[]) => void;
  private rejectOutcome?: (errors: Error[]) => void;

  /** `openedAt`: when the first message was enqueued, the start of its latency and of its deadline. */
  constructor(
    readonly openedAt: number,
    private readonly reactions: PositionReactions,
  ) {}

  /** Adds a message; a single message gets its promise here. */
  push(pending: Pending): void {
    const position = this.entries.push(pending) - 1;
    if (pending.group) return;
    this.outcome ??= new Promise<Outcome[]>((resolve, reject) => {
      this.resolveOutcome = resolve;
      this.rejectOutcome = reject;
    });
    pending.promise = this.outcome.then(
      this.reactions.pickerAt(position),
      this.reactions.throwerAt(position),
    );
  }

  delivered(reports: DeliveryReport[]): void {
    for (let i = 0; i < this.entries.length; i++) {
      const { group, index } = this.entries[i];
      if (group) group.delivered(index, reports[i]);
    }
    this.resolveOutcome?.(reports);
  }

  /** Each message settled on its own: some delivered, some failed. */
  settledEach(outcomes: Outcome[]): void {
    for (let i = 0; i < this.entries.length; i++) {
      const { group, index, promise } = this.entries[i];
      const outcome = outcomes[i];
      if (!(outcome instanceof Error)) group?.delivered(index, outcome);
      else if (group) group.failed(outcome);
      else if (promise) markHandled(promise);
    }
    this.resolveOutcome?.(outcomes);
  }

  failed(errors: Error[]): void {
    for (let i = 0; i < this.entries.length; i++) {
      const { group, promise } = this.entries[i];
      if (group) group.failed(errors[i]);
      else if (promise) markHandled(promise);
    }
    this.rejectOutcome?.(errors);
  }

  /** Tells `flush()` callers, once the messages' own promises have settled (so their callbacks ran first). */
  settle(): void {
    const waiters = this.waiters;
    if (!waiters) return;
    const notify = () => waiters.forEach((waiter) => waiter());
    if (this.outcome) this.outcome.then(notify, notify);
    else notify();
  }
}
