import type { ClusterCounters, SeriesPoint, SeriesRange } from './web-report.interface';

/** Each range's resolution and length: 10 s points over 10 minutes, 1 min over the hour, 15 min over the day. */
export const SERIES_RANGES: Readonly<Record<SeriesRange, { bucketMs: number; points: number }>> = {
  minutes: { bucketMs: 10_000, points: 60 },
  hour: { bucketMs: 60_000, points: 60 },
  day: { bucketMs: 900_000, points: 96 },
};

/** A bucket stays open this long after its end, for reports that arrive late; later ones are dropped. */
export const LATE_REPORT_GRACE_MS = 30_000;

/** The key of the all-clusters sum in `SeriesPoint.clusters`. */
export const TOTAL = 'total';

/** One process's reports within an open bucket, per cluster. */
interface ProcessSample {
  reports: number;
  /** Rates are summed (averaged over `reports` when rendered), errors summed, lag the latest. */
  clusters: Record<string, { consumed: number; produced: number; errors: number; lag: number }>;
}

interface OpenBucket {
  at: number;
  processes: Record<string, ProcessSample>;
}

/** What the metrics topic holds: enough to go on aggregating after a restart or a hand-over. */
export interface SeriesState {
  /** The latest report time seen (the reporting processes' clocks): buckets close against it, not the reader's. */
  watermark: number;
  ranges: Record<SeriesRange, { closed: SeriesPoint[]; open: OpenBucket[] }>;
}

/**
 * The dashboard's time series, Karafka Web's aggregated metrics: every report adds its per-cluster counters to
 * the bucket of each range it falls in. A bucket adds up its processes (rates averaged over each process's
 * reports in it, lag as last reported) and closes into a plain point once the reports have moved past it, so
 * only the open buckets keep per-process detail and the stored state stays small whatever the process count.
 */
export class SeriesStore {
  private state: SeriesState;

  constructor(state?: SeriesState) {
    this.state = state ?? emptyState();
  }

  add(processId: string, reportedAt: number, counters: Record<string, ClusterCounters>): void {
    this.state.watermark = Math.max(this.state.watermark, reportedAt);
    for (const range of Object.keys(SERIES_RANGES) as SeriesRange[]) {
      const { bucketMs } = SERIES_RANGES[range];
      const stored = this.state.ranges[range];
      const at = Math.floor(reportedAt / bucketMs) * bucketMs;
      const lastClosed = stored.closed.at(-1)?.at ?? -Infinity;
      if (at > lastClosed) {
        let bucket = stored.open.find((open) => open.at === at);
        if (!bucket) {
          bucket = { at, processes: {} };
          stored.open.push(bucket);
          stored.open.sort((a, b) => a.at - b.at);
        }
        addSample(bucket, processId, counters);
      }
      this.close(range);
    }
  }

  /** The range's points, oldest first, the open buckets included as they stand. */
  points(range: SeriesRange): SeriesPoint[] {
    const { closed, open } = this.state.ranges[range];
    const { bucketMs, points } = SERIES_RANGES[range];
    const from = this.state.watermark - points * bucketMs;
    return [...closed, ...open.map(render)].filter((point) => point.at > from);
  }

  snapshot(): SeriesState {
    return structuredClone(this.state);
  }

  private close(range: SeriesRange): void {
    const stored = this.state.ranges[range];
    const { bucketMs, points } = SERIES_RANGES[range];
    while (
      stored.open.length > 0 &&
      stored.open[0].at + bucketMs + LATE_REPORT_GRACE_MS <= this.state.watermark
    ) {
      stored.closed.push(render(stored.open.shift()!));
    }
    const from = this.state.watermark - points * bucketMs;
    while (stored.closed.length > 0 && stored.closed[0].at <= from) stored.closed.shift();
  }
}

function emptyState(): SeriesState {
  const ranges = {} as SeriesState['ranges'];
  for (const range of Object.keys(SERIES_RANGES) as SeriesRange[]) ranges[range] = { closed: [], open: [] };
  return { watermark: 0, ranges };
}

function addSample(bucket: OpenBucket, processId: string, counters: Record<string, ClusterCounters>): void {
  const sample = (bucket.processes[processId] ??= { reports: 0, clusters: {} });
  sample.reports++;
  for (const [cluster, counter] of Object.entries(counters)) {
    const summed = (sample.clusters[cluster] ??= { consumed: 0, produced: 0, errors: 0, lag: 0 });
    summed.consumed += counter.consumedPerSecond;
    summed.produced += counter.producedPerSecond;
    summed.errors += counter.errors;
    summed.lag = counter.lag;
  }
}

function render(bucket: OpenBucket): SeriesPoint {
  const clusters: Record<string, ClusterCounters> = {};
  const total = zero();
  const samples = Object.values(bucket.processes);
  for (const sample of samples) {
    for (const [cluster, summed] of Object.entries(sample.clusters)) {
      const point = (clusters[cluster] ??= zero());
      for (const target of [point, total]) {
        target.consumedPerSecond += summed.consumed / sample.reports;
        target.producedPerSecond += summed.produced / sample.reports;
        target.errors += summed.errors;
        target.lag += summed.lag;
      }
    }
  }
  for (const point of [...Object.values(clusters), total]) {
    point.consumedPerSecond = round(point.consumedPerSecond);
    point.producedPerSecond = round(point.producedPerSecond);
  }
  return { at: bucket.at, processes: samples.length, clusters: { ...clusters, [TOTAL]: total } };
}

function zero(): ClusterCounters {
  return { consumedPerSecond: 0, producedPerSecond: 0, errors: 0, lag: 0 };
}

function round(rate: number): number {
  return Math.round(rate * 100) / 100;
}
