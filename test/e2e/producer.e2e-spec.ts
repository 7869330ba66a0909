/**
 * Producers on the two real clusters: where messages land (read back by an independent peer), delivery
 * reports, instrumentation of every producer, unreachable clusters, transactions, and no loss on close.
 * The first part drives ProducerRegistry/KafkaProducer with the kafkajs driver directly; the second goes
 * through a Nest app with KarafkaModule.forRoot and @InjectProducer, as users do.
 */
import 'reflect-metadata';
import { createServer } from 'node:net';
import { Injectable } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { ClusterConnections } from '../../lib/cluster/cluster-connections';
import { resolveClusters } from '../../lib/cluster/resolve-clusters';
import type { KarafkaModuleOptions } from '../../lib/karafka-options.interface';
import { KarafkaMonitor } from '../../lib/instrumentation/karafka-monitor';
import type {
  ErrorOccurredEvent,
  MessageAcknowledgedEvent,
} from '../../lib/instrumentation/monitor-events.interface';
import { KarafkaModule } from '../../lib/karafka.module';
import { InjectProducer } from '../../lib/producer/inject-producer.decorator';
import { KafkaProduceError } from '../../lib/producer/kafka-produce.error';
import { KafkaProducer } from '../../lib/producer/kafka-producer';
import { ProducerPool } from '../../lib/producer/producer-pool';
import { resolveProducerDefinitions } from '../../lib/producer/resolve-producer-definitions';
import {
  createTopic,
  primaryBrokers,
  readWithPeer,
  recordCount,
  secondaryBrokers,
  testKafka,
  topicExists,
  uniqueName,
  waitFor,
} from '../support/kafka-env';
import { e2eDriver, e2eDriverName } from '../support/e2e-driver';

const PRIMARY = primaryBrokers().join(',');
const SECONDARY = secondaryBrokers().join(',');

/** A port nothing listens on (just freed by the OS): a cluster that is down, without stopping a shared broker. */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `127.0.0.1:${port}`;
}

const baseOptions = (): KarafkaModuleOptions => ({
  driver: e2eDriverName(),
  kafka: { 'bootstrap.servers': PRIMARY, 'client.id': 'producer-e2e' },
  clusters: { secondary: { 'bootstrap.servers': SECONDARY } },
});

