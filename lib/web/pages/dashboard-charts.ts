import type { ClusterCounters, SeriesPoint, SeriesRange } from '../reporting/web-report.interface';

/** What `charts.js` draws with uPlot: x in epoch seconds, one line per series (null = no point). */
export interface ChartSpec {
  title: string;
  unit: string;
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
export function seriesClusters(points: SeriesPoint[]): string[] {
  const names = new Set<string>();
  for (const point of points)
    for (const name of Object.keys(point.clusters)) if (name !== TOTAL) names.add(name);
  return [...[...names].sort(), TOTAL];
}

/** One chart of a counter: a line per cluster and one for the total. */
export function counterChart(
  points: SeriesPoint[],
  title: string,
  unit: string,
  pick: (counters: ClusterCounters) => number,
): ChartSpec {
  return {
    title,
    unit,
    x: points.map((point) => Math.round(point.at / 1000)),
    series: seriesClusters(points).map((cluster) => ({
      label: cluster,
      values: points.map((point) => (point.clusters[cluster] ? pick(point.clusters[cluster]) : null)),
    })),
  };
}

export function dashboardCharts(points: SeriesPoint[]): ChartSpec[] {
  return [
    counterChart(points, 'Consumed per second', 'msg/s', (c) => c.consumedPerSecond),
    counterChart(points, 'Produced per second', 'msg/s', (c) => c.producedPerSecond),
    counterChart(points, 'Lag', 'messages', (c) => c.lag),
    counterChart(points, 'Errors', 'errors', (c) => c.errors),
    {
      title: 'Processes reporting',
      unit: 'processes',
      x: points.map((point) => Math.round(point.at / 1000)),
      series: [{ label: 'processes', values: points.map((point) => point.processes) }],
    },
  ];
}
