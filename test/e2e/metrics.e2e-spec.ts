import 'reflect-metadata';
import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Registry } from 'prom-client';
import {
  ConsumerManager,
  InjectProducer,
  KafkaProducer,
  KafkaTopic,
  KarafkaModule,
  NonRetriableError,
  type KafkaMessage,
} from '../../lib';
import { KarafkaMetricsModule } from '../../lib/metrics';
import { createTopic, primaryBrokers, secondaryBrokers, uniqueName, waitFor } from '../support/kafka-env';

/**
 * The Prometheus metrics of an app on the two real clusters: what the default, a named and the internal
 * dead-letter producer wrote, what the consumers of both clusters consumed, lag and liveness, and a failed send
 * — all read back from the registry as a scrape would.
 */

type Labels = Record<string, string | number>;
type Sample = { labels: Labels; value: number };

/** The samples of `name` as a scrape exposes them; a histogram's by series (`_bucket`, `_sum`, `_count`). */
async function samples(registry: Registry, name: string, series = name): Promise<Sample[]> {
  const metric = registry.getSingleMetric(name);
  if (!metric) throw new Error(`metric ${name} is not registered`);
  const { values } = await metric.get();
  return values
    .filter((sample) => ((sample as { metricName?: string }).metricName ?? name) === series)
    .map(({ labels, value }) => ({ labels: labels as Labels, value }));
}

