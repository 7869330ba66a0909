import { Registry, register as globalRegister } from 'prom-client';
import type { ConsumerManager } from '../consumer/consumer-manager';
import type { RunnerInfo } from '../consumer/subscription-group-runner';
import { KarafkaMonitor } from '../instrumentation/karafka-monitor';
import type { ConsumerEventBase } from '../instrumentation/monitor-events.interface';
import { KarafkaMetrics } from './karafka-metrics';

const GROUP = { cluster: 'primary', groupId: 'shop', subscriptionGroup: 'shop@primary#0' };
const G = 'cluster="primary",consumer_group="shop",subscription_group="shop@primary#0"';

function runner(partitions: RunnerInfo['partitions'], state: RunnerInfo['state'] = 'running'): RunnerInfo {
  return {
    id: GROUP.subscriptionGroup,
    cluster: GROUP.cluster,
    brokers: ['127.0.0.1:19092'],
    groupId: GROUP.groupId,
    topics: ['orders'],
    state,
    consumers: 1,
    assignment: {},
    stateSince: 0,
    partitions,
  };
}

function setup() {
  const monitor = new KarafkaMonitor();
  let runners: RunnerInfo[] = [];
  const consumers: ConsumerManager = { runners: () => runners, liveConsumerCount: () => runners.length };
  const metrics = new KarafkaMetrics(monitor, consumers);
  const registry = new Registry();
  metrics.register(registry);
  /** The metric's samples as exposed, without its HELP and TYPE lines. */
  const scrape = async (name: string) =>
    (await registry.getSingleMetricAsString(name))
      .split('\n')
      .filter((line) => line && !line.startsWith('#'));
  return { monitor, metrics, registry, scrape, setRunners: (next: RunnerInfo[]) => (runners = next) };
}

const at = (topic: string, partition: number): ConsumerEventBase => ({ ...GROUP, topic, partition });

function consumed(monitor: KarafkaMonitor, partition: number, count: number, durationMs: number) {
  monitor.emit('consumer.consumed', {
    ...at('orders', partition),
    count,
    firstOffset: '0',
    lastOffset: String(count - 1),
    highWatermark: String(count),
    durationMs,
  });
}

