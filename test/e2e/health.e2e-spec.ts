/**
 * nestjs-karafka/health against the real clusters, through terminus' HealthCheckService as a controller
 * would call it: readiness per cluster, group and producer; a producer failing its deliveries is degraded;
 * a `consume` stuck past consumingTtlMs fails liveness. (The outage case is in consumer-outage.e2e-spec.ts.)
 */
import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { Test } from '@nestjs/testing';
import { KafkaTopic, KarafkaModule, ProducerRegistry, type KafkaMessage } from 'nestjs-karafka';
import { KarafkaHealthIndicator, KarafkaHealthModule } from 'nestjs-karafka/health';
import { deferred } from '../../lib/common/deferred';
import { createTopic, primaryBrokers, secondaryBrokers, uniqueName, waitFor } from '../support/kafka-env';

const PRIMARY = primaryBrokers().join(',');
const SECONDARY = secondaryBrokers().join(',');

describe('KarafkaHealthIndicator (e2e)', () => {
  const groupId = uniqueName('health-group');
  const onPrimary = uniqueName('health.primary');
  const onSecondary = uniqueName('health.secondary');
  const slowTopic = uniqueName('health.slow');
  let release = deferred<void>();
  let consuming = false;

  @KafkaTopic(onPrimary)
  @KafkaTopic(onSecondary, { cluster: 'secondary' })
  class Recorder {
    async consume(): Promise<void> {}
  }

  @KafkaTopic(slowTopic, { consumerGroup: `${groupId}-slow` })
  class SlowConsumer {
    async consume(_messages: KafkaMessage[]): Promise<void> {
      consuming = true;
      await release.promise;
      consuming = false;
    }
  }

  let app: INestApplicationContext;
  let health: KarafkaHealthIndicator;
  let checks: HealthCheckService;

  /** What a terminus controller answers: the result when up, the 503 body when down. */
  async function check(run: () => Promise<unknown>): Promise<HealthCheckResult> {
    try {
      return await checks.check([run as never]);
    } catch (error) {
      return (error as { getResponse(): HealthCheckResult }).getResponse();
    }
  }

  beforeAll(async () => {
    // One topic at a time per cluster: parallel creations on one broker can race its metadata propagation.
    await Promise.all([
      createTopic(primaryBrokers(), onPrimary, 1).then(() => createTopic(primaryBrokers(), slowTopic, 1)),
      createTopic(secondaryBrokers(), onSecondary, 1),
    ]);
    const moduleRef = await Test.createTestingModule({
      imports: [
        KarafkaModule.forRoot({
          kafka: { 'bootstrap.servers': PRIMARY, 'client.id': 'health-e2e' },
          clusters: { secondary: { 'bootstrap.servers': SECONDARY, 'client.id': 'health-e2e' } },
          consumerGroup: groupId,
          consumer: { maxWaitTime: 300 },
          // A broker refuses a message over its `message.max.bytes` (1 MB by default) without retrying.
          // A client-side limit above the broker's: the broker refuses bulky's deliveries.
          producers: { bulky: { cluster: 'primary', kafka: { 'message.max.bytes': 10_000_000 } } },
          logRoutingTable: false,
        }),
        KarafkaHealthModule.forRoot({ consumingTtlMs: 1500, producerFailureThreshold: 2 }),
      ],
      providers: [Recorder, SlowConsumer],
    }).compile();
    app = await moduleRef.init();
    health = app.get(KarafkaHealthIndicator);
    checks = app.get(HealthCheckService);
  });

  afterAll(async () => {
    release.resolve();
    await app?.close();
  });

  it('is ready once every group runs, naming the cluster and brokers of each entry', async () => {
    const result = await waitFor(
      async () => {
        const result = await check(() => health.isHealthy('kafka'));
        return result.status === 'ok' ? result : undefined;
      },
      { description: 'readiness up' },
    );
    const kafka = result.details.kafka as Record<string, any>;
    expect(kafka.status).toBe('up');
    expect(kafka.clusters.primary).toMatchObject({
      status: 'up',
      cluster: 'primary',
      brokers: primaryBrokers(),
    });
    expect(kafka.clusters.secondary).toMatchObject({ status: 'up', brokers: secondaryBrokers() });
    expect(typeof kafka.clusters.primary.latencyMs).toBe('number');
    const groups = Object.values(kafka.subscriptionGroups) as Array<Record<string, any>>;
    expect(groups.map((group) => [group.cluster, group.state, group.status]).sort()).toEqual([
      ['primary', 'running', 'up'],
      ['primary', 'running', 'up'],
      ['secondary', 'running', 'up'],
    ]);
    expect(Object.keys(kafka.producers)).toEqual(['default', 'bulky']);
    expect(JSON.stringify(result)).not.toMatch(/sasl|password/i);
  });

  it('marks a producer whose deliveries fail degraded, and only its cluster down', async () => {
    const bulky = app.get(ProducerRegistry).get('bulky');
    const tooLarge = 'x'.repeat(2 * 1024 * 1024);
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(bulky.produceSync({ topic: onPrimary, payload: tooLarge })).rejects.toThrow();
    }
    const result = await check(() => health.isHealthy('kafka'));
    const kafka = result.details.kafka as Record<string, any>;
    expect(result.status).toBe('error');
    expect(kafka.producers.bulky).toMatchObject({ status: 'down', cluster: 'primary', failed: 2 });
    expect(kafka.producers.bulky.problems[0]).toMatch(
      /^2 failed message\(s\) in the last 60000 ms \(threshold 2\)/,
    );
    expect(kafka.producers.default.status).toBe('up');
    expect(kafka.clusters.primary).toMatchObject({ status: 'down', problems: ["producer 'bulky' is down"] });
    expect(kafka.clusters.secondary.status).toBe('up');

    // Readiness restricted to the other cluster is not affected.
    const secondaryOnly = await check(() => health.isHealthy('kafka', { clusters: ['secondary'] }));
    expect(secondaryOnly.status).toBe('ok');
    expect(Object.keys(secondaryOnly.details.kafka.clusters as object)).toEqual(['secondary']);
  });

  it('fails liveness while a consume call runs past consumingTtlMs, and recovers when it returns', async () => {
    await app
      .get(ProducerRegistry)
      .get()
      .produceSync({ topic: slowTopic, payload: { n: 1 } });
    await waitFor(() => consuming, { description: 'the slow consume running' });
    const stuck = await waitFor(
      async () => {
        const result = await check(() => health.isAlive('kafka'));
        return result.status === 'error' ? result : undefined;
      },
      { description: 'liveness down' },
    );
    const groups = Object.values(stuck.details.kafka.subscriptionGroups as object) as Array<
      Record<string, any>
    >;
    const slow = groups.find((group) => group.topics.includes(slowTopic))!;
    expect(slow.problems[0]).toMatch(/^a consume call has been running for \d+ ms \(consumingTtlMs: 1500\)$/);
    expect(groups.filter((group) => group.status === 'down')).toHaveLength(1);

    release.resolve();
    release = deferred<void>();
    await waitFor(async () => (await check(() => health.isAlive('kafka'))).status === 'ok', {
      description: 'liveness up again',
    });
  });

  it('names an unknown cluster in the check options', async () => {
    await expect(health.isHealthy('kafka', { clusters: ['secondry'] })).rejects.toThrow(
      "KarafkaHealthIndicator.isHealthy: no cluster is named 'secondry' (did you mean 'secondary'?); known clusters: 'primary', 'secondary'",
    );
  });
});
