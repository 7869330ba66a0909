import { sampleError, sampleReport } from '../../../test/unit/web/sample-report';
import { parseError, parseMetrics, parseReport, parseState } from './parse-web-message';
import { SeriesStore } from './series-store';

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('parseWebMessage', () => {
  it('reads back what the reporting side writes', () => {
    const report = sampleReport('a', 1000);
    expect(parseReport(json(report))).toEqual({ value: report });
    expect(parseError(json(sampleError('a', 1, 5)))).toEqual({ value: sampleError('a', 1, 5) });
    const state = {
      schema: 1,
      publishedAt: 1,
      publishedBy: 'a',
      reportsOffsets: { 0: '4' },
      processes: [{ report, receivedAt: 2 }],
    };
    expect(parseState(json(state))).toEqual({ value: state });
    const metrics = { schema: 1, publishedAt: 1, series: new SeriesStore().snapshot() };
    expect(parseMetrics(json(metrics))).toEqual({ value: metrics });
  });

  it('says why a message cannot be used, without throwing', () => {
    expect(parseReport(null)).toEqual({ problem: 'no value (a tombstone), not a process report' });
    expect(parseReport(Buffer.from('<script>'))).toEqual({ problem: 'not JSON, so not a process report' });
    expect(parseReport(json([1]))).toEqual({ problem: 'not a JSON object, so not a process report' });
    expect(parseReport(json({ ...sampleReport('a', 1), schema: 2 }))).toEqual({
      problem: 'a process report of schema 2; this version reads schema 1',
    });
    expect(parseReport(json({ ...sampleReport('a', 1), groups: 'none' }))).toEqual({
      problem: "not a process report: 'groups' is not an array",
    });
    expect(parseError(json({ ...sampleError('a', 1, 5), at: '5' }))).toEqual({
      problem: "not an error report: 'at' is not a number",
    });
    expect(
      parseState(
        json({ schema: 1, publishedAt: 1, reportsOffsets: {}, processes: [{ report: {}, receivedAt: 1 }] }),
      ),
    ).toEqual({ problem: 'not a consumers state: processes[0] is not a kept report' });
    expect(parseMetrics(json({ schema: 1, publishedAt: 1, series: { watermark: 0, ranges: {} } }))).toEqual({
      problem: "not a consumers metrics message: 'series.ranges.minutes.closed' is not an array",
    });
  });
});
