import { ReplayLog } from './replay-log';

describe('ReplayLog', () => {
  it('lets each confirmation replay once and remembers what was replayed, newest record first', () => {
    const log = new ReplayLog();
    expect(log.used('n1')).toBe(false);
    expect(log.claim('n1')).toBe(true);
    expect(log.claim('n1')).toBe(false);
    expect(log.used('n1')).toBe(true);
    const record = (count: number) => ({
      user: 'ops',
      at: count,
      cluster: 'primary',
      topic: 'd',
      count,
      targets: {},
    });
    log.record(record(1), ['primary/d/0/1']);
    log.record(record(2), ['primary/d/0/2']);
    expect(log.all().map((r) => r.count)).toEqual([2, 1]);
    expect(log.wasReplayed('primary/d/0/1')).toBe(true);
    expect(log.wasReplayed('secondary/d/0/1')).toBe(false);
  });
});
