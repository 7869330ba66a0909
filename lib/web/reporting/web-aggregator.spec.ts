import { sampleError, sampleReport } from '../../../test/unit/web/sample-report';
import { WebAggregator } from './web-aggregator';

const TTL = 30_000;
const NOW = 1_700_000_000_000;

describe('WebAggregator', () => {
  it('materialises reports into processes, series and errors, and hands them on through its messages', () => {
    const live = new WebAggregator(TTL);
    const report = sampleReport('a', NOW - 1000, {
      counters: { primary: { consumedPerSecond: 5, producedPerSecond: 1, errors: 1, lag: 3 } },
      errors: [sampleError('a', 1, NOW - 1500)],
    });
    expect(live.apply(report, NOW - 900, { partition: 0, offset: '7' })).toBe(true);

    const state = live.stateMessage(NOW, 'a');
    const metrics = live.metricsMessage(NOW);
    expect(state).toMatchObject({ publishedAt: NOW, publishedBy: 'a', reportsOffsets: { 0: '7' } });

    const reader = new WebAggregator(TTL, { state, metrics, errors: [sampleError('a', 1, NOW - 1500)] });
    expect(reader.processes(NOW).map((view) => [view.process.id, view.status, view.receivedAt])).toEqual([
      ['a', 'up', NOW - 900],
    ]);
    expect(reader.series('minutes').at(-1)!.clusters.total).toEqual({
      consumedPerSecond: 5,
      producedPerSecond: 1,
      errors: 1,
      lag: 3,
    });
    expect(reader.errors({ offset: 0, limit: 10 }).items.map((error) => error.id)).toEqual(['a:1']);
    expect(reader.lastPublished).toEqual({ at: NOW, by: 'a' });
  });

  it('skips reports it already materialised, by offset per partition', () => {
    const rate = (consumedPerSecond: number) => ({
      counters: { primary: { consumedPerSecond, producedPerSecond: 0, errors: 0, lag: 0 } },
    });
    const first = new WebAggregator(TTL);
    first.apply(sampleReport('a', NOW - 2000, rate(10)), NOW, { partition: 0, offset: '10' });
    const resumed = new WebAggregator(TTL, {
      state: first.stateMessage(NOW, 'a'),
      metrics: first.metricsMessage(NOW),
    });

    expect(resumed.apply(sampleReport('a', NOW - 2000, rate(100)), NOW, { partition: 0, offset: '10' })).toBe(
      false,
    );
    expect(resumed.apply(sampleReport('a', NOW - 1000, rate(10)), NOW, { partition: 0, offset: '11' })).toBe(
      true,
    );
    expect(resumed.series('minutes').at(-1)!.clusters.primary.consumedPerSecond).toBe(10);
    expect(resumed.processes(NOW)[0].reportedAt).toBe(NOW - 1000);
  });
});
