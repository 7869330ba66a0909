import { LATE_REPORT_GRACE_MS, SERIES_RANGES, SeriesStore } from './series-store';
import type { ClusterCounters } from './web-report.interface';

const T0 = 1_700_000_000_000 - (1_700_000_000_000 % 900_000);

const counters = (consumed: number, produced = 0, errors = 0, lag = 0): ClusterCounters => ({
  consumedPerSecond: consumed,
  producedPerSecond: produced,
  errors,
  lag,
});

describe('SeriesStore', () => {
  it('adds up processes per bucket: rates averaged over each process’s reports, errors summed, lag as last reported', () => {
    const store = new SeriesStore();
    store.add('a', T0 + 1000, { primary: counters(10, 2, 1, 50) });
    store.add('a', T0 + 6000, { primary: counters(30, 4, 0, 40) });
    store.add('b', T0 + 2000, { primary: counters(5), secondary: counters(7, 0, 2, 3) });

    expect(store.points('minutes')).toEqual([
      {
        at: T0,
        processes: 2,
        clusters: {
          primary: counters(25, 3, 1, 40),
          secondary: counters(7, 0, 2, 3),
          total: counters(32, 3, 3, 43),
        },
      },
    ]);
    // Coarser ranges see the same reports in one wider bucket.
    expect(store.points('hour')[0]).toMatchObject({ at: T0, processes: 2 });
    expect(store.points('day')[0].clusters.total).toEqual(counters(32, 3, 3, 43));
  });

  it('closes a bucket once reports are past it and its grace, keeping only the range’s last points', () => {
    const { bucketMs, points } = SERIES_RANGES.minutes;
    const store = new SeriesStore();
    for (let i = 0; i < points + 10; i++) store.add('a', T0 + i * bucketMs, { primary: counters(i) });

    const series = store.points('minutes');
    expect(series).toHaveLength(points);
    expect(series[0].at).toBe(T0 + 10 * bucketMs);
    expect(series.at(-1)!.clusters.primary.consumedPerSecond).toBe(points + 9);
    const open = store.snapshot().ranges.minutes.open;
    expect(open.length).toBeLessThanOrEqual(Math.ceil(LATE_REPORT_GRACE_MS / bucketMs) + 1);
  });

  it('takes a late report into a bucket still open, and drops one whose bucket has closed', () => {
    const { bucketMs } = SERIES_RANGES.minutes;
    const store = new SeriesStore();
    store.add('a', T0, { primary: counters(1) });
    store.add('a', T0 + bucketMs + LATE_REPORT_GRACE_MS - 1, { primary: counters(1) });
    store.add('b', T0 + 5, { primary: counters(9) });
    expect(store.points('minutes')[0]).toMatchObject({ at: T0, processes: 2 });

    store.add('a', T0 + 2 * bucketMs + LATE_REPORT_GRACE_MS, { primary: counters(1) });
    store.add('c', T0 + 7, { primary: counters(100) });
    expect(store.points('minutes')[0]).toMatchObject({ at: T0, processes: 2 });
  });

  it('goes on from a stored state as if it had never stopped', () => {
    const store = new SeriesStore();
    store.add('a', T0, { primary: counters(4) });
    const resumed = new SeriesStore(JSON.parse(JSON.stringify(store.snapshot())));
    resumed.add('a', T0 + 1000, { primary: counters(8) });

    expect(resumed.points('minutes')[0].clusters.primary.consumedPerSecond).toBe(6);
    expect(store.points('minutes')[0].clusters.primary.consumedPerSecond).toBe(4);
  });
});