/** The sum of the samples whose labels include `labels`, as PromQL's `sum(series{...})`. */
async function sampled(
  registry: Registry,
  name: string,
  labels: Labels = {},
  series = name,
): Promise<number> {
  return (await samples(registry, name, series))
    .filter((sample) => Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
    .reduce((sum, sample) => sum + sample.value, 0);
}

describe('Prometheus metrics (e2e)', () => {
  let app: INestApplicationContext | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('counts what every producer wrote and every consumer consumed, per cluster, with lag 0 once caught up', async () => {
    const groupId = uniqueName('metrics');
    const onPrimary = uniqueName('metrics.primary');
    const onSecondary = uniqueName('metrics.secondary');
    const poisoned = uniqueName('metrics.poisoned');
    const tooLarge = uniqueName('metrics.too-large');
    await Promise.all([
      createTopic(primaryBrokers(), onPrimary, 2),
      createTopic(primaryBrokers(), poisoned, 1),
      createTopic(primaryBrokers(), `${poisoned}.dlq`, 1),
      createTopic(secondaryBrokers(), onSecondary, 2),
      createTopic(secondaryBrokers(), tooLarge, 1),
    ]);
    const received: Record<string, number> = {};
    const count = (messages: KafkaMessage[]) =>
      (received[messages[0].topic] = (received[messages[0].topic] ?? 0) + messages.length);

    @KafkaTopic(onPrimary)
    class PrimaryConsumer {
      async consume(messages: KafkaMessage[]) {
        count(messages);
      }
    }
    @KafkaTopic(onSecondary, { cluster: 'secondary' })
    class SecondaryConsumer {
      async consume(messages: KafkaMessage[]) {
        count(messages);
      }
    }
    @KafkaTopic(poisoned, { deadLetterQueue: { topic: `${poisoned}.dlq` } })
    class PoisonedConsumer {
      async consume(): Promise<void> {
        throw new NonRetriableError('poison');
      }
    }
    @Injectable()
    class Senders {
      constructor(
        @InjectProducer() readonly main: KafkaProducer,
        @InjectProducer('dr') readonly dr: KafkaProducer,
        @InjectProducer('tiny') readonly tiny: KafkaProducer,
      ) {}
    }

    const registry = new Registry();
    const moduleRef = await Test.createTestingModule({
      imports: [
        KarafkaModule.forRoot({
          kafka: { 'bootstrap.servers': primaryBrokers().join(','), 'client.id': 'metrics-e2e' },
          clusters: { secondary: { 'bootstrap.servers': secondaryBrokers().join(',') } },
          consumerGroup: groupId,
          consumer: { maxWaitTime: 300 },
          // tiny would wait for ever on a slow broker: the broker's refusal of a too large message fails it at once.
          producers: {
            dr: { cluster: 'secondary' },
            // Its client-side limit is above the broker's, so the broker is the one refusing.
            tiny: {
              cluster: 'secondary',
              kafka: { 'message.timeout.ms': 600000, 'message.max.bytes': 10_000_000 },
            },
          },
          logRoutingTable: false,
        }),
        KarafkaMetricsModule.forRoot({ registry }),
      ],
      providers: [PrimaryConsumer, SecondaryConsumer, PoisonedConsumer, Senders],
    }).compile();
    moduleRef.useLogger(['error']);
    app = await moduleRef.init();
    const senders = app.get(Senders);

    const N = 7;
    const M = 5;
    await senders.main.produceManySync(
      Array.from({ length: N }, (_, id) => ({ topic: onPrimary, partition: id % 2, payload: { id } })),
    );
    await Promise.all(
      Array.from({ length: M }, (_, id) =>
        senders.dr.produceAsync({ topic: onSecondary, partition: id % 2, payload: { id } }),
      ),
    );
    await senders.main.produceSync({ topic: poisoned, payload: { poison: true } });
    await expect(
      senders.tiny.produceSync({ topic: tooLarge, payload: Buffer.alloc(2 * 1024 * 1024) }),
    ).rejects.toThrow(/could not deliver/);

    await waitFor(() => received[onPrimary] === N && received[onSecondary] === M, {
      description: `${N} messages consumed from primary and ${M} from secondary`,
    });
    const consumed = (topic: string) => sampled(registry, 'karafka_messages_consumed_total', { topic });
    await waitFor(async () => (await consumed(onPrimary)) === N && (await consumed(onSecondary)) === M, {
      description: 'karafka_messages_consumed_total to count every consumed message',
    });
    const dlq = { cluster: 'primary', producer: 'internal:primary', topic: `${poisoned}.dlq` };
    await waitFor(async () => (await sampled(registry, 'karafka_messages_acknowledged_total', dlq)) === 1, {
      description: 'the poisoned message to be dead-lettered and acknowledged',
    });

    const [primaryGroup, secondaryGroup] = ['primary', 'secondary'].map((cluster) => {
      const runner = app!
        .get(ConsumerManager)
        .runners()
        .find((r) => r.cluster === cluster);
      return { cluster, consumer_group: groupId, subscription_group: runner!.id };
    });
    // Per partition, on each topic's own cluster and subscription group.
    expect(await samples(registry, 'karafka_messages_consumed_total')).toEqual(
      expect.arrayContaining([
        { labels: { ...primaryGroup, topic: onPrimary, partition: 0 }, value: 4 },
        { labels: { ...primaryGroup, topic: onPrimary, partition: 1 }, value: 3 },
        { labels: { ...secondaryGroup, topic: onSecondary, partition: 0 }, value: 3 },
        { labels: { ...secondaryGroup, topic: onSecondary, partition: 1 }, value: 2 },
      ]),
    );
    expect(
      await sampled(registry, 'karafka_messages_dead_lettered_total', { ...primaryGroup, topic: poisoned }),
    ).toBe(1);

    const producer = (cluster: string, name: string, topic: string) => ({ cluster, producer: name, topic });
    const written = [
      [producer('primary', 'default', onPrimary), N],
      [producer('secondary', 'dr', onSecondary), M],
      [producer('primary', 'default', poisoned), 1],
      // The library's own dead-letter producer is counted like any other.
      [dlq, 1],
    ] as const;
    for (const [labels, messages] of written) {
      expect(await sampled(registry, 'karafka_messages_produced_total', labels)).toBe(messages);
      expect(await sampled(registry, 'karafka_messages_acknowledged_total', labels)).toBe(messages);
      expect(await sampled(registry, 'karafka_messages_failed_total', labels)).toBe(0);
    }
    expect(
      await sampled(registry, 'karafka_produce_latency_seconds', {}, 'karafka_produce_latency_seconds_count'),
    ).toBeGreaterThanOrEqual(4);

    const tinyLabels = producer('secondary', 'tiny', tooLarge);
    expect(await sampled(registry, 'karafka_messages_produced_total', tinyLabels)).toBe(1);
    expect(await sampled(registry, 'karafka_messages_acknowledged_total', tinyLabels)).toBe(0);
    expect(await sampled(registry, 'karafka_messages_failed_total', tinyLabels)).toBe(1);
    expect(await sampled(registry, 'karafka_errors_total', { type: 'producer', cluster: 'secondary' })).toBe(
      1,
    );
    // The poisoned message's failure is a consumer error on primary.
    expect(await sampled(registry, 'karafka_errors_total', { type: 'consumer', cluster: 'primary' })).toBe(1);

    // Lag is what the runner last fetched: 0 on every partition once everything is consumed.
    await waitFor(
      async () => {
        const lag = await samples(registry, 'karafka_consumer_lag');
        return lag.length === 5 && lag.every((sample) => sample.value === 0);
      },
      { description: 'karafka_consumer_lag 0 on the 5 consumed partitions' },
    );
    expect(await samples(registry, 'karafka_subscription_group_up')).toEqual(
      expect.arrayContaining([
        { labels: primaryGroup, value: 1 },
        { labels: secondaryGroup, value: 1 },
      ]),
    );
    expect(await sampled(registry, 'karafka_consumer_rebalances_total', primaryGroup)).toBeGreaterThanOrEqual(
      1,
    );
    expect(
      await sampled(
        registry,
        'karafka_consumer_batch_duration_seconds',
        { ...secondaryGroup, topic: onSecondary },
        'karafka_consumer_batch_duration_seconds_count',
      ),
    ).toBeGreaterThanOrEqual(1);

    expect(await registry.metrics()).toContain(
      `karafka_messages_produced_total{cluster="secondary",producer="dr",topic="${onSecondary}"} ${M}`,
    );
  });
});
