import type { RunnerInfo } from '../../consumer/subscription-group-runner';
import { KarafkaMonitor } from '../../instrumentation/karafka-monitor';
import type { ProducerStatistics } from '../../instrumentation/monitor-events.interface';
import { ProcessIdentity } from './process-info';
import { MAX_ERRORS_PER_REPORT, ReportCollector, type ProducerSource } from './report-collector';

const T0 = 1_700_000_000_000;

function runner(
  id: string,
  cluster: string,
  lags: number[],
  overrides: Partial<RunnerInfo> = {},
): RunnerInfo {
  return {
    id,
    cluster,
    brokers: [`${cluster}:9092`],
    groupId: id.split('@')[0],
    topics: ['orders'],
    state: 'running',
    consumers: 1,
    assignment: { orders: lags.map((_, partition) => partition) },
    stateSince: T0 - 10_000,
    lastPollAt: T0 - 5,
    partitions: lags.map((lag, partition) => ({ topic: 'orders', partition, highWatermark: '100', lag })),
    ...overrides,
  };
}

function producer(name: string, cluster: string, acked: number, failed = 0): ProducerSource {
  const statistics: ProducerStatistics = {
    sent: acked + failed + 1,
    acked,
    failed,
    bytes: 0,
    inFlight: 1,
    latencyMs: { p50: 2, p95: 5, p99: 9, max: 12 },
  };
  return { name, cluster, statistics: () => statistics };
}

function setup() {
  let now = T0;
  const monitor = new KarafkaMonitor();
  const state = {
    runners: [
      runner('shop@primary#0', 'primary', [3, 4]),
      runner('audit@secondary#0', 'secondary', [10]),
      runner('karafka_web', 'primary', [50]),
    ],
    producers: [
      producer('default', 'primary', 100),
      producer('dr', 'secondary', 10, 2),
      producer('mailers', 'secondary', 0),
      producer('internal:primary', 'primary', 1),
      producer('web:default', 'primary', 7),
    ],
  };
  const collector = new ReportCollector({
    monitor,
    process: new ProcessIdentity(T0 - 60_000),
    reporting: { name: 'primary', brokers: ['primary:9092'], producer: 'default', reason: 'why' },
    runners: () => state.runners,
    concurrency: (id) => (id === 'shop@primary#0' ? 4 : 1),
    producers: () => state.producers,
    jobProducers: () => ['mailers', 'default'],
    webProducer: 'web:default',
    webSubscriptionGroup: 'karafka_web',
    clock: () => now,
  });
  collector.attach();
  return { monitor, collector, state, advance: (ms: number) => (now += ms) };
}

const consumed = (subscriptionGroup: string, cluster: string, count: number) => ({
  cluster,
  groupId: subscriptionGroup.split('@')[0],
  subscriptionGroup,
  topic: 'orders',
  partition: 0,
  count,
  firstOffset: '0',
  lastOffset: String(count - 1),
  highWatermark: '100',
  durationMs: 1,
});

