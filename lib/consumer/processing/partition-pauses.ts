import type { Logger } from '@nestjs/common';
import { errorMessage } from '../../common/error-message';

/** Retry bookkeeping and pause timer of one topic-partition. */
export interface PartitionState {
  topic: string;
  partition: number;
  /** First message of the failing batch and how often it failed in a row. */
  failingOffset?: string;
  failures: number;
  resumeTimer?: NodeJS.Timeout;
  resumeAt: number;
  /** The last fetched batch's high watermark and first offset, and the last offset consumed: what lag is computed from. */
  highWatermark?: string;
  fetchedOffset?: string;
  consumedOffset?: string;
}

/**
 * The runner's own pauses of its partitions (a retry's backoff, `ctx.pause(ms)`), each resumed by a timer.
 * A longer pause already in place wins; stopping clears every timer.
 */
export class PartitionPauses {
  private readonly partitions = new Map<string, PartitionState>();
  private stopped = false;

  constructor(private readonly logger: Logger) {}

  state(topic: string, partition: number): PartitionState {
    const key = `${topic}:${partition}`;
    let state = this.partitions.get(key);
    if (!state) {
      state = { topic, partition, failures: 0, resumeAt: 0 };
      this.partitions.set(key, state);
    }
    return state;
  }

  /** Every partition this runner has fetched from since it started. */
  all(): IterableIterator<PartitionState> {
    return this.partitions.values();
  }

  /** Pauses the partition with the driver's `pause` and resumes it after `ms`; unresolved messages are fetched again then. */
  pause(state: PartitionState, pause: () => () => void, ms: number): void {
    const resumeAt = Date.now() + ms;
    if (state.resumeTimer && state.resumeAt >= resumeAt) return;
    clearTimeout(state.resumeTimer);
    const resume = pause();
    state.resumeAt = resumeAt;
    state.resumeTimer = setTimeout(() => {
      state.resumeTimer = undefined;
      if (this.stopped) return;
      try {
        resume();
      } catch (error) {
        // The consumer restarted meanwhile; its new instance does not carry the pause.
        this.logger.debug(`Resuming ${state.topic}/${state.partition}: ${errorMessage(error)}`);
      }
    }, ms);
  }

  /** Clears every resume timer: a stopping runner resumes nothing. */
  stop(): void {
    this.stopped = true;
    for (const state of this.partitions.values()) clearTimeout(state.resumeTimer);
  }
}
