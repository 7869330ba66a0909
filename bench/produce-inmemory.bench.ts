/**
 * The producer's own per-message cost, without a broker: `KafkaProducer` against an in-memory driver that
 * acknowledges every request at once (offsets per partition, like a broker). What it measures is the
 * library's work — record conversion, batching, promises, delivery reports — which the real-broker bench
 * (produce.bench.ts) hides behind kafkajs' encoding and the network. Not a test: nothing here asserts.
 *
 *   npx ts-node --transpile-only bench/produce-inmemory.bench.ts [--rounds 7] [--messages 200000] [--sync-messages 50000] [--lib path/to/lib] [--compare other/lib]
 *
 * `--lib` loads another checkout's lib/ instead of this one; `--compare other/lib` runs a second lib/ (same
 * constructor shape) alternating with the first, round by round, and prints the ratios.
 */
import * as path from 'node:path';
import type { DriverProducer, DriverRecord, DriverRecordMetadata } from '../lib/driver/kafka-driver.port';

type KafkaProducerModule = typeof import('../lib/producer/kafka-producer');
type ProducerInstance = InstanceType<KafkaProducerModule['KafkaProducer']>;

/** Acknowledges at once; the partition is the key's length mod `partitions`, as a partitioner would set it. */
class InMemoryDriverProducer implements DriverProducer {
  private readonly offsets = new Map<string, number>();

  constructor(private readonly partitions = 3) {}

  async connect(): Promise<void> {}
  async disconnect(): Promise<void> {}
  async transaction(): Promise<never> {
    throw new Error('no transactions in this bench');
  }
  on(): () => void {
    return () => undefined;
  }

  async sendBatch(args: {
    topicMessages: Array<{ topic: string; messages: DriverRecord[] }>;
  }): Promise<DriverRecordMetadata[]> {
    const metadata: DriverRecordMetadata[] = [];
    for (const { topic, messages } of args.topicMessages) {
      const counts = new Array<number>(this.partitions).fill(0);
      for (const record of messages) {
        record.partition ??= record.key ? String(record.key).length % this.partitions : 0;
        counts[record.partition]++;
      }
      counts.forEach((count, partition) => {
        if (count === 0) return;
        const key = `${topic}/${partition}`;
        const base = this.offsets.get(key) ?? 0;
        this.offsets.set(key, base + count);
        metadata.push({ topic, partition, baseOffset: String(base), errorCode: 0 });
      });
    }
    return metadata;
  }
}

const payloadOf = (i: number) => ({ id: i, kind: 'order', amount: 12.5, currency: 'EUR' });
const keyOf = (i: number) => String(i % 100);
const topic = 'bench';

const cases: Record<string, (producer: ProducerInstance, count: number) => Promise<unknown>> = {
  'produceAsync burst, await every promise': (producer, count) => {
    const deliveries = new Array<Promise<unknown>>(count);
    for (let i = 0; i < count; i++)
      deliveries[i] = producer.produceAsync({ topic, payload: payloadOf(i), key: keyOf(i) });
    return Promise.all(deliveries);
  },
  'produceAsync burst, then flush()': (producer, count) => {
    for (let i = 0; i < count; i++)
      void producer.produceAsync({ topic, payload: payloadOf(i), key: keyOf(i) });
    return producer.flush();
  },
  'produceManyAsync, 1000 per call': (producer, count) => {
    const calls: Array<Promise<unknown>> = [];
    for (let start = 0; start < count; start += 1000) {
      const messages = [];
      for (let i = start; i < Math.min(count, start + 1000); i++)
        messages.push({ topic, payload: payloadOf(i), key: keyOf(i) });
      calls.push(producer.produceManyAsync(messages));
    }
    return Promise.all(calls);
  },
  'produceSync one by one': async (producer, count) => {
    for (let i = 0; i < count; i++)
      await producer.produceSync({ topic, payload: payloadOf(i), key: keyOf(i) });
  },
};

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

