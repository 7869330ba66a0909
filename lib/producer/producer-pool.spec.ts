import {
  FakeDriverProducer,
  testCluster,
  testDefinition,
} from '../../test/unit/producer/fake-driver-producer';
import type { ProducerSettings } from '../config/kafka-config.types';
import type { DriverClient } from '../driver/kafka-driver.port';
import { KarafkaMonitor } from '../instrumentation/karafka-monitor';
import type { StatisticsEmittedEvent } from '../instrumentation/monitor-events.interface';
import type { ClusterDefinition } from '../cluster/cluster-definition.interface';
import { ProducerPool, type ProducerPoolOptions } from './producer-pool';
import { ProducerRegistry } from './producer-registry';

const primary = testCluster('primary', {
  'bootstrap.servers': '127.0.0.1:19092',
  'transactional.id': 'shop-tx',
});
const secondary = testCluster('secondary', { 'bootstrap.servers': '127.0.0.1:29092' });

function setup(options: ProducerPoolOptions = { statisticsInterval: 0 }) {
  const drivers: Array<{ cluster: string; settings: ProducerSettings; driver: FakeDriverProducer }> = [];
  const clientFor = (cluster: ClusterDefinition) =>
    ({
      producer: (settings: ProducerSettings) => {
        if (settings.compression === 'zstd') throw new Error('no zstd codec');
        const driver = new FakeDriverProducer();
        drivers.push({ cluster: cluster.name, settings, driver });
        return driver;
      },
    }) as unknown as DriverClient;
  const monitor = new KarafkaMonitor();
  const registry = new ProducerPool(
    [
      testDefinition({ cluster: primary, settings: primary.config.producer }),
      testDefinition({ name: 'dr', origin: 'named', cluster: secondary }),
    ],
    clientFor,
    monitor,
    options,
  );
  return { registry, drivers, monitor, clientFor };
}

describe('ProducerPool', () => {
  it('gives the default producer without a name and named producers by name', () => {
    const { registry } = setup();

    expect(registry.get().name).toBe('default');
    expect(registry.get('dr')).toMatchObject({ name: 'dr', cluster: 'secondary' });
    expect(registry.all().map((p) => p.name)).toEqual(['default', 'dr']);
    expect(() => registry.get('nope')).toThrow(
      `Unknown producer 'nope'. Configured producers: 'default', 'dr'`,
    );
  });

  it('is the ProducerRegistry users see: has() and names() know the configured producers only', () => {
    const { registry } = setup();
    registry.forCluster(secondary);

    expect(registry).toBeInstanceOf(ProducerRegistry);
    expect(registry.names()).toEqual(['default', 'dr']);
    expect([registry.has('default'), registry.has('dr'), registry.has('nope')]).toEqual([true, true, false]);
    expect(registry.has('internal:secondary')).toBe(false);
  });

  it('creates one internal, non-transactional producer per cluster, by name or definition', () => {
    const known = new Map([primary, secondary].map((c) => [c.name, c]));
    const { registry, drivers } = setup({ statisticsInterval: 0, resolveCluster: (name) => known.get(name) });

    const internal = registry.forCluster('primary');
    expect(registry.forCluster(primary)).toBe(internal);
    expect(internal).toMatchObject({ name: 'internal:primary', cluster: 'primary', transactional: false });
    expect(drivers.at(-1)!.settings.transactionalId).toBeUndefined();
    expect(registry.get().transactional).toBe(true);
    expect(registry.all()).not.toContain(internal);
    expect(() => registry.forCluster('tertiary')).toThrow(
      `No cluster named 'tertiary' for an internal producer. Known clusters: 'primary', 'secondary'`,
    );
  });

  it("creates a dedicated producer on another producer's cluster and settings, non-transactional, under its own name", async () => {
    const { registry, drivers, monitor } = setup();
    const acknowledged: string[] = [];
    monitor.on('message.acknowledged', (event) => acknowledged.push(event.producer));

    const web = registry.dedicated('web:default', 'default');
    expect(registry.dedicated('web:default', 'default')).toBe(web);
    expect(web).toMatchObject({ name: 'web:default', cluster: 'primary', transactional: false });
    expect(drivers.at(-1)!.settings).toEqual({ ...primary.config.producer, transactionalId: undefined });
    expect(registry.all()).not.toContain(web);
    expect(registry.every().map((producer) => producer.name)).toEqual(['default', 'dr', 'web:default']);
    await web.produceSync({ topic: 'reports', payload: 1 });
    expect(acknowledged).toEqual(['web:default']);
    expect(() => registry.dedicated('web:x', 'x')).toThrow(
      `Unknown producer 'x'. Configured producers: 'default', 'dr'`,
    );
  });

  it('closeAll flushes what every producer (internal ones too) accepted, then disconnects them', async () => {
    const { registry, drivers } = setup();
    const accepted = [
      registry.get().produceAsync({ topic: 'a', payload: 1 }),
      registry.get('dr').produceAsync({ topic: 'b', payload: 2 }),
      registry.forCluster('secondary').produceAsync({ topic: 'dlq', payload: 3 }),
    ];

    await registry.closeAll();

    await expect(Promise.all(accepted)).resolves.toHaveLength(3);
    expect(drivers.map((d) => [d.cluster, d.driver.sentValues(), d.driver.disconnects])).toEqual([
      ['primary', ['a:1'], 1],
      ['secondary', ['b:2'], 1],
      ['secondary', ['dlq:3'], 1],
    ]);
    expect(() => registry.forCluster('secondary')).toThrow('is closed');
  });

  it('connectAll connects the configured producers and reports every one that failed', async () => {
    const { registry, drivers } = setup();
    await registry.connectAll();
    expect(drivers.map((d) => d.driver.connects)).toEqual([1, 1]);

    const failing = setup();
    failing.drivers.forEach((d) => (d.driver.connectError = new Error('ECONNREFUSED')));
    await expect(failing.registry.connectAll()).rejects.toThrow(
      /Producer 'default' \(cluster 'primary'\) could not connect.*\n.*Producer 'dr' \(cluster 'secondary'\) could not connect/,
    );
  });

  it('names every producer that cannot be created, at once', () => {
    const { clientFor } = setup();

    expect(
      () =>
        new ProducerPool(
          [
            testDefinition({ settings: { compression: 'zstd' } }),
            testDefinition({ name: 'ok', origin: 'named' }),
            testDefinition({
              name: 'dr',
              origin: 'named',
              cluster: secondary,
              settings: { compression: 'zstd' },
            }),
          ],
          clientFor,
          new KarafkaMonitor(),
          { statisticsInterval: 0 },
        ),
    ).toThrow(
      `nestjs-karafka could not create 2 producers:\n  - Producer 'default' (cluster 'primary') cannot be created: no zstd codec\n` +
        `  - Producer 'dr' (cluster 'secondary') cannot be created: no zstd codec`,
    );
  });

  it('emits statistics for every producer on the configured interval, until closed', async () => {
    const { registry, monitor } = setup({ statisticsInterval: 10 });
    registry.forCluster('secondary');
    const seen: StatisticsEmittedEvent[] = [];
    monitor.on('statistics.emitted', (event) => seen.push(event));

    const deadline = Date.now() + 5000;
    while (seen.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    await registry.closeAll();

    expect(seen.slice(0, 3).map((e) => e.producer)).toEqual(['default', 'dr', 'internal:secondary']);
    const count = seen.length;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(seen).toHaveLength(count);
  });
});
