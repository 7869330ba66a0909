import { DEFAULT_HEALTH } from '../config/karafka.defaults';
import type { RunnerInfo } from '../consumer/subscription-group-runner';
import { livenessReport, readinessReport, type ReadinessFacts } from './health-report';

const NOW = 1_000_000;
const PRIMARY = { name: 'primary', brokers: ['127.0.0.1:19092'] };
const SECONDARY = { name: 'secondary', brokers: ['127.0.0.1:29092'] };
const OPTIONS = { ...DEFAULT_HEALTH, producerFailureThreshold: 3, producerFailureWindowMs: 60000 };

function runner(id: string, cluster: typeof PRIMARY, overrides: Partial<RunnerInfo> = {}): RunnerInfo {
  return {
    id,
    cluster: cluster.name,
    brokers: cluster.brokers,
    groupId: 'shop',
    topics: [`${id}.events`],
    state: 'running',
    consumers: 1,
    assignment: {},
    stateSince: NOW - 60_000,
    lastPollAt: NOW - 200,
    partitions: [],
    ...overrides,
  };
}

function readiness(overrides: Partial<ReadinessFacts> = {}) {
  return readinessReport({
    clusters: [
      { ...PRIMARY, probe: { reachable: true, latencyMs: 4 } },
      { ...SECONDARY, probe: { reachable: true, latencyMs: 6 } },
    ],
    runners: [runner('orders', PRIMARY), runner('audit', SECONDARY)],
    producers: [
      { producer: 'default', cluster: 'primary' },
      { producer: 'audit', cluster: 'secondary' },
    ],
    deliveries: [],
    now: NOW,
    options: OPTIONS,
    ...overrides,
  });
}

describe('readinessReport', () => {
  it('names the cluster and brokers of every entry', () => {
    expect(readiness()).toEqual({
      status: 'up',
      details: {
        clusters: {
          primary: { status: 'up', cluster: 'primary', brokers: ['127.0.0.1:19092'], latencyMs: 4 },
          secondary: { status: 'up', cluster: 'secondary', brokers: ['127.0.0.1:29092'], latencyMs: 6 },
        },
        subscriptionGroups: {
          orders: {
            status: 'up',
            cluster: 'primary',
            brokers: ['127.0.0.1:19092'],
            groupId: 'shop',
            topics: ['orders.events'],
            state: 'running',
            lastPollMsAgo: 200,
          },
          audit: {
            status: 'up',
            cluster: 'secondary',
            brokers: ['127.0.0.1:29092'],
            groupId: 'shop',
            topics: ['audit.events'],
            state: 'running',
            lastPollMsAgo: 200,
          },
        },
        producers: {
          default: {
            status: 'up',
            cluster: 'primary',
            brokers: ['127.0.0.1:19092'],
            failed: 0,
            acknowledged: 0,
            windowMs: 60000,
          },
          audit: {
            status: 'up',
            cluster: 'secondary',
            brokers: ['127.0.0.1:29092'],
            failed: 0,
            acknowledged: 0,
            windowMs: 60000,
          },
        },
      },
    });
  });

  it('makes only the entries of an unreachable cluster down', () => {
    const { status, details } = readiness({
      clusters: [
        { ...PRIMARY, probe: { reachable: true, latencyMs: 4 } },
        {
          ...SECONDARY,
          probe: { reachable: false, error: 'no answer to a metadata request within 3000 ms' },
        },
      ],
      runners: [runner('orders', PRIMARY), runner('audit', SECONDARY, { state: 'reconnecting' })],
    });
    expect(status).toBe('down');
    expect(details.clusters.secondary).toEqual({
      status: 'down',
      cluster: 'secondary',
      brokers: ['127.0.0.1:29092'],
      problems: ['no answer to a metadata request within 3000 ms'],
    });
    expect(details.subscriptionGroups.audit.problems).toEqual([
      "cluster 'secondary' is unreachable",
      'the group is reconnecting, not running',
    ]);
    expect(details.producers!.audit.problems).toEqual(["cluster 'secondary' is unreachable"]);
    const up = [details.clusters.primary, details.subscriptionGroups.orders, details.producers!.default];
    expect(up.map((entry) => entry.status)).toEqual(['up', 'up', 'up']);
  });

  it('marks a producer degraded from the failure threshold, and its cluster down with it', () => {
    const deliveries = [
      {
        producer: 'audit',
        cluster: 'secondary',
        failed: 3,
        acknowledged: 10,
        lastError: 'Message too large',
      },
    ];
    const { status, details } = readiness({ deliveries });
    expect(status).toBe('down');
    expect(details.producers!.audit).toMatchObject({
      status: 'down',
      failed: 3,
      acknowledged: 10,
      problems: ['3 failed message(s) in the last 60000 ms (threshold 3); last: Message too large'],
    });
    expect(details.clusters.secondary).toMatchObject({
      status: 'down',
      latencyMs: 6,
      problems: ["producer 'audit' is down"],
    });
    expect(details.clusters.primary.status).toBe('up');

    const below = readiness({ deliveries: [{ ...deliveries[0], failed: 2 }] });
    expect(below.status).toBe('up');
  });

  it('lists producers seen only on the monitor (dead-letter, jobs) and skips unchecked clusters', () => {
    const { details } = readiness({
      clusters: [{ ...PRIMARY, probe: { reachable: true, latencyMs: 4 } }],
      deliveries: [{ producer: 'internal:default', cluster: 'primary', failed: 0, acknowledged: 2 }],
    });
    expect(Object.keys(details.clusters)).toEqual(['primary']);
    expect(Object.keys(details.subscriptionGroups)).toEqual(['orders']);
    expect(Object.keys(details.producers!)).toEqual(['default', 'internal:default']);
  });
});

describe('livenessReport', () => {
  it('keeps a group reconnecting through an outage alive', () => {
    const report = livenessReport({
      clusters: [PRIMARY, SECONDARY],
      runners: [
        runner('orders', PRIMARY),
        runner('audit', SECONDARY, { state: 'reconnecting', lastPollAt: 0 }),
      ],
      now: NOW,
      options: OPTIONS,
    });
    expect(report.status).toBe('up');
    expect(report.details.producers).toBeUndefined();
    expect(report.details.clusters.secondary).toEqual({
      status: 'up',
      cluster: 'secondary',
      brokers: ['127.0.0.1:29092'],
    });
  });

  it('finds a running group that stopped polling dead, and its cluster with it', () => {
    const report = livenessReport({
      clusters: [PRIMARY, SECONDARY],
      runners: [
        runner('orders', PRIMARY, { stateSince: NOW - 500_000, lastPollAt: NOW - 400_000 }),
        runner('audit', SECONDARY),
      ],
      now: NOW,
      options: OPTIONS,
    });
    expect(report.status).toBe('down');
    expect(report.details.subscriptionGroups.orders.problems).toEqual([
      'no poll for 400000 ms while running (pollingTtlMs: 300000)',
    ]);
    expect(report.details.clusters.primary.problems).toEqual(["subscription group 'orders' is down"]);
    expect(report.details.clusters.secondary.status).toBe('up');
  });
});
