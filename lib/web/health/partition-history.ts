import type { LagSample } from './lag-trend';

/** Samples kept per partition: older ones are thinned out so these span the whole window. */
export const MAX_SAMPLES = 120;
/** The shortest window kept, whatever the threshold: enough for a trend worth drawing. */
const MIN_WINDOW_MS = 10 * 60_000;

/** What was observed of one partition of one group. */
export interface PartitionObservation {
  /** Oldest first, over the window. */
  samples: LagSample[];
  /** When the committed offset was last seen to change; undefined while it has not changed since `firstSeenAt`. */
  committedChangedAt?: number;
  firstSeenAt: number;
}

interface Tracked extends PartitionObservation {
  committed: string | null;
}

/**
 * Per-partition lag and committed offsets as the Health page reads them from Kafka, kept in this process's memory
 * (the reported time series holds lag per cluster only, and a group without members sends no reports at all):
 * at most `MAX_SAMPLES` per partition over the window, and a partition not read for a window is forgotten.
 * Kafka keeps no time of a commit, so a changed committed offset is dated by the reading that first saw it.
 */
export class PartitionHistory {
  private readonly partitions = new Map<string, Tracked>();
  readonly windowMs: number;

  constructor(growingForMs: number) {
    this.windowMs = Math.max(MIN_WINDOW_MS, 2 * growingForMs);
  }

  /** Records a reading and returns the partition's observations with it. */
  record(key: string, at: number, committed: string | null, lag: number): PartitionObservation {
    this.forgetOlderThan(at - this.windowMs);
    let tracked = this.partitions.get(key);
    if (!tracked) {
      tracked = { samples: [], committed, firstSeenAt: at };
      this.partitions.set(key, tracked);
    } else if (tracked.committed !== committed) {
      tracked.committed = committed;
      tracked.committedChangedAt = at;
    }
    const { samples } = tracked;
    const spacing = this.windowMs / MAX_SAMPLES;
    // Readings closer than the spacing to the one before the newest replace the newest: it stays current, and
    // frequent reloads do not push the start of a trend out of the kept samples.
    if (samples.length >= 2 && at - samples[samples.length - 2].at < spacing) samples.pop();
    samples.push({ at, lag });
    while (samples.length > 0 && samples[0].at < at - this.windowMs) samples.shift();
    while (samples.length > MAX_SAMPLES) samples.shift();
    const { samples: kept, committedChangedAt, firstSeenAt } = tracked;
    return { samples: [...kept], committedChangedAt, firstSeenAt };
  }

  get size(): number {
    return this.partitions.size;
  }

  private forgetOlderThan(limit: number): void {
    for (const [key, tracked] of this.partitions)
      if ((tracked.samples.at(-1)?.at ?? tracked.firstSeenAt) < limit) this.partitions.delete(key);
  }
}