describe(`producers (ProducerRegistry + ${e2eDriverName()} driver)`, () => {
  const registries: ProducerPool[] = [];

  function registry(options: KarafkaModuleOptions, monitor = new KarafkaMonitor()): ProducerPool {
    const { clusters, problems } = resolveClusters(options);
    const resolved = resolveProducerDefinitions(options, clusters);
    expect([...problems, ...resolved.problems]).toEqual([]);
    const connections = new ClusterConnections(e2eDriver());
    const created = new ProducerPool(
      resolved.producers,
      (cluster) => connections.clientFor(cluster),
      monitor,
      {
        statisticsInterval: 0,
        resolveCluster: (name) => clusters.find((cluster) => cluster.name === name),
      },
    );
    registries.push(created);
    return created;
  }

  afterEach(async () => {
    await Promise.allSettled(registries.splice(0).map((r) => r.closeAll()));
  });

  it('writes with the default producer to primary only and with a named producer to secondary only', async () => {
    const producers = registry({ ...baseOptions(), producers: { dr: { cluster: 'secondary' } } });
    const onPrimary = uniqueName('producer-default');
    const onSecondary = uniqueName('producer-named');

    const fromDefault = await producers
      .get()
      .produceSync({ topic: onPrimary, payload: { id: 1 }, key: 'k1', headers: { source: 'default' } });
    const fromNamed = await producers.get('dr').produceManySync([
      { topic: onSecondary, payload: 'plain text', key: 'k2' },
      { topic: onSecondary, payload: Buffer.from('raw bytes') },
    ]);

    expect(fromDefault).toEqual({ topic: onPrimary, partition: 0, offset: '0' });
    expect(fromNamed).toEqual([
      { topic: onSecondary, partition: 0, offset: '0' },
      { topic: onSecondary, partition: 0, offset: '1' },
    ]);
    const primaryRecords = await readWithPeer(primaryBrokers(), onPrimary, 1);
    expect(primaryRecords).toEqual([
      { partition: 0, offset: '0', key: 'k1', value: '{"id":1}', headers: { source: 'default' } },
    ]);
    const secondaryRecords = await readWithPeer(secondaryBrokers(), onSecondary, 2);
    expect(secondaryRecords.map((r) => [r.key, r.value])).toEqual([
      ['k2', 'plain text'],
      [null, 'raw bytes'],
    ]);
    expect(await topicExists(secondaryBrokers(), onPrimary)).toBe(false);
    expect(await topicExists(primaryBrokers(), onSecondary)).toBe(false);
  });

  it('writes with the default producer to secondary only when forRoot({ producer }) redefines it', async () => {
    const producers = registry({ ...baseOptions(), producer: { cluster: 'secondary' } });
    const topic = uniqueName('producer-redefined');

    await producers.get().produceSync({ topic, payload: 'moved' });

    expect(producers.get().cluster).toBe('secondary');
    expect((await readWithPeer(secondaryBrokers(), topic, 1)).map((r) => r.value)).toEqual(['moved']);
    expect(await topicExists(primaryBrokers(), topic)).toBe(false);
  });

  it('reports for each message the partition and offset the broker gave it', async () => {
    const producers = registry(baseOptions());
    const topic = uniqueName('producer-offsets');
    await createTopic(primaryBrokers(), topic, 3);

    const reports = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        producers.get().produceAsync({ topic, payload: `v${i}`, key: `key-${i % 7}` }),
      ),
    );

    const peer = await readWithPeer(primaryBrokers(), topic, 30);
    const written = new Map(peer.map((r) => [r.value, { topic, partition: r.partition, offset: r.offset }]));
    expect(reports).toEqual(Array.from({ length: 30 }, (_, i) => written.get(`v${i}`)));
    expect(new Set(reports.map((r) => r.partition)).size).toBeGreaterThan(1);
  });

  it('publishes message.acknowledged for every producer: default, named and internal', async () => {
    const monitor = new KarafkaMonitor();
    const acknowledged: MessageAcknowledgedEvent[] = [];
    monitor.on('message.acknowledged', (event) => acknowledged.push(event));
    const producers = registry({ ...baseOptions(), producers: { dr: { cluster: 'secondary' } } }, monitor);
    const topic = uniqueName('producer-monitored');

    await producers.get().produceSync({ topic, payload: 1 });
    await Promise.all([
      producers.get('dr').produceAsync({ topic, payload: 2 }),
      producers.get('dr').produceAsync({ topic, payload: 3 }),
    ]);
    await producers.forCluster('secondary').produceSync({ topic, payload: 4 });

    expect(
      acknowledged.map(({ producer, cluster, topic: t, partition, offset, count }) => ({
        producer,
        cluster,
        t,
        partition,
        offset,
        count,
      })),
    ).toEqual([
      { producer: 'default', cluster: 'primary', t: topic, partition: 0, offset: '0', count: 1 },
      { producer: 'dr', cluster: 'secondary', t: topic, partition: 0, offset: '0', count: 2 },
      { producer: 'internal:secondary', cluster: 'secondary', t: topic, partition: 0, offset: '2', count: 1 },
    ]);
    expect(producers.get('dr').statistics()).toMatchObject({ sent: 2, acked: 2, failed: 0, inFlight: 0 });
  });

  it('fails deliveries to an unreachable cluster after the delivery timeout, naming producer, cluster and topic', async () => {
    const monitor = new KarafkaMonitor();
    const errors: ErrorOccurredEvent[] = [];
    monitor.on('error.occurred', (event) => errors.push(event));
    const unreachable = await closedPort();
    const producers = registry(
      {
        ...baseOptions(),
        // Few, slow connect retries: they outlast the delivery timeout but end soon after the test.
        clusters: { gone: { 'bootstrap.servers': unreachable, retries: 3, 'retry.backoff.ms': 1000 } },
        producers: { gone: { cluster: 'gone', kafka: { 'message.timeout.ms': 3000 } } },
      },
      monitor,
    );
    const topic = uniqueName('producer-unreachable');

    const startedAt = Date.now();
    const results = await Promise.allSettled([
      producers.get('gone').produceAsync({ topic, payload: 1 }),
      producers.get('gone').produceSync({ topic, payload: 2 }),
    ]);
    const elapsedMs = Date.now() - startedAt;

    // Whichever comes first ends the delivery: the delivery timeout, or kafkajs giving up connecting. Either
    // way the message names the producer, its cluster, the topic and the unreachable broker.
    const timedOut =
      `Producer 'gone' (cluster 'gone') got no acknowledgement for topic '${topic}' within 3000 ms (delivery timeout); ` +
      `is cluster 'gone' (${unreachable}) reachable? The message may still be written if the broker answers late`;
    const refused = `Producer 'gone' (cluster 'gone') could not deliver to topic '${topic}': Producer 'gone' (cluster 'gone') could not connect to ${unreachable}: `;
    for (const result of results) {
      expect(result.status).toBe('rejected');
      const error = (result as PromiseRejectedResult).reason as KafkaProduceError;
      expect(error).toBeInstanceOf(KafkaProduceError);
      expect(error.message === timedOut || error.message.startsWith(refused)).toBe(true);
    }
    expect(elapsedMs).toBeLessThan(15_000); // bounded: nowhere near kafkajs' default 30 s request timeout
    expect(errors.length).toBeGreaterThanOrEqual(1);
    for (const { type, producer, cluster, topic: t } of errors) {
      expect({ type, producer, cluster, t }).toEqual({
        type: 'producer',
        producer: 'gone',
        cluster: 'gone',
        t: topic,
      });
    }
    expect(producers.get('gone').statistics()).toMatchObject({ sent: 2, acked: 0, failed: 2, inFlight: 0 });
  });

  it('rejects a message the broker refuses at once with the broker’s reason, not after the timeout', async () => {
    const producers = registry({
      ...baseOptions(),
      // A client-side limit above the broker's, so the broker is the one refusing.
      producers: { patient: { kafka: { 'message.timeout.ms': 600000, 'message.max.bytes': 10_000_000 } } },
    });
    const topic = uniqueName('producer-too-large');
    await producers.get('patient').produceSync({ topic, payload: 'small' });

    const tooLarge = producers.get('patient').produceSync({ topic, payload: Buffer.alloc(2 * 1024 * 1024) });

    await expect(tooLarge).rejects.toThrow(
      new RegExp(
        `^Producer 'patient' \\(cluster 'primary'\\) could not deliver to topic '${topic}': .*(too large|larger than)`,
        'i',
      ),
    );
  });

  it('commits and aborts transactions: a read_committed consumer sees only committed messages', async () => {
    const producers = registry({
      ...baseOptions(),
      producers: { tx: { kafka: { 'transactional.id': uniqueName('tx') } } },
    });
    const topic = uniqueName('producer-tx');
    await createTopic(primaryBrokers(), topic);
    const tx = producers.get('tx');

    const committed = await tx.transaction(async (t) =>
      t.produceManySync([
        { topic, payload: 'c1' },
        { topic, payload: 'c2' },
      ]),
    );
    await expect(
      tx.transaction(async (t) => {
        await t.produceSync({ topic, payload: 'aborted' });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await tx.transaction(async (t) => t.produceSync({ topic, payload: 'c3' }));
    await expect(producers.get().transaction(async () => undefined)).rejects.toThrow(
      "has no 'transactional.id'",
    );

    expect(committed.map((r) => r.offset)).toEqual(['0', '1']);
    const read = async (readUncommitted: boolean, last: string) => {
      const consumer = testKafka(primaryBrokers()).consumer({
        groupId: uniqueName('producer-tx-reader'),
        readUncommitted,
      });
      const values: string[] = [];
      await consumer.connect();
      try {
        await consumer.subscribe({ topic, fromBeginning: true });
        await consumer.run({ eachMessage: async ({ message }) => void values.push(String(message.value)) });
        await waitFor(() => values.includes(last), { description: `'${last}' on ${topic}` });
      } finally {
        await consumer.disconnect();
      }
      return values;
    };
    expect(await read(false, 'c3')).toEqual(['c1', 'c2', 'c3']);
    // The aborted message was written (and then aborted), not simply never sent.
    expect(await read(true, 'c3')).toEqual(['c1', 'c2', 'aborted', 'c3']);
  });

  it('loses none of 10,000 produceAsync messages when closed right after enqueuing them', async () => {
    const producers = registry(baseOptions());
    const topic = uniqueName('producer-close');
    await createTopic(primaryBrokers(), topic, 3);
    const producer = producers.get();

    const deliveries = Array.from({ length: 10_000 }, (_, i) =>
      producer.produceAsync({ topic, payload: { i }, key: String(i % 100) }),
    );
    await producers.closeAll();

    const settled = await Promise.allSettled(deliveries);
    expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);
    expect(await recordCount(primaryBrokers(), topic)).toBe(10_000);
    await expect(producer.produceAsync({ topic, payload: 'late' })).rejects.toThrow(
      `Producer 'default' (cluster 'primary') is closed`,
    );
  });
});