describe('ReportCollector', () => {
  it('reports groups, producers and per-cluster rates of the interval, without the Web UI’s own traffic', () => {
    const { monitor, collector, advance } = setup();
    monitor.emit('consumer.consumed', consumed('shop@primary#0', 'primary', 30));
    monitor.emit('consumer.consumed', consumed('audit@secondary#0', 'secondary', 5));
    monitor.emit('consumer.consumed', consumed('karafka_web', 'primary', 1000));
    advance(5000);

    const report = collector.collect();
    expect(report).toMatchObject({ schema: 1, reportedAt: T0 + 5000, intervalMs: 5000, stopping: false });
    expect(report.process.id).toMatch(/^.+:\d+:\d+$/);
    expect(
      report.groups.map((g) => [g.subscriptionGroup, g.cluster, g.concurrency, g.partitions.length]),
    ).toEqual([
      ['shop@primary#0', 'primary', 4, 2],
      ['audit@secondary#0', 'secondary', 1, 1],
      ['karafka_web', 'primary', 1, 1],
    ]);
    expect(report.producers.map((p) => [p.name, p.kind, p.ackedPerSecond])).toEqual([
      ['default', 'default', 20],
      ['dr', 'named', 2],
      ['mailers', 'jobs', 0],
      ['internal:primary', 'dead-letter', 0.2],
      ['web:default', 'web', 1.4],
    ]);
    expect(report.producers[1]).toMatchObject({
      sent: 13,
      acked: 10,
      failed: 2,
      inFlight: 1,
      latencyMs: { p50: 2, p95: 5, p99: 9 },
    });
    expect(report.counters).toEqual({
      primary: { consumedPerSecond: 6, producedPerSecond: 20.2, errors: 0, lag: 7 },
      secondary: { consumedPerSecond: 1, producedPerSecond: 2, errors: 0, lag: 10 },
    });
  });

  it('starts a new interval with each report: rates from acknowledgements since the previous one', () => {
    const { collector, state, advance } = setup();
    advance(1000);
    collector.collect();
    state.producers[0] = producer('default', 'primary', 150);
    advance(2000);

    const report = collector.collect(true);
    expect(report).toMatchObject({ intervalMs: 2000, stopping: true });
    expect(report.producers[0].ackedPerSecond).toBe(25);
    expect(report.counters.primary.consumedPerSecond).toBe(0);
  });

  it('reports each error once with where it happened, and leaves the Web producer’s own failures out', () => {
    const { monitor, collector, advance } = setup();
    const failure = new Error('boom');
    monitor.emit('consumer.errored', {
      ...consumed('shop@primary#0', 'primary', 1),
      partition: 1,
      error: failure,
      attempt: 2,
      action: 'retry',
      offset: '42',
    });
    monitor.emit('error.occurred', { type: 'consumer', error: failure, cluster: 'primary', topic: 'orders' });
    monitor.emit('error.occurred', {
      type: 'producer',
      error: new Error('refused'),
      producer: 'dr',
      cluster: 'secondary',
      topic: 'audit',
    });
    monitor.emit('error.occurred', {
      type: 'producer',
      error: new Error('reporting cluster down'),
      producer: 'web:default',
      cluster: 'primary',
    });
    advance(1000);

    const report = collector.collect();
    const processId = report.process.id;
    expect(report.errors).toEqual([
      {
        id: `${processId}:1`,
        processId,
        at: T0,
        type: 'consumer',
        name: 'Error',
        message: 'boom',
        stack: expect.stringContaining('boom'),
        cluster: 'primary',
        groupId: 'shop',
        topic: 'orders',
        partition: 1,
        offset: '42',
      },
      expect.objectContaining({
        id: `${processId}:2`,
        type: 'producer',
        producer: 'dr',
        cluster: 'secondary',
        topic: 'audit',
      }),
    ]);
    expect([report.counters.primary.errors, report.counters.secondary.errors]).toEqual([1, 1]);
    expect(collector.collect().errors).toEqual([]);
  });

  it(`publishes at most ${MAX_ERRORS_PER_REPORT} errors per report and counts them all`, () => {
    const { monitor, collector } = setup();
    for (let i = 0; i < MAX_ERRORS_PER_REPORT + 20; i++)
      monitor.emit('error.occurred', { type: 'admin', error: new Error(`e${i}`), cluster: 'secondary' });
    const report = collector.collect();
    expect(report.errors).toHaveLength(MAX_ERRORS_PER_REPORT);
    expect(report.counters.secondary.errors).toBe(MAX_ERRORS_PER_REPORT + 20);
  });

  it('reports jobs as the dispatcher publishes them, and stops listening when stopped', () => {
    const { monitor, collector } = setup();
    const job = {
      id: 'j1',
      job: 'SendMail',
      cluster: 'secondary',
      topic: 'mailers',
      partition: 0,
      offset: '1',
      attempt: 1,
    };
    monitor.emit('job.performing', job);
    expect(collector.collect().jobs.running.map((j) => j.id)).toEqual(['j1']);

    collector.stop();
    monitor.emit('job.performed', { ...job, durationMs: 3 });
    monitor.emit('error.occurred', { type: 'jobs', error: new Error('late'), cluster: 'secondary' });
    const report = collector.collect();
    expect(report.jobs.recent).toEqual([]);
    expect(report.errors).toEqual([]);
  });
});
