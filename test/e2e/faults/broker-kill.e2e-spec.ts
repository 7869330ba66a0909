import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  KafkaProduceError,
  KafkaProducer,
  KarafkaModule,
  getProducerToken,
  type DeliveryReport,
} from '../../../lib';
import { idRange, reportFault, sampleIds, seconds, tallyIds } from '../../support/fault-report';
import { createTopic, readWithPeer, recordCount, uniqueName, waitFor } from '../../support/kafka-env';
import { PrivateCluster } from '../../support/private-cluster';
import { e2eDriverName } from '../../support/e2e-driver';

/**
 * kill -9 of the broker while two producers (one plain, one with 'enable.idempotence') stream messages with
 * produceAsync, then the broker started again: every promise settles, each rejection names producer, cluster
 * and topic, every acknowledged message is in the topic at the offset its report gave (read back by kcat or
 * Kafka's console consumer), and the idempotent producer wrote nothing twice.
 * The broker is a private one (PrivateCluster): the shared test bed is never killed.
 */

const PORT = 29292;
const PARTITIONS = 4;
/** Per partition and tick: each tick's messages of a partition have the same count, like a steady stream. */
const PER_PARTITION = 25;
const TICK_MS = 20;
/** Short enough that messages enqueued early in the outage fail by timeout: rejections get checked too. */
const DELIVERY_TIMEOUT_MS = 8000;
/** Acknowledged before the kill, and offered after the restart, per producer. */
const BEFORE_KILL = 2000;
const AFTER_RESTART = 2000;

jest.setTimeout(150_000);

interface Outcome {
  id: number;
  report?: DeliveryReport;
  error?: unknown;
  settledAt: number;
}

/** produceAsync of ids 0, 1, 2, ... on every partition in equal bursts, every TICK_MS, until stopped. */
class ProduceStream {
  offered = 0;
  offeredAtKill = Infinity;
  offeredAtRestart = Infinity;
  readonly outcomes: Outcome[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    readonly producer: KafkaProducer,
    readonly topic: string,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      for (let partition = 0; partition < PARTITIONS; partition++) {
        for (let i = 0; i < PER_PARTITION; i++) this.offer(partition);
      }
    }, TICK_MS);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  acked(): Outcome[] {
    return this.outcomes.filter((outcome) => outcome.report);
  }

  ackedSinceRestart(): number {
    return this.outcomes.filter((outcome) => outcome.report && outcome.id >= this.offeredAtRestart).length;
  }

  rejected(): Outcome[] {
    return this.outcomes.filter((outcome) => !outcome.report);
  }

  private offer(partition: number): void {
    const id = this.offered++;
    this.producer.produceAsync({ topic: this.topic, partition, payload: id }).then(
      (report) => this.outcomes.push({ id, report, settledAt: Date.now() }),
      (error: unknown) => this.outcomes.push({ id, error, settledAt: Date.now() }),
    );
  }
}

