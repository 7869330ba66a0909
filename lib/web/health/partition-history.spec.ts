import { MAX_SAMPLES, PartitionHistory } from './partition-history';

describe('PartitionHistory', () => {
  it('keeps a window of at least 10 minutes, twice the threshold when longer', () => {
    expect(new PartitionHistory(60_000).windowMs).toBe(600_000);
    expect(new PartitionHistory(3_600_000).windowMs).toBe(7_200_000);
  });

  it('dates a change of the committed offset by the reading that saw it', () => {
    const history = new PartitionHistory(1_000);
    expect(history.record('p', 1_000, '5', 3)).toEqual({
      samples: [{ at: 1_000, lag: 3 }],
      firstSeenAt: 1_000,
    });
    expect(history.record('p', 60_000, '5', 4).committedChangedAt).toBeUndefined();
    const changed = history.record('p', 120_000, '7', 2);
    expect(changed.committedChangedAt).toBe(120_000);
    expect(changed.samples.map((s) => s.lag)).toEqual([3, 4, 2]);
    expect(history.record('p', 180_000, '7', 2).committedChangedAt).toBe(120_000);
  });

  it('replaces the newest reading while readings come faster than the spacing, keeping the oldest', () => {
    const history = new PartitionHistory(1_000);
    // The spacing is 600000 / 120 = 5 s.
    history.record('p', 0, '1', 1);
    history.record('p', 5_000, '1', 2);
    for (let at = 5_100; at < 6_000; at += 100) history.record('p', at, '1', 3);
    expect(history.record('p', 6_000, '1', 4).samples).toEqual([
      { at: 0, lag: 1 },
      { at: 5_000, lag: 2 },
      { at: 6_000, lag: 4 },
    ]);
  });

  it('stays bounded: samples within the window and MAX_SAMPLES, partitions not read for a window forgotten', () => {
    const history = new PartitionHistory(1_000);
    let last = history.record('p', 0, '0', 0);
    for (let at = 5_000; at <= 3_000_000; at += 5_000) last = history.record('p', at, '0', at);
    expect(last.samples.length).toBeLessThanOrEqual(MAX_SAMPLES + 1);
    expect(last.samples[0].at).toBeGreaterThanOrEqual(3_000_000 - history.windowMs);
    history.record('q', 3_000_000, '0', 0);
    expect(history.size).toBe(2);
    history.record('q', 3_000_000 + history.windowMs + 1, '0', 0);
    expect(history.size).toBe(1);
  });
});
