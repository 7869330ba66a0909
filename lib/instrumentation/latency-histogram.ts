/** Smallest latency told apart (ms); anything faster lands in the first bucket. */
const MIN_MS = 0.05;
/** Buckets per doubling: bucket bounds grow by 2^(1/8), so a percentile is at most ~9% above the truth. */
const STEPS_PER_DOUBLING = 8;
/** 0.05 ms × 2^23 ≈ 7 minutes; slower deliveries share the last bucket. */
const BUCKETS = 23 * STEPS_PER_DOUBLING + 1;

export interface LatencyPercentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * A fixed-size log-scale histogram of latencies in ms: recording is one `Math.log2` and an array
 * increment, memory never grows, percentiles are read on demand. Good enough for monitoring,
 * not for exact statistics.
 */
export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private total = 0;
  private max = 0;

  /** Records `count` observations of `latencyMs` (a batch acknowledged at once has one latency). */
  record(latencyMs: number, count = 1): void {
    const index =
      latencyMs <= MIN_MS
        ? 0
        : Math.min(BUCKETS - 1, Math.ceil(Math.log2(latencyMs / MIN_MS) * STEPS_PER_DOUBLING));
    this.counts[index] += count;
    this.total += count;
    if (latencyMs > this.max) this.max = latencyMs;
  }

  get count(): number {
    return this.total;
  }

  percentiles(): LatencyPercentiles {
    return {
      p50: this.percentile(0.5),
      p95: this.percentile(0.95),
      p99: this.percentile(0.99),
      max: round(this.max),
    };
  }

  reset(): void {
    this.counts.fill(0);
    this.total = 0;
    this.max = 0;
  }

  /** Upper bound of the bucket holding the q-quantile, capped by the exact maximum. */
  private percentile(q: number): number {
    if (this.total === 0) return 0;
    const rank = Math.ceil(q * this.total);
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      // The last bucket is open-ended: only the max bounds it.
      if (seen >= rank)
        return round(
          i === BUCKETS - 1 ? this.max : Math.min(this.max, MIN_MS * 2 ** (i / STEPS_PER_DOUBLING)),
        );
    }
    return round(this.max);
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