describe('KarafkaMetrics', () => {
  it('counts consumed messages per partition and times each batch per topic', async () => {
    const { monitor, scrape } = setup();
    consumed(monitor, 0, 3, 4);
    consumed(monitor, 0, 2, 20);
    consumed(monitor, 1, 5, 200);

    expect(await scrape('karafka_messages_consumed_total')).toEqual([
      `karafka_messages_consumed_total{${G},topic="orders",partition="0"} 5`,
      `karafka_messages_consumed_total{${G},topic="orders",partition="1"} 5`,
    ]);
    const duration = await scrape('karafka_consumer_batch_duration_seconds');
    expect(duration).toEqual(
      expect.arrayContaining([
        `karafka_consumer_batch_duration_seconds_bucket{le="0.005",${G},topic="orders"} 1`,
        `karafka_consumer_batch_duration_seconds_bucket{le="0.025",${G},topic="orders"} 2`,
        `karafka_consumer_batch_duration_seconds_bucket{le="0.25",${G},topic="orders"} 3`,
        `karafka_consumer_batch_duration_seconds_sum{${G},topic="orders"} 0.224`,
        `karafka_consumer_batch_duration_seconds_count{${G},topic="orders"} 3`,
      ]),
    );
  });

  it('counts retries (retry and pause) and dead-lettered messages, and rebalances per subscription group', async () => {
    const { monitor, scrape } = setup();
    const error = new Error('boom');
    for (const action of ['retry', 'retry', 'pause', 'dead-letter'] as const)
      monitor.emit('consumer.errored', { ...at('orders', 2), error, attempt: 1, action });
    monitor.emit('consumer.rebalanced', { ...GROUP, assignment: { orders: [0, 1] } });
    monitor.emit('consumer.rebalanced', { ...GROUP, assignment: { orders: [0] } });

    expect(await scrape('karafka_consumer_retries_total')).toEqual([
      `karafka_consumer_retries_total{${G},topic="orders",partition="2"} 3`,
    ]);
    expect(await scrape('karafka_messages_dead_lettered_total')).toEqual([
      `karafka_messages_dead_lettered_total{${G},topic="orders",partition="2"} 1`,
    ]);
    // The partition was seen only failing: it exists at 0 consumed rather than missing.
    expect(await scrape('karafka_messages_consumed_total')).toEqual([
      `karafka_messages_consumed_total{${G},topic="orders",partition="2"} 0`,
    ]);
    expect(await scrape('karafka_consumer_rebalances_total')).toEqual([
      `karafka_consumer_rebalances_total{${G}} 2`,
    ]);
  });

  it('counts produced, acknowledged and failed messages per producer and topic, and the produce latency', async () => {
    const { monitor, scrape } = setup();
    const dr = { producer: 'dr', cluster: 'secondary' };
    monitor.emit('message.produced', {
      producer: 'default',
      cluster: 'primary',
      topic: 'a',
      count: 3,
      mode: 'sync',
    });
    monitor.emit('message.produced', { ...dr, topic: 'b', count: 1, mode: 'async' });
    monitor.emit('message.produced', { ...dr, topic: 'b', count: 4, mode: 'async' });
    for (const [partition, count, latencyMs] of [
      [0, 2, 3],
      [1, 1, 30],
    ])
      monitor.emit('message.acknowledged', {
        producer: 'default',
        cluster: 'primary',
        topic: 'a',
        partition,
        count,
        latencyMs,
      });
    monitor.emit('message.failed', { ...dr, topic: 'b', count: 5, error: new Error('too large') });

    const A = 'cluster="primary",producer="default",topic="a"';
    const B = 'cluster="secondary",producer="dr",topic="b"';
    expect(await scrape('karafka_messages_produced_total')).toEqual([
      `karafka_messages_produced_total{${A}} 3`,
      `karafka_messages_produced_total{${B}} 5`,
    ]);
    expect(await scrape('karafka_messages_acknowledged_total')).toEqual([
      `karafka_messages_acknowledged_total{${A}} 3`,
      `karafka_messages_acknowledged_total{${B}} 0`,
    ]);
    expect(await scrape('karafka_messages_failed_total')).toEqual([
      `karafka_messages_failed_total{${A}} 0`,
      `karafka_messages_failed_total{${B}} 5`,
    ]);
    const latency = await scrape('karafka_produce_latency_seconds');
    expect(latency).toEqual(
      expect.arrayContaining([
        'karafka_produce_latency_seconds_bucket{le="0.0025",cluster="primary",producer="default"} 0',
        'karafka_produce_latency_seconds_bucket{le="0.005",cluster="primary",producer="default"} 1',
        'karafka_produce_latency_seconds_bucket{le="0.05",cluster="primary",producer="default"} 2',
        'karafka_produce_latency_seconds_sum{cluster="primary",producer="default"} 0.033',
        'karafka_produce_latency_seconds_count{cluster="primary",producer="default"} 2',
      ]),
    );
    // dr never got an acknowledgement: no latency series of its own.
    expect(latency.filter((line) => line.includes('producer="dr"'))).toEqual([]);
  });

  it('counts errors by type and cluster, without a cluster label when the error has none', async () => {
    const { monitor, scrape } = setup();
    monitor.emit('error.occurred', {
      type: 'producer',
      error: new Error('x'),
      cluster: 'secondary',
      producer: 'dr',
    });
    monitor.emit('error.occurred', {
      type: 'producer',
      error: new Error('y'),
      cluster: 'secondary',
      producer: 'dr',
    });
    monitor.emit('error.occurred', { type: 'connection', error: new Error('z') });

    expect(await scrape('karafka_errors_total')).toEqual([
      'karafka_errors_total{type="producer",cluster="secondary"} 2',
      'karafka_errors_total{type="connection"} 1',
    ]);
  });

  it('reads lag and liveness from the runners at each scrape: a partition lost in a rebalance disappears', async () => {
    const { scrape, setRunners } = setup();
    setRunners([
      runner([
        { topic: 'orders', partition: 0, highWatermark: '10', consumedOffset: '6', lag: 3 },
        { topic: 'orders', partition: 1, highWatermark: '4', consumedOffset: '3', lag: 0 },
      ]),
    ]);
    expect(await scrape('karafka_consumer_lag')).toEqual([
      `karafka_consumer_lag{${G},topic="orders",partition="0"} 3`,
      `karafka_consumer_lag{${G},topic="orders",partition="1"} 0`,
    ]);
    expect(await scrape('karafka_subscription_group_up')).toEqual([`karafka_subscription_group_up{${G}} 1`]);

    setRunners([runner([{ topic: 'orders', partition: 1, highWatermark: '9', lag: 5 }], 'reconnecting')]);
    expect(await scrape('karafka_consumer_lag')).toEqual([
      `karafka_consumer_lag{${G},topic="orders",partition="1"} 5`,
    ]);
    expect(await scrape('karafka_subscription_group_up')).toEqual([`karafka_subscription_group_up{${G}} 0`]);
  });

  it('registers once per registry, shares its values with a second registry, and refuses a name taken by someone else', async () => {
    const { monitor, metrics, registry, scrape } = setup();
    metrics.register(registry);
    const other = new Registry();
    metrics.register(other);
    consumed(monitor, 0, 4, 1);

    expect(await scrape('karafka_messages_consumed_total')).toEqual([
      `karafka_messages_consumed_total{${G},topic="orders",partition="0"} 4`,
    ]);
    expect(await other.getSingleMetricAsString('karafka_messages_consumed_total')).toContain(
      `partition="0"} 4`,
    );
    expect(registry.getMetricsAsArray()).toHaveLength(12);

    const clashing = new KarafkaMetrics(new KarafkaMonitor(), {
      runners: () => [],
      liveConsumerCount: () => 0,
    });
    expect(() => clashing.register(registry)).toThrow(
      /^KarafkaMetrics.register: the registry already holds a metric named 'karafka_[a-z_]+' that this KarafkaMetrics did not create/,
    );
  });

  it('listens only once registered, and on shutdown stops listening and leaves every registry', async () => {
    const monitor = new KarafkaMonitor();
    const metrics = new KarafkaMetrics(monitor, { runners: () => [], liveConsumerCount: () => 0 });
    expect(monitor.hasListeners('consumer.consumed')).toBe(false);

    metrics.register(); // prom-client's global register, as @willsoto/nestjs-prometheus serves it
    expect(monitor.hasListeners('consumer.consumed')).toBe(true);
    expect(globalRegister.getSingleMetric('karafka_subscription_group_up')).toBeDefined();

    metrics.onApplicationShutdown();
    expect(monitor.hasListeners('consumer.consumed')).toBe(false);
    expect(globalRegister.getSingleMetric('karafka_subscription_group_up')).toBeUndefined();
    // A next app can register its own metrics on the same registry.
    new KarafkaMetrics(new KarafkaMonitor(), { runners: () => [], liveConsumerCount: () => 0 }).register();
    globalRegister.clear();
  });

  it('says how to install prom-client when it is missing', () => {
    jest.isolateModules(() => {
      jest.doMock('prom-client', () => {
        throw Object.assign(new Error("Cannot find module 'prom-client'"), { code: 'MODULE_NOT_FOUND' });
      });
      const { loadPromClient } =
        jest.requireActual<typeof import('./load-prom-client')>('./load-prom-client');
      expect(() => loadPromClient()).toThrow(
        'nestjs-karafka/metrics needs prom-client, an optional peer dependency that is not installed: npm install prom-client',
      );
    });
  });
});
