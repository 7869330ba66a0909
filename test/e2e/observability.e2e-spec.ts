/**
 * One failing named producer, seen by all three observability features at once with no wiring of its own: its
 * health entry is down (and only its cluster's), its failed counter counts the messages, and its send spans are
 * errors naming it.
 */
import 'reflect-metadata';
import { SpanStatusCode } from '@opentelemetry/api';
import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Registry } from 'prom-client';
import { InjectProducer, KafkaProducer, KarafkaModule } from '../../lib';
import { KarafkaHealthIndicator, KarafkaHealthModule } from '../../lib/health';
import { KarafkaMetricsModule } from '../../lib/metrics';
import { createTopic, primaryBrokers, secondaryBrokers, uniqueName } from '../support/kafka-env';
import { registerInMemoryTracing, type InMemoryTracing } from '../support/in-memory-tracing';

jest.setTimeout(60_000);

describe('a failing named producer in health, metrics and traces (e2e)', () => {
  const limited = uniqueName('observability.limited');
  const registry = new Registry();
  let tracing: InMemoryTracing;
  let app: INestApplicationContext | undefined;

  @Injectable()
  class Sender {
    constructor(@InjectProducer('audit') readonly audit: KafkaProducer) {}
  }

  beforeAll(async () => {
    tracing = registerInMemoryTracing();
    await createTopic(secondaryBrokers(), limited, 1, { 'max.message.bytes': '1024' });
    const moduleRef = await Test.createTestingModule({
      imports: [
        KarafkaModule.forRoot({
          kafka: { 'bootstrap.servers': primaryBrokers().join(','), 'client.id': 'observability-e2e' },
          clusters: { secondary: { 'bootstrap.servers': secondaryBrokers().join(',') } },
          producers: { audit: { cluster: 'secondary' } },
          tracing: true,
          logRoutingTable: false,
        }),
        KarafkaHealthModule.forRoot({ producerFailureThreshold: 2 }),
        KarafkaMetricsModule.forRoot({ registry }),
      ],
      providers: [Sender],
    }).compile();
    app = await moduleRef.init();
  });

  afterAll(async () => {
    await app?.close();
    tracing.disable();
  });

  it('shows in health, metrics and spans', async () => {
    const audit = app!.get(Sender).audit;
    for (const id of [1, 2]) {
      await expect(
        audit.produceSync({ topic: limited, payload: { id, blob: 'x'.repeat(2048) } }),
      ).rejects.toThrow(`Producer 'audit' (cluster 'secondary') could not deliver to topic '${limited}'`);
    }

    const health = await app!.get(KarafkaHealthIndicator).isHealthy('kafka');
    expect(health.kafka.producers?.audit).toMatchObject({ status: 'down', cluster: 'secondary', failed: 2 });
    expect(health.kafka.clusters.secondary.status).toBe('down');
    expect(health.kafka.clusters.primary.status).toBe('up');

    const failed = (await registry.getSingleMetric('karafka_messages_failed_total')!.get()).values;
    expect(failed).toEqual([
      { labels: { cluster: 'secondary', producer: 'audit', topic: limited }, value: 2 },
    ]);

    const spans = tracing.spans(`send ${limited}`);
    expect(spans).toHaveLength(2);
    for (const span of spans) {
      expect(span.status.code).toBe(SpanStatusCode.ERROR);
      expect(span.attributes).toMatchObject({
        'karafka.producer.name': 'audit',
        'karafka.cluster.name': 'secondary',
        'error.type': 'message-too-large',
      });
    }
  });
});
