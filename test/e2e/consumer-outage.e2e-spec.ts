import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConsumerManager, KafkaProducer, KafkaTopic, KarafkaModule, type KafkaMessage } from '../../lib';
import { KarafkaHealthIndicator, KarafkaHealthModule, type KafkaHealthDetails } from '../../lib/health';
import { KarafkaMonitor } from '../../lib/instrumentation/karafka-monitor';
import type { ErrorOccurredEvent } from '../../lib/instrumentation/monitor-events.interface';
import { jsonRecords, produce } from '../fixtures/consumer-kafka';
import {
  answersMetadata,
  createTopic,
  primaryBrokers,
  secondaryBrokers,
  startTestbedCluster,
  stopTestbedCluster,
  uniqueName,
  waitFor,
} from '../support/kafka-env';
import { e2eDriverName } from '../support/e2e-driver';

/**
 * Issue 12's "one cluster down for 30 s while the other flows". The one spec that stops the shared secondary
 * cluster (and always starts it again). While it is down, a steady stream on primary (one message at a time,
 * produced by the app's producer, consumed by its consumer) keeps its latency; when it is back, the
 * secondary's consumer consumes again within 10 s of the broker answering, and every message produced to
 * secondary before the outage and after it is consumed. Health follows: readiness is down for the
 * secondary's entries only, liveness stays up throughout. The figures are printed for the record.
 */

/** How long the secondary stays down: the scenario. */
const OUTAGE_MS = 30_000;
/** The returning cluster's consumer must consume again this soon after its broker answers. */
const RECOVERY_LIMIT_MS = 10_000;
/**
 * Latency during the outage may be up to 2× the latency before it, but never has to beat this floor: on a
 * loaded 2-CPU machine a broker JVM stopping next door moves a quiet run's few milliseconds by more than 2×.
 */
const LATENCY_FLOOR_MS = 300;
/** Round trips on primary measured before the outage. */
const BEFORE_SAMPLES = 40;
/** Messages produced to secondary in each of the three phases (before, just before the stop, after). */
const SECONDARY_BATCH = 10;

// A broker JVM stopped, kept down for 30 s and started again on a busy machine, plus the test's own traffic.
jest.setTimeout(300_000);

type ClusterName = 'primary' | 'secondary';