describe('producers in a Nest app (KarafkaModule.forRoot + @InjectProducer)', () => {
  @Injectable()
  class Shop {
    constructor(
      @InjectProducer() readonly producer: KafkaProducer,
      @InjectProducer('secondary') readonly dr: KafkaProducer,
    ) {}
  }

  let app: TestingModule | undefined;

  async function start(options: Partial<KarafkaModuleOptions>): Promise<TestingModule> {
    const moduleRef = await Test.createTestingModule({
      imports: [
        KarafkaModule.forRoot({
          ...baseOptions(),
          producers: { secondary: { cluster: 'secondary', kafka: { 'request.required.acks': 1 } } },
          logRoutingTable: false,
          ...options,
        }),
      ],
      providers: [Shop],
    }).compile();
    // A module whose init failed rethrows that failure from close(): only a started app is closed after each test.
    await moduleRef.init();
    app = moduleRef;
    return app;
  }

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('injects the primary producer and the named one; each writes to its own cluster only, and the monitor hears both', async () => {
    const started = await start({});
    const shop = started.get(Shop);
    const acknowledged: MessageAcknowledgedEvent[] = [];
    started.get(KarafkaMonitor).on('message.acknowledged', (event) => acknowledged.push(event));
    const topic = uniqueName('producer-nest');

    await shop.producer.produceSync({ topic, payload: { cluster: 'primary' }, key: '1', headers: {} });
    await shop.dr.produceSync({ topic, payload: { cluster: 'secondary' }, key: '1' });

    expect(shop.producer).toBe(started.get(KafkaProducer));
    expect([shop.producer.cluster, shop.dr.cluster]).toEqual(['primary', 'secondary']);
    expect((await readWithPeer(primaryBrokers(), topic, 1)).map((r) => r.value)).toEqual([
      '{"cluster":"primary"}',
    ]);
    expect((await readWithPeer(secondaryBrokers(), topic, 1)).map((r) => r.value)).toEqual([
      '{"cluster":"secondary"}',
    ]);
    expect(acknowledged.map((e) => [e.producer, e.cluster, e.topic])).toEqual([
      ['default', 'primary', topic],
      ['secondary', 'secondary', topic],
    ]);
  });

  it('points @InjectProducer() at secondary when forRoot({ producer }) redefines it', async () => {
    const shop = (await start({ producer: { cluster: 'secondary' } })).get(Shop);
    const topic = uniqueName('producer-nest-redefined');

    await shop.producer.produceSync({ topic, payload: 'to secondary' });

    expect((await readWithPeer(secondaryBrokers(), topic, 1)).map((r) => r.value)).toEqual(['to secondary']);
    expect(await topicExists(primaryBrokers(), topic)).toBe(false);
  });

  it('loses none of 10,000 produceAsync messages on app.close() right after enqueuing them', async () => {
    const started = await start({});
    const shop = started.get(Shop);
    const topic = uniqueName('producer-nest-close');
    await createTopic(primaryBrokers(), topic, 3);

    const deliveries = Array.from({ length: 10_000 }, (_, i) =>
      shop.producer.produceAsync({ topic, payload: { i } }),
    );
    await started.close();
    app = undefined;

    expect((await Promise.allSettled(deliveries)).filter((s) => s.status === 'rejected')).toEqual([]);
    expect(await recordCount(primaryBrokers(), topic)).toBe(10_000);
  });

  it('fails the start when @InjectProducer names a producer that is not configured', async () => {
    await expect(start({ producers: {} })).rejects.toThrow(
      `@InjectProducer('secondary') asks for a producer that is not configured. Configured producers: 'default'.`,
    );
  });
});
