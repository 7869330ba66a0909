/**
 * Producer throughput on one real broker, in one run: nestjs-karafka's `produceAsync` burst against awaited
 * `produceSync` one by one and against kafkajs' own `producer.send` with hand-made batches of the same size.
 * Cases run in rotating order over several rounds; the median and the spread (min–max) of messages/s are
 * printed, with ratios. Not a test: nothing here asserts.
 *
 *   npx ts-node --transpile-only bench/produce.bench.ts [--rounds 5] [--messages 20000] [--sync-messages 2000] [--batch 1000]
 *
 * Uses KAFKA_PRIMARY_BROKERS (default 127.0.0.1:19092). The cases are exported for a bench runner.
 */
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { ClusterConnections } from '../lib/cluster/cluster-connections';
import { resolveClusters } from '../lib/cluster/resolve-clusters';
import { DEFAULT_PRODUCER_SETTINGS } from '../lib/config/karafka.defaults';
import { createDriver } from '../lib/driver/create-driver';
import type { DriverName } from '../lib/driver/driver-choice';
import { KarafkaMonitor } from '../lib/instrumentation/karafka-monitor';
import type { KarafkaModuleOptions } from '../lib/karafka-options.interface';
import type { KafkaProducer } from '../lib/producer/kafka-producer';
import { ProducerPool } from '../lib/producer/producer-pool';
import { resolveProducerDefinitions } from '../lib/producer/resolve-producer-definitions';

export interface ProduceBenchContext {
  topic: string;
  batchSize: number;
  producer: KafkaProducer;
  kafkajs: Producer;
}

export interface ProduceBenchCase {
  name: string;
  /** Sends `count` messages and resolves once all are acknowledged. */
  run(context: ProduceBenchContext, count: number): Promise<void>;
}

/** The same message shape for every case: a small JSON object with a key spreading it over partitions. */
const orderOf = (i: number) => ({ id: i, kind: 'order', amount: 12.5, currency: 'EUR' });
/** The shape in use, chosen once by `padProducedValues`, not per message. */
let shapeOf: (i: number) => object = orderOf;
export const payloadOf = (i: number) => shapeOf(i);
export const keyOf = (i: number) => String(i % 100);

/** Pads every produced value to about `bytes` of JSON (ids of up to 6 digits); undefined keeps the plain order. */
export function padProducedValues(bytes: number | undefined): void {
  if (bytes === undefined) {
    shapeOf = orderOf;
    return;
  }
  const natural = Buffer.byteLength(JSON.stringify({ ...orderOf(100000), pad: '' }));
  const pad = 'x'.repeat(Math.max(0, bytes - natural));
  shapeOf = (i) => ({ ...orderOf(i), pad });
}

export const produceCases: Record<
  'async' | 'asyncFlush' | 'sync' | 'kafkajsSequential' | 'kafkajsConcurrent',
  ProduceBenchCase
> = {
  async: {
    name: 'produceAsync burst, await every promise',
    async run({ producer, topic }, count) {
      const deliveries = new Array<Promise<unknown>>(count);
      for (let i = 0; i < count; i++)
        deliveries[i] = producer.produceAsync({ topic, payload: payloadOf(i), key: keyOf(i) });
      await Promise.all(deliveries);
    },
  },
  asyncFlush: {
    name: 'produceAsync burst, then flush()',
    async run({ producer, topic }, count) {
      for (let i = 0; i < count; i++)
        void producer.produceAsync({ topic, payload: payloadOf(i), key: keyOf(i) });
      await producer.flush();
    },
  },
  sync: {
    name: 'produceSync one by one',
    async run({ producer, topic }, count) {
      for (let i = 0; i < count; i++)
        await producer.produceSync({ topic, payload: payloadOf(i), key: keyOf(i) });
    },
  },
  kafkajsSequential: {
    name: 'kafkajs send, hand-batched, one batch at a time',
    async run({ kafkajs, topic, batchSize }, count) {
      for (let start = 0; start < count; start += batchSize) {
        await kafkajs.send({ topic, messages: handBatch(start, Math.min(count, start + batchSize)) });
      }
    },
  },
  kafkajsConcurrent: {
    name: 'kafkajs send, hand-batched, all batches at once',
    async run({ kafkajs, topic, batchSize }, count) {
      const sends: Array<Promise<unknown>> = [];
      for (let start = 0; start < count; start += batchSize) {
        sends.push(kafkajs.send({ topic, messages: handBatch(start, Math.min(count, start + batchSize)) }));
      }
      await Promise.all(sends);
    },
  },
};

function handBatch(from: number, to: number): Array<{ key: string; value: string }> {
  const messages = new Array<{ key: string; value: string }>(to - from);
  for (let i = from; i < to; i++) messages[i - from] = { key: keyOf(i), value: JSON.stringify(payloadOf(i)) };
  return messages;
}

/**
 * Connects both producers to `brokers` and creates a fresh topic with `partitions` partitions. `kafka` adds
 * producer settings (e.g. `'batch.num.messages'`); the hand-made batches use the same batch size.
 */