interface RoundTrip {
  /** produceSync until acknowledged (ms). */
  produceMs: number;
  /** produceSync called until the consumer got the message (ms). */
  endToEndMs: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(values: number[]): string {
  return `p50 ${percentile(values, 50)} ms, p95 ${percentile(values, 95)} ms, max ${Math.max(...values)} ms (n=${values.length})`;
}

/**
 * What the issue allows during the outage: within 2× of before, with the noise floor above. Medians are compared,
 * so one GC pause or scheduling hiccup on either side does not decide.
 */
function latencyBound(before: number[]): number {
  return Math.max(2 * percentile(before, 50), LATENCY_FLOOR_MS);
}

function report(line: string): void {
  process.stderr.write(`[consumer-outage] ${line}\n`);
}

describe('one cluster down for 30 s while the other flows (e2e)', () => {
  const groupId = uniqueName('outage-group');
  const onPrimary = uniqueName('outage.primary');
  const onSecondary = uniqueName('outage.secondary');
  /** Every consumed message in order, with when the consumer got it (epoch ms). */
  const consumed: Record<ClusterName, Array<{ id: number; at: number }>> = { primary: [], secondary: [] };
  /** When each id was first consumed. */
  const firstConsumedAt: Record<ClusterName, Map<number, number>> = {
    primary: new Map(),
    secondary: new Map(),
  };

  @KafkaTopic(onPrimary)
  @KafkaTopic(onSecondary, { cluster: 'secondary' })
  class Recorder {
    async consume(messages: KafkaMessage[]): Promise<void> {
      const at = Date.now();
      for (const message of messages) {
        const cluster = message.cluster as ClusterName;
        const { id } = message.payload as { id: number };
        consumed[cluster].push({ id, at });
        if (!firstConsumedAt[cluster].has(id)) firstConsumedAt[cluster].set(id, at);
      }
    }
  }

  let app: INestApplicationContext | undefined;
  let secondaryStopped = false;
  /** The primary stream runs while this is true; afterAll ends it whatever happened. */
  let streaming = false;
  let outageStream: Promise<RoundTrip[]> | undefined;

  afterAll(async () => {
    streaming = false;
    await outageStream?.catch(() => undefined);
    // Whatever happened, the shared secondary cluster must be running again for everyone else.
    if (secondaryStopped) await startTestbedCluster('secondary');
    await app?.close();
  });

  it('keeps primary flowing while secondary is down for 30 s, and consumes from secondary again within 10 s of its return, losing nothing', async () => {
    await Promise.all([
      createTopic(primaryBrokers(), onPrimary, 1),
      createTopic(secondaryBrokers(), onSecondary, 1),
    ]);
    const moduleRef = await Test.createTestingModule({
      imports: [
        KarafkaModule.forRoot({
          driver: e2eDriverName(),
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
    const producer = app.get(KafkaProducer);
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

    let nextPrimaryId = 0;
    /** One message on primary, produced by the app and awaited until its consumer got it. */
    const roundTrip = async (): Promise<RoundTrip> => {
      const id = nextPrimaryId++;
      const sentAt = Date.now();
      await producer.produceSync({ topic: onPrimary, key: `k${id}`, payload: { id } });
      const produceMs = Date.now() - sentAt;
      const at = await waitFor(() => firstConsumedAt.primary.get(id), {
        intervalMs: 5,
        description: `primary message ${id} consumed`,
      });
      return { produceMs, endToEndMs: at - sentAt };
    };
    const streamWhile = async (going: () => boolean): Promise<RoundTrip[]> => {
      const trips: RoundTrip[] = [];
      while (streaming && going()) trips.push(await roundTrip());
      return trips;
    };
    let nextSecondaryId = 0;
    const produceToSecondary = async (): Promise<void> => {
      await produce(secondaryBrokers(), onSecondary, jsonRecords(SECONDARY_BATCH, 1, nextSecondaryId));
      nextSecondaryId += SECONDARY_BATCH;
    };

    // Before: both clusters consume; the first round trip includes the group join, so it is not measured.
    streaming = true;
    await Promise.all([roundTrip(), produceToSecondary()]);
    await waitFor(() => firstConsumedAt.secondary.size === SECONDARY_BATCH, {
      description: 'the first secondary batch consumed',
    });
    expect((await readiness()).status).toBe('up');
    let measured = 0;
    const before = await streamWhile(() => measured++ < BEFORE_SAMPLES);

    // These may or may not be consumed before the broker goes: either way they must be after the outage.
    await produceToSecondary();

    // The outage: the primary stream runs from the stop until the secondary has been down for OUTAGE_MS.
    let outageEndsAt = Number.POSITIVE_INFINITY;
    outageStream = streamWhile(() => Date.now() < outageEndsAt);
    secondaryStopped = true;
    await stopTestbedCluster('secondary');
    const downSince = Date.now();
    outageEndsAt = downSince + OUTAGE_MS;

    await waitFor(() => stateOf('secondary') === 'reconnecting', {
      description: 'the secondary runner reconnecting',
      timeoutMs: 90_000,
    });
    expect(connectionErrors.some((event) => event.cluster === 'secondary')).toBe(true);
    expect(connectionErrors.every((event) => event.cluster === 'secondary')).toBe(true);
    expect(stateOf('primary')).toBe('running');
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

    const during = await outageStream;
    expect(stateOf('primary')).toBe('running');
    expect(stateOf('secondary')).toBe('reconnecting');

    // The return: from the first metadata answer of the restarted broker to the first message consumed.
    const restarted = startTestbedCluster('secondary');
    restarted.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
    const answeredAt = await waitFor(
      async () => ((await answersMetadata(secondaryBrokers())) ? Date.now() : undefined),
      // As long as scripts/kafka/up.sh itself waits for a broker to start.
      { timeoutMs: 180_000, description: 'the restarted secondary answering a metadata request' },
    );
    await produceToSecondary();
    const everySecondaryId = Array.from({ length: nextSecondaryId }, (_, id) => id);
    await waitFor(() => everySecondaryId.every((id) => firstConsumedAt.secondary.has(id)), {
      timeoutMs: 90_000,
      description: `all ${nextSecondaryId} secondary messages consumed after the restart`,
    });
    await restarted;
    secondaryStopped = false;
    const resumedAt = Math.min(...consumed.secondary.filter(({ at }) => at > downSince).map(({ at }) => at));
    const recoveryMs = resumedAt - answeredAt;

    await waitFor(() => stateOf('secondary') === 'running', {
      description: 'the secondary runner running again',
    });
    await waitFor(async () => (await readiness()).status === 'up', { description: 'readiness up again' });

    const secondaryIds = consumed.secondary.map(({ id }) => id);
    report(`primary before the outage: produce→consume ${summary(before.map((t) => t.endToEndMs))}`);
    report(`primary during the outage: produce→consume ${summary(during.map((t) => t.endToEndMs))}`);
    report(`primary before the outage: produce ack ${summary(before.map((t) => t.produceMs))}`);
    report(`primary during the outage: produce ack ${summary(during.map((t) => t.produceMs))}`);
    report(
      `secondary consumed again ${(recoveryMs / 1000).toFixed(2)} s after its broker answered; ` +
        `${new Set(secondaryIds).size} of ${nextSecondaryId} ids consumed, ${secondaryIds.length - new Set(secondaryIds).size} redelivered`,
    );

    // Nothing lost on secondary (redelivery is allowed), nothing lost, doubled or reordered on primary.
    expect([...new Set(secondaryIds)].sort((a, b) => a - b)).toEqual(everySecondaryId);
    expect(consumed.primary.map(({ id }) => id)).toEqual(
      Array.from({ length: nextPrimaryId }, (_, id) => id),
    );
    expect(recoveryMs).toBeLessThanOrEqual(RECOVERY_LIMIT_MS);
    expect(during.length).toBeGreaterThan(0);
    expect(
      percentile(
        during.map((t) => t.endToEndMs),
        50,
      ),
    ).toBeLessThanOrEqual(latencyBound(before.map((t) => t.endToEndMs)));
    expect(
      percentile(
        during.map((t) => t.produceMs),
        50,
      ),
    ).toBeLessThanOrEqual(latencyBound(before.map((t) => t.produceMs)));
    expect(manager.liveConsumerCount()).toBe(2);
  });
});
