import type { RunnerInfo } from '../consumer/subscription-group-runner';
import { assessGroup } from './assess-group';

const TTLS = { pollingTtlMs: 1000, consumingTtlMs: 2000, rebalancingTtlMs: 3000 };
const NOW = 100_000;

function runner(overrides: Partial<RunnerInfo> = {}): RunnerInfo {
  return {
    id: 'orders-1',
    cluster: 'primary',
    brokers: ['127.0.0.1:19092'],
    groupId: 'orders',
    topics: ['orders'],
    state: 'running',
    consumers: 1,
    assignment: { orders: [0] },
    stateSince: NOW - 60_000,
    lastPollAt: NOW - 10,
    partitions: [],
    ...overrides,
  };
}

describe('assessGroup', () => {
  it('finds a running group that polled recently alive and ready', () => {
    expect(assessGroup(runner(), NOW, TTLS)).toEqual({ liveness: [], readiness: [] });
  });

  it('finds a running group that stopped polling dead', () => {
    const { liveness, readiness } = assessGroup(runner({ lastPollAt: NOW - 1500 }), NOW, TTLS);
    expect(liveness).toEqual(['no poll for 1500 ms while running (pollingTtlMs: 1000)']);
    expect(readiness).toEqual(liveness);
  });

  it('counts a group that just joined and has not polled yet from when it started running', () => {
    expect(
      assessGroup(runner({ lastPollAt: NOW - 50_000, stateSince: NOW - 500 }), NOW, TTLS).liveness,
    ).toEqual([]);
    expect(
      assessGroup(runner({ lastPollAt: undefined, stateSince: NOW - 1001 }), NOW, TTLS).liveness,
    ).toEqual(['no poll for 1001 ms while running (pollingTtlMs: 1000)']);
  });

  it('judges a long consume by consumingTtlMs, not by the polling it blocks', () => {
    const consuming = runner({ lastPollAt: NOW - 1900, consumingSince: NOW - 1900 });
    expect(assessGroup(consuming, NOW, TTLS).liveness).toEqual([]);
    expect(assessGroup({ ...consuming, consumingSince: NOW - 2500 }, NOW, TTLS).liveness).toEqual([
      'a consume call has been running for 2500 ms (consumingTtlMs: 2000)',
    ]);
  });

  it('judges a rebalance by rebalancingTtlMs', () => {
    const rebalancing = runner({ lastPollAt: NOW - 2900, rebalancingSince: NOW - 2900 });
    expect(assessGroup(rebalancing, NOW, TTLS)).toEqual({ liveness: [], readiness: [] });
    expect(assessGroup({ ...rebalancing, rebalancingSince: NOW - 3100 }, NOW, TTLS).liveness).toEqual([
      'rebalancing for 3100 ms (rebalancingTtlMs: 3000)',
    ]);
  });

  it('keeps a reconnecting group alive (an outage is not fixed by a restart) but not ready', () => {
    const reconnecting = runner({ state: 'reconnecting', lastPollAt: NOW - 60_000, consumers: 0 });
    expect(assessGroup(reconnecting, NOW, TTLS)).toEqual({
      liveness: [],
      readiness: ['the group is reconnecting, not running'],
    });
  });

  it.each(['connecting', 'stopping', 'stopped'] as const)('finds a %s group not ready', (state) => {
    expect(assessGroup(runner({ state }), NOW, TTLS).readiness).toEqual([
      `the group is ${state}, not running`,
    ]);
  });

  it('finds a group never started (autoStartConsumers: false) ready', () => {
    expect(assessGroup(runner({ state: 'idle', lastPollAt: undefined }), NOW, TTLS)).toEqual({
      liveness: [],
      readiness: [],
    });
  });

  it('reports a consume stuck while the group stops', () => {
    const stuck = runner({ state: 'stopping', consumingSince: NOW - 5000 });
    expect(assessGroup(stuck, NOW, TTLS)).toEqual({
      liveness: ['a consume call has been running for 5000 ms (consumingTtlMs: 2000)'],
      readiness: [
        'the group is stopping, not running',
        'a consume call has been running for 5000 ms (consumingTtlMs: 2000)',
      ],
    });
  });
});