export async function setupProduceBench(
  brokers: string,
  {
    partitions = 3,
    kafka: producerKafka = {},
    driver = 'kafkajs',
  }: { partitions?: number; kafka?: Record<string, unknown>; driver?: DriverName } = {},
): Promise<{ context: ProduceBenchContext; close(): Promise<void> }> {
  const topic = `bench-produce-${Date.now().toString(36)}`;
  const kafka = new Kafka({
    clientId: 'bench-kafkajs',
    brokers: brokers.split(','),
    logLevel: logLevel.ERROR,
  });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  await admin.disconnect();

  const options: KarafkaModuleOptions = {
    kafka: { 'bootstrap.servers': brokers, 'client.id': 'bench-karafka', ...producerKafka },
  };
  const { clusters } = resolveClusters(options);
  const { producers } = resolveProducerDefinitions(options, clusters);
  const connections = new ClusterConnections(createDriver({ fallback: driver, byCluster: {} }, {}));
  const registry = new ProducerPool(
    producers,
    (cluster) => connections.clientFor(cluster),
    new KarafkaMonitor(),
    {
      statisticsInterval: 0,
    },
  );
  const producer = registry.get();
  await producer.connect();
  const kafkajs = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await kafkajs.connect();

  return {
    context: {
      topic,
      batchSize: producers[0].settings.batchNumMessages ?? DEFAULT_PRODUCER_SETTINGS.batchNumMessages,
      producer,
      kafkajs,
    },
    close: async () => {
      await registry.closeAll();
      await kafkajs.disconnect();
    },
  };
}

export interface CaseFigures {
  name: string;
  /** messages/s of every round, in round order. */
  rates: number[];
  median: number;
  min: number;
  max: number;
  /** Median CPU time of this process per message (µs): less sensitive than messages/s to a busy machine. */
  cpuMicrosPerMessage: number;
}

/** Runs every case once per round, rotating the order so no case always runs first (cold) or last. */
export async function runProduceBench(
  context: ProduceBenchContext,
  { rounds, messages, syncMessages }: { rounds: number; messages: number; syncMessages: number },
): Promise<Record<keyof typeof produceCases, CaseFigures>> {
  const keys = Object.keys(produceCases) as Array<keyof typeof produceCases>;
  const countOf = (key: keyof typeof produceCases) => (key === 'sync' ? syncMessages : messages);

  // Warm-up: connections, metadata and JIT, not measured.
  for (const key of keys) await produceCases[key].run(context, Math.min(countOf(key), 500));

  const rates = Object.fromEntries(keys.map((key) => [key, [] as number[]])) as Record<
    keyof typeof produceCases,
    number[]
  >;
  const cpu = Object.fromEntries(keys.map((key) => [key, [] as number[]])) as Record<
    keyof typeof produceCases,
    number[]
  >;
  for (let round = 0; round < rounds; round++) {
    const order = keys.map((_, i) => keys[(i + round) % keys.length]);
    for (const key of order) {
      const count = countOf(key);
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      await produceCases[key].run(context, count);
      rates[key].push(count / ((performance.now() - started) / 1000));
      const { user, system } = process.cpuUsage(cpuBefore);
      cpu[key].push((user + system) / count);
    }
  }
  return Object.fromEntries(
    keys.map((key) => {
      const sorted = [...rates[key]].sort((a, b) => a - b);
      return [
        key,
        {
          name: produceCases[key].name,
          rates: rates[key],
          median: median(sorted),
          min: sorted[0],
          max: sorted[sorted.length - 1],
          cpuMicrosPerMessage: median([...cpu[key]].sort((a, b) => a - b)),
        },
      ];
    }),
  ) as Record<keyof typeof produceCases, CaseFigures>;
}

function median(sorted: number[]): number {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function formatProduceBench(
  figures: Record<keyof typeof produceCases, CaseFigures>,
  batchSize: number,
): string {
  const rate = (n: number) => `${Math.round(n).toLocaleString('en-US')}`.padStart(9);
  const lines = Object.values(figures).map(
    (f) =>
      `  ${f.name.padEnd(50)} ${rate(f.median)} msg/s   (min ${rate(f.min).trim()}, max ${rate(f.max).trim()})` +
      `   CPU ${f.cpuMicrosPerMessage.toFixed(1)} µs/msg`,
  );
  // Cases of one round ran back to back, so per-round ratios cancel most of a busy machine's drift.
  const ratio = (a: CaseFigures, b: CaseFigures) => {
    const perRound = a.rates.map((rate, round) => rate / b.rates[round]).sort((x, y) => x - y);
    return `${median(perRound).toFixed(2)}×  (per round ${perRound[0].toFixed(2)}–${perRound[perRound.length - 1].toFixed(2)})`;
  };
  return [
    `Producer throughput, median of ${figures.async.rates.length} rounds (batch size ${batchSize}):`,
    ...lines,
    'Ratios (median of the per-round ratios):',
    `  produceAsync (await all) / kafkajs hand-batched, all at once:   ${ratio(figures.async, figures.kafkajsConcurrent)}`,
    `  produceAsync (await all) / kafkajs hand-batched, one at a time: ${ratio(figures.async, figures.kafkajsSequential)}`,
    `  produceAsync (flush)     / kafkajs hand-batched, all at once:   ${ratio(figures.asyncFlush, figures.kafkajsConcurrent)}`,
    `  produceAsync (flush)     / kafkajs hand-batched, one at a time: ${ratio(figures.asyncFlush, figures.kafkajsSequential)}`,
    `  produceAsync (await all) / produceSync one by one:              ${ratio(figures.async, figures.sync)}`,
  ].join('\n');
}

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
}

async function main(): Promise<void> {
  const brokers = process.env.KAFKA_PRIMARY_BROKERS || '127.0.0.1:19092';
  const settings = {
    rounds: argument('rounds', 5),
    messages: argument('messages', 20000),
    syncMessages: argument('sync-messages', 2000),
  };
  const batchSize = process.argv.includes('--batch') ? argument('batch', 1) : undefined;
  const bench = await setupProduceBench(brokers, {
    kafka: batchSize ? { 'batch.num.messages': batchSize } : {},
  });
  try {
    console.log(`Broker ${brokers}, topic ${bench.context.topic}, node ${process.version}`);
    const figures = await runProduceBench(bench.context, settings);
    console.log(formatProduceBench(figures, bench.context.batchSize));
  } finally {
    await bench.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
