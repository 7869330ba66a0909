import * as fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Module, type INestApplicationContext, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getProducerToken, KafkaProducer, KarafkaModule } from '../../lib';
import type { SoakCluster } from './soak-clusters';
import type { SoakTally } from './soak-tally';

const CHUNK = 1000;
/** Chunks of one cluster awaiting their acknowledgements: the producer's backpressure. */
const CHUNKS_IN_FLIGHT = 4;
const RETRY_DELAY_MS = 500;

export interface SoakProduction {
  topic: string;
  messages: number;
  /** Seconds production is spread over (it goes slower when the clusters cannot keep up). */
  durationS: number;
}

/** Nest's and the driver's log lines of the producing app, into a file (an outage logs a lot). */
class FileLogger implements LoggerService {
  constructor(private readonly file: string) {}
  private write(level: string, message: unknown, context?: unknown): void {
    fs.appendFileSync(
      this.file,
      `${new Date().toISOString()} ${level} ${context ?? ''} ${String(message)}\n`,
    );
  }
  log(message: unknown, context?: unknown) {
    this.write('LOG', message, context);
  }
  error(message: unknown, _trace?: unknown, context?: unknown) {
    this.write('ERROR', message, context);
  }
  warn(message: unknown, context?: unknown) {
    this.write('WARN', message, context);
  }
}

/**
 * Produces ids 0 .. messages - 1 with the library itself, from a producer-only app: even ids to the primary
 * cluster (the default producer), odd ids to the secondary (a named producer). Each cluster's ids go out in
 * chunks of `produceAsync` calls, paced to spread them over the duration; a rejected id is produced again
 * until it is acknowledged (and each rejection counted).
 */
export class SoakProducer {
  private constructor(private readonly app: INestApplicationContext) {}

  static async start(brokers: Record<SoakCluster, string>, logFile: string): Promise<SoakProducer> {
    const logger = new FileLogger(logFile);
    @Module({
      imports: [
        KarafkaModule.forRoot({
          kafka: {
            'bootstrap.servers': brokers.primary,
            'client.id': 'soak-producer',
            'message.timeout.ms': 10000,
          },
          clusters: { secondary: { 'bootstrap.servers': brokers.secondary } },
          producers: { secondary: { cluster: 'secondary', kafka: { 'message.timeout.ms': 10000 } } },
          autoStartConsumers: false,
          logRoutingTable: false,
          driverLog: (entry, cluster) => logger.warn(JSON.stringify(entry), `kafkajs ${cluster}`),
        }),
      ],
    })
    class SoakProducerModule {}
    const app = await NestFactory.createApplicationContext(SoakProducerModule, { logger });
    return new SoakProducer(app);
  }

  /** Resolves once every id is acknowledged. */
  async run(production: SoakProduction, tally: SoakTally): Promise<void> {
    await Promise.all([
      this.produceCluster(this.app.get<KafkaProducer>(getProducerToken()), 0, production, tally),
      this.produceCluster(this.app.get<KafkaProducer>(getProducerToken('secondary')), 1, production, tally),
    ]);
  }

  close(): Promise<void> {
    return this.app.close();
  }

  /** The ids `first`, `first + 2`, … of one cluster. */
  private async produceCluster(
    producer: KafkaProducer,
    first: number,
    { topic, messages, durationS }: SoakProduction,
    tally: SoakTally,
  ): Promise<void> {
    const ids = Math.ceil((messages - first) / 2);
    const perMs = ids / (durationS * 1000);
    const started = Date.now();
    const inFlight = new Set<Promise<void>>();
    for (let sent = 0; sent < ids; sent += CHUNK) {
      const wait = started + sent / perMs - Date.now();
      if (wait > 0) await sleep(wait);
      const chunk: number[] = [];
      for (let n = sent; n < Math.min(ids, sent + CHUNK); n++) chunk.push(first + 2 * n);
      const delivered: Promise<void> = deliver(producer, topic, chunk, tally).finally(() =>
        inFlight.delete(delivered),
      );
      inFlight.add(delivered);
      if (inFlight.size >= CHUNKS_IN_FLIGHT) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  }
}

async function deliver(
  producer: KafkaProducer,
  topic: string,
  chunk: number[],
  tally: SoakTally,
): Promise<void> {
  let pending = chunk;
  for (;;) {
    const outcomes = await Promise.allSettled(
      pending.map((id) => producer.produceAsync({ topic, payload: id })),
    );
    const rejected = pending.filter((id, i) => {
      if (outcomes[i].status === 'fulfilled') tally.acknowledge(id);
      else tally.reject();
      return outcomes[i].status === 'rejected';
    });
    if (rejected.length === 0) return;
    pending = rejected;
    await sleep(RETRY_DELAY_MS);
  }
}
