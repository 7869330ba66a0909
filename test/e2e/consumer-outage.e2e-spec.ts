import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConsumerManager, KafkaTopic, KarafkaModule, type KafkaMessage } from '../../lib';
import { KarafkaHealthIndicator, KarafkaHealthModule, type KafkaHealthDetails } from '../../lib/health';
import { KarafkaMonitor } from '../../lib/instrumentation/karafka-monitor';
import type { ErrorOccurredEvent } from '../../lib/instrumentation/monitor-events.interface';
import { jsonRecords, produce } from '../fixtures/consumer-kafka';
import {
  createTopic,
  primaryBrokers,
  secondaryBrokers,
  startTestbedCluster,
  stopTestbedCluster,
  uniqueName,
  waitFor,
} from '../support/kafka-env';

/**
 * The one spec that stops the shared secondary cluster (and always starts it again): while it is down, the
 * primary cluster's consumers keep consuming; when it is back, the secondary's consumers resume by themselves.
 * Health follows: readiness is down for the secondary's entries only, liveness stays up throughout.
 */

// Stopping and starting a broker JVM, plus the consumer's reconnect backoff, takes tens of seconds.
jest.setTimeout(180_000);

describe('secondary cluster stopped and restarted (e2e)', () => {
  const groupId = uniqueName('outage-group');
  const onPrimary = uniqueName('outage.primary');
  const onSecondary = uniqueName('outage.secondary');
  const received: Record<'primary' | 'secondary', number[]> = { primary: [], secondary: [] };

  @KafkaTopic(onPrimary)
  @KafkaTopic(onSecondary, { cluster: 'secondary' })
  class Recorder {
    async consume(messages: KafkaMessage[]): Promise<void> {
      for (const message of messages) {
        received[message.cluster as 'primary' | 'secondary'].push((message.payload as { id: number }).id);
      }
    }
  }

  let app: INestApplicationContext | undefined;
  let secondaryStopped = false;

  afterAll(async () => {
    // Whatever happened, the shared secondary cluster must be running again for everyone else.
    if (secondaryStopped) await startTestbedCluster('secondary');
    await app?.close();
  });

  it('keeps consuming from primary while secondary is down, and resumes secondary when it is back', async () => {
    await Promise.all([
      createTopic(primaryBrokers(), onPrimary, 1),
      createTopic(secondaryBrokers(), onSecondary, 1),
    ]);
    const moduleRef = await Test.createTestingModule({
      imports: [
        KarafkaModule.forRoot({
          kafka: { 'bootstrap.servers': primaryBrokers().join(','), 'client.id': 'outage-e2e' },
          clusters: {
            secondary: { 'bootstrap.servers': secondaryBrokers().join(','), 'client.id': 'outage-e2e' },
          },
          consumerGroup: groupId,
          consumer: { maxWaitTime: 300 },
          logRoutingTable: false,
        }),
        KarafkaHealthModule.forRoot({ brokerTimeoutMs: 1000 }),
      ],
      providers: [Recorder],
    }).compile();
    app = await moduleRef.init();
    const manager = app.get(ConsumerManager);
    const connectionErrors: ErrorOccurredEvent[] = [];
    app.get(KarafkaMonitor).on('error.occurred', (event) => {
      if (event.type === 'connection') connectionErrors.push(event);
    });
    const stateOf = (cluster: string) =>
      manager.runners().find((runner) => runner.cluster === cluster)?.state;
    const health = app.get(KarafkaHealthIndicator);
    const readiness = async (clusters?: string[]) => (await health.isHealthy('kafka', { clusters })).kafka;
    /** Clusters, groups and producers whose entry is down, as `kind:cluster`. */
    const downEntries = (details: KafkaHealthDetails) =>
      [
        ...Object.values(details.clusters).map((entry) => ['cluster', entry] as const),
        ...Object.values(details.subscriptionGroups).map((entry) => ['group', entry] as const),
        ...Object.values(details.producers ?? {}).map((entry) => ['producer', entry] as const),
      ]
        .filter(([, entry]) => entry.status === 'down')
        .map(([kind, entry]) => `${kind}:${entry.cluster}`);

    await produce(primaryBrokers(), onPrimary, jsonRecords(1));
    await produce(secondaryBrokers(), onSecondary, jsonRecords(1));
    await waitFor(() => received.primary.length === 1 && received.secondary.length === 1, {
      description: 'one message from each cluster',
    });
    expect((await readiness()).status).toBe('up');

    secondaryStopped = true;
    await stopTestbedCluster('secondary');
    await waitFor(() => stateOf('secondary') === 'reconnecting', {
      description: 'the secondary runner reconnecting',
      timeoutMs: 90_000,
    });
    expect(connectionErrors.some((event) => event.cluster === 'secondary')).toBe(true);
    expect(connectionErrors.every((event) => event.cluster === 'secondary')).toBe(true);

    await produce(primaryBrokers(), onPrimary, jsonRecords(5, 1, 1));
    await waitFor(() => received.primary.length === 6, {
      description: 'primary messages consumed while secondary is down',
    });
    expect(stateOf('primary')).toBe('running');
    expect(stateOf('secondary')).toBe('reconnecting');

    const outage = await readiness();
    expect(outage.status).toBe('down');
    expect(downEntries(outage)).toEqual(['cluster:secondary', 'group:secondary']);
    expect(outage.clusters.secondary.problems).toHaveLength(1);
    expect(outage.subscriptionGroups[`${groupId}@secondary#0`]?.problems).toEqual([
      "cluster 'secondary' is unreachable",
      'the group is reconnecting, not running',
    ]);
    // An outage is not what a restart fixes: liveness stays up; readiness of the primary alone too.
    expect((await health.isAlive('kafka')).kafka.status).toBe('up');
    expect((await readiness(['primary'])).status).toBe('up');

    await startTestbedCluster('secondary');
    secondaryStopped = false;
    await produce(secondaryBrokers(), onSecondary, jsonRecords(3, 1, 1));
    await waitFor(() => received.secondary.length >= 4, {
      description: 'secondary messages after the restart',
      timeoutMs: 90_000,
    });
    await waitFor(() => stateOf('secondary') === 'running', {
      description: 'the secondary runner running again',
    });
    await waitFor(async () => (await readiness()).status === 'up', { description: 'readiness up again' });

    expect(received.primary).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...new Set(received.secondary)].sort()).toEqual([0, 1, 2, 3]);
    expect(manager.liveConsumerCount()).toBe(2);
  });
});