describe('kill -9 of the broker while produceAsync is busy (e2e, private cluster)', () => {
  const cluster = new PrivateCluster(PORT);
  let app: INestApplicationContext | undefined;

  beforeAll(async () => {
    await cluster.start({ fresh: true });
  });

  afterAll(async () => {
    await app?.close();
    await cluster.stop();
  });

  it('settles every promise, loses no acknowledged message, and the idempotent producer writes none twice', async () => {
    const topics = { plain: uniqueName('faults.broker.plain'), idempotent: uniqueName('faults.broker.idem') };
    await createTopic(cluster.brokers, topics.plain, PARTITIONS);
    await createTopic(cluster.brokers, topics.idempotent, PARTITIONS, { 'flush.messages': '1' });
    const moduleRef = await Test.createTestingModule({
      imports: [
        KarafkaModule.forRoot({
          driver: e2eDriverName(),
          kafka: {
            'bootstrap.servers': cluster.brokers.join(','),
            'client.id': 'faults-broker-kill',
            'message.timeout.ms': DELIVERY_TIMEOUT_MS,
          },
          producers: { idempotent: { kafka: { 'enable.idempotence': true } } },
          logRoutingTable: false,
        }),
      ],
    }).compile();
    if (!process.env.FAULTS_LOGS) moduleRef.useLogger(false);
    app = await moduleRef.init();
    const streams = {
      plain: new ProduceStream(app.get<KafkaProducer>(getProducerToken()), topics.plain),
      idempotent: new ProduceStream(
        app.get<KafkaProducer>(getProducerToken('idempotent')),
        topics.idempotent,
      ),
    };
    const all = Object.values(streams);

    for (const stream of all) stream.start();
    await waitFor(() => all.every((stream) => stream.acked().length >= BEFORE_KILL), {
      description: `${BEFORE_KILL} acknowledgements per producer before the kill`,
    });
    const killedAt = Date.now();
    for (const stream of all) stream.offeredAtKill = stream.offered;
    await cluster.kill();
    await cluster.start();
    const restartedAt = Date.now();
    for (const stream of all) stream.offeredAtRestart = stream.offered;
    // Each producer works again: messages sent after the restart are acknowledged.
    await waitFor(() => all.every((stream) => stream.ackedSinceRestart() >= AFTER_RESTART), {
      description: `${AFTER_RESTART} acknowledgements per producer of messages sent after the restart`,
      timeoutMs: 45_000,
    }).catch((error: Error) => {
      const acks = all.map((s) => `${s.producer.name}: ${s.ackedSinceRestart()}`).join(', ');
      throw new Error(`${error.message} (so far ${acks})`);
    });
    for (const stream of all) stream.stop();
    const stoppedAt = Date.now();
    // Nothing hangs: every promise settles within the delivery timeout of its message (plus the scheduling
    // slack of a loaded machine).
    await waitFor(() => all.every((stream) => stream.outcomes.length === stream.offered), {
      description: 'every produceAsync promise settled',
      timeoutMs: DELIVERY_TIMEOUT_MS + 15_000,
    }).catch((error: Error) => {
      const open = all
        .map((s) => `${s.producer.name}: ${s.offered - s.outcomes.length} unsettled`)
        .join(', ');
      throw new Error(`${error.message} (${open})`);
    });

    for (const [kind, stream] of Object.entries(streams)) {
      const { topic, producer } = stream;
      // The outage outlasts the delivery timeout, so some messages fail: each says which producer, cluster, topic.
      const rejections = stream.rejected().map((outcome) => outcome.error);
      expect(rejections.length).toBeGreaterThan(0);
      const misnamed = rejections.filter(
        (error) =>
          !(error instanceof KafkaProduceError) ||
          error.producer !== producer.name ||
          error.cluster !== 'primary' ||
          error.topic !== topic ||
          !error.message.includes(`Producer '${producer.name}' (cluster 'primary')`) ||
          !error.message.includes(`topic '${topic}'`),
      );
      expect(misnamed.slice(0, 3)).toEqual([]);
      const acked = stream.acked();
      const written = await readWithPeer(cluster.brokers, topic, await recordCount(cluster.brokers, topic), {
        timeoutMs: 60_000,
      });
      const idsWritten = written.map((record) => Number(record.value));
      const at = new Map(
        written.map((record) => [`${record.partition}:${record.offset}`, Number(record.value)]),
      );
      // Against every id offered: duplicates, and ids nobody offered. Rejected messages may still be written
      // (a request that timed out can land later), so only acknowledged ones must be there.
      const { duplicates, unexpected } = tallyIds(idRange(stream.offered), idsWritten);
      const { lost } = tallyIds(
        acked.map((outcome) => outcome.id),
        idsWritten,
      );
      const misplaced = acked.filter(
        ({ id, report }) => at.get(`${report!.partition}:${report!.offset}`) !== id,
      );
      const resumedAt = Math.min(
        ...acked.filter((outcome) => outcome.id >= stream.offeredAtKill).map((outcome) => outcome.settledAt),
      );
      const lastSettled = Math.max(...stream.outcomes.map((outcome) => outcome.settledAt));
      const rejectedNotWritten = tallyIds(
        stream.rejected().map((outcome) => outcome.id),
        idsWritten,
      ).lost.length;
      reportFault(
        `broker-kill (${kind})`,
        `acked ${acked.length} of ${stream.offered}, acked lost ${lost.length}, acked misplaced ${misplaced.length}, ` +
          `duplicates ${duplicates}; rejected ${rejections.length} (${rejections.length - rejectedNotWritten} of them written anyway); ` +
          `broker back ${seconds(restartedAt - killedAt)} after the kill, first ack of a message sent after the kill ` +
          `${seconds(resumedAt - killedAt)} after it; all settled ${seconds(lastSettled - stoppedAt)} after the stream stopped`,
      );
      expect({ kind, lost: sampleIds(lost), misplaced: sampleIds(misplaced.map((o) => o.id)) }).toEqual({
        kind,
        lost: 'none',
        misplaced: 'none',
      });
      expect(unexpected).toEqual([]);
      if (kind === 'idempotent') expect({ kind, duplicates }).toEqual({ kind, duplicates: 0 });
    }
    // Every id offered is accounted for exactly once (acknowledged or rejected).
    for (const stream of all) {
      expect(
        tallyIds(
          idRange(stream.offered),
          stream.outcomes.map((o) => o.id),
        ),
      ).toEqual({
        lost: [],
        duplicates: 0,
        unexpected: [],
      });
    }
  });
});