interface Contender {
  lib: string;
  producer: ProducerInstance;
  rates: Map<string, number[]>;
  cpu: Map<string, number[]>;
}

/** A producer of the lib/ at `lib`, on its own in-memory driver and monitor. */
function contender(lib: string, names: string[]): Contender {
  /* eslint-disable @typescript-eslint/no-require-imports -- the lib under test is chosen at run time */
  const { KafkaProducer } = require(path.join(lib, 'producer/kafka-producer')) as KafkaProducerModule;
  const { KarafkaMonitor } = require(
    path.join(lib, 'instrumentation/karafka-monitor'),
  ) as typeof import('../lib/instrumentation/karafka-monitor');
  const { resolveClusters } = require(
    path.join(lib, 'cluster/resolve-clusters'),
  ) as typeof import('../lib/cluster/resolve-clusters');
  const { resolveProducerDefinitions } = require(
    path.join(lib, 'producer/resolve-producer-definitions'),
  ) as typeof import('../lib/producer/resolve-producer-definitions');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const options = { kafka: { 'bootstrap.servers': '127.0.0.1:1', 'client.id': 'bench' } };
  const { producers } = resolveProducerDefinitions({}, resolveClusters(options).clusters);
  return {
    lib,
    producer: new KafkaProducer(producers[0], new InMemoryDriverProducer(), new KarafkaMonitor()),
    rates: new Map(names.map((name) => [name, []])),
    cpu: new Map(names.map((name) => [name, []])),
  };
}

function libArgument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? path.resolve(process.argv[index + 1]) : undefined;
}

async function main(): Promise<void> {
  const rounds = argument('rounds', 7);
  const messages = argument('messages', 200_000);
  const syncMessages = argument('sync-messages', 50_000);
  const names = Object.keys(cases);
  const libs = [libArgument('lib') ?? path.join(__dirname, '../lib'), libArgument('compare')];
  const contenders = libs.filter((lib) => lib !== undefined).map((lib) => contender(lib, names));
  const countOf = (name: string) => (name.startsWith('produceSync') ? syncMessages : messages);

  for (const { producer } of contenders)
    for (const name of names) await cases[name](producer, Math.min(countOf(name), 5000)); // JIT warm-up
  for (let round = 0; round < rounds; round++) {
    for (const name of names.map((_, i) => names[(i + round) % names.length])) {
      // Back to back, alternating which goes first, so a busy machine's drift hits both alike.
      for (const { producer, rates, cpu } of round % 2 ? [...contenders].reverse() : contenders) {
        const count = countOf(name);
        const cpuBefore = process.cpuUsage();
        const started = performance.now();
        await cases[name](producer, count);
        rates.get(name)!.push(count / ((performance.now() - started) / 1000));
        const { user, system } = process.cpuUsage(cpuBefore);
        cpu.get(name)!.push((user + system) / count);
      }
    }
  }
  for (const { producer } of contenders) await producer.close();

  console.log(`In-memory producer, node ${process.version}, median of ${rounds} rounds:`);
  for (const { lib, rates, cpu } of contenders) {
    console.log(`${lib}:`);
    for (const name of names) {
      const rate = Math.round(median(rates.get(name)!))
        .toLocaleString('en-US')
        .padStart(10);
      console.log(`  ${name.padEnd(42)} ${rate} msg/s   CPU ${median(cpu.get(name)!).toFixed(2)} µs/msg`);
    }
  }
  if (contenders.length === 2) {
    const [a, b] = contenders;
    console.log(`Ratios ${a.lib} / ${b.lib} (median of per-round ratios of msg/s):`);
    for (const name of names) {
      const perRound = a.rates.get(name)!.map((rate, round) => rate / b.rates.get(name)![round]);
      const sorted = [...perRound].sort((x, y) => x - y);
      console.log(
        `  ${name.padEnd(42)} ${median(perRound).toFixed(2)}×  (per round ${sorted[0].toFixed(2)}–${sorted[sorted.length - 1].toFixed(2)})`,
      );
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
