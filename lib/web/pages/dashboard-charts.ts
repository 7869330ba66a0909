import { SERIES_RANGES } from '../reporting/series-store';
import type { ClusterCounters, SeriesPoint, SeriesRange } from '../reporting/web-report.interface';

/** What `charts.js` draws with uPlot: x in epoch seconds, one line per series (null = no point). */
export interface ChartSpec {
  title: string;
  unit: string;
  /** The x axis spans the whole range (epoch seconds), however few points there are yet. */
  from: number;
  to: number;
  /** Counts: y ticks on whole numbers. */
  integer: boolean;
  x: number[];
  series: Array<{ label: string; values: Array<number | null> }>;
}

export const RANGES: Record<SeriesRange, string> = {
  minutes: 'Last minutes',
  hour: 'Last hour',
  day: 'Last day',
};

const TOTAL = 'total';

/** The clusters named in any point, `total` last. */
function seriesClusters(points: SeriesPoint[]): string[] {
  const names = new Set<string>();
  for (const point of points)
    for (const name of Object.keys(point.clusters)) if (name !== TOTAL) names.add(name);
  return [...[...names].sort(), TOTAL];
}

interface Frame {
  range: SeriesRange;
  now: number;
}

function axis({ range, now }: Frame, points: SeriesPoint[]) {
  const { bucketMs, points: count } = SERIES_RANGES[range];
  return {
    from: Math.floor((now - bucketMs * count) / 1000),
    to: Math.ceil(now / 1000),
    x: points.map((point) => Math.round(point.at / 1000)),
  };
}

/** One chart of a counter: a line per cluster and one for the total. */
function counterChart(
  frame: Frame,
  points: SeriesPoint[],
  title: string,
  unit: string,
  pick: (counters: ClusterCounters) => number,
): ChartSpec {
  return {
    title,
    unit,
    integer: unit !== 'msg/s',
    ...axis(frame, points),
    series: seriesClusters(points).map((cluster) => ({
      label: cluster,
      values: points.map((point) => (point.clusters[cluster] ? pick(point.clusters[cluster]) : null)),
    })),
  };
}

export function dashboardCharts(frame: Frame, points: SeriesPoint[]): ChartSpec[] {
  return [
    counterChart(frame, points, 'Consumed per second', 'msg/s', (c) => c.consumedPerSecond),
    counterChart(frame, points, 'Produced per second', 'msg/s', (c) => c.producedPerSecond),
    counterChart(frame, points, 'Lag', 'messages', (c) => c.lag),
    counterChart(frame, points, 'Errors', 'errors', (c) => c.errors),
    {
      title: 'Processes reporting',
      unit: 'processes',
      integer: true,
      ...axis(frame, points),
      series: [{ label: 'processes', values: points.map((point) => point.processes) }],
    },
  ];
}
