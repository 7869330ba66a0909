import { LatencyHistogram } from './latency-histogram';

describe('LatencyHistogram', () => {
  it('reports zeros when empty', () => {
    expect(new LatencyHistogram().percentiles()).toEqual({ p50: 0, p95: 0, p99: 0, max: 0 });
  });

  it('finds percentiles within the bucket resolution (~9%) and the exact max', () => {
    const histogram = new LatencyHistogram();
    for (let ms = 1; ms <= 1000; ms++) histogram.record(ms);

    const { p50, p95, p99, max } = histogram.percentiles();
    expect(max).toBe(1000);
    expect(p50).toBeGreaterThanOrEqual(500);
    expect(p50).toBeLessThanOrEqual(500 * 1.091);
    expect(p95).toBeGreaterThanOrEqual(950);
    expect(p95).toBeLessThanOrEqual(950 * 1.091);
    expect(p99).toBeGreaterThanOrEqual(990);
    expect(p99).toBeLessThanOrEqual(1000);
  });

  it('weights an observation by its count (one latency for a whole acknowledged request)', () => {
    const histogram = new LatencyHistogram();
    histogram.record(2, 99);
    histogram.record(400, 1);

    expect(histogram.count).toBe(100);
    expect(histogram.percentiles().p95).toBeLessThan(2.2);
    expect(histogram.percentiles().max).toBe(400);
  });

  it('keeps tiny and huge latencies in its edge buckets and resets', () => {
    const histogram = new LatencyHistogram();
    histogram.record(0);
    histogram.record(10 * 60 * 1000);
    expect(histogram.percentiles()).toEqual({ p50: 0.05, p95: 600000, p99: 600000, max: 600000 });

    histogram.reset();
    expect(histogram.count).toBe(0);
    expect(histogram.percentiles().max).toBe(0);
  });
});
