import { idleWithLag, lagTrend } from './lag-trend';

const samples = (...lags: number[]) => lags.map((lag, i) => ({ at: i * 1_000, lag }));

describe('lagTrend', () => {
  it('is flat without samples, or with one', () => {
    expect(lagTrend([], 1_000)).toEqual({ change: 0, growingForMs: 0, flagged: false });
    expect(lagTrend(samples(7), 1_000)).toEqual({ change: 0, growingForMs: 0, flagged: false });
  });

  it('flags a lag climbing for the threshold or longer, plateaus included', () => {
    expect(lagTrend(samples(1, 2, 2, 3), 3_000)).toEqual({
      change: 2,
      growingSince: 0,
      growingForMs: 3_000,
      flagged: true,
    });
    expect(lagTrend(samples(1, 2, 2, 3), 3_001).flagged).toBe(false);
  });

  it('counts from the last drop, so a lag that fell and climbs again starts over', () => {
    expect(lagTrend(samples(1, 5, 9, 2, 3, 4), 2_000)).toMatchObject({
      change: 3,
      growingSince: 3_000,
      growingForMs: 2_000,
      flagged: true,
    });
  });

  it('counts from the last flat reading, not from the start of a long plateau', () => {
    expect(lagTrend(samples(5, 5, 5, 5, 6), 2_000)).toMatchObject({
      growingSince: 3_000,
      growingForMs: 1_000,
      flagged: false,
    });
  });

  it('keeps counting while a grown lag stays up (nothing consumed it), not once it drops or never grew', () => {
    expect(lagTrend(samples(1, 4, 4), 2_000)).toMatchObject({
      change: 3,
      growingForMs: 2_000,
      flagged: true,
    });
    expect(lagTrend(samples(1, 4, 3), 1_000)).toMatchObject({ change: 2, growingForMs: 0, flagged: false });
    expect(lagTrend(samples(9, 9, 9), 1_000).flagged).toBe(false);
  });
});

describe('idleWithLag', () => {
  it('flags a group with lag and no member only', () => {
    expect(idleWithLag(0, 3)).toBe(true);
    expect(idleWithLag(0, 0)).toBe(false);
    expect(idleWithLag(2, 3)).toBe(false);
  });
});
