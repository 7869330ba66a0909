import {
  keyOf,
  padProducedValues,
  payloadOf,
  produceCases,
  setupProduceBench,
  type ProduceBenchCase,
  type ProduceBenchContext,
} from '../produce.bench';
import type { BenchOptions } from '../support/bench-options';
import type { Cleanup } from '../support/cleanup';
import { producerPerformance, type JavaReference } from '../support/java-reference';
import { rotation, summarize, type Summary } from '../support/stats';

/**
 * Produce cases, all in this process against the same brokers, in rotating order. The message shape and most
 * cases come from bench/produce.bench.ts (the producer's own benchmark); the cases it does not have are here.
 */

const kafkajsOneByOne: ProduceBenchCase = {
  name: 'kafkajs send one by one, awaited',
  async run({ kafkajs, topic }, count) {
    for (let i = 0; i < count; i++) {
      await kafkajs.send({ topic, messages: [{ key: keyOf(i), value: JSON.stringify(payloadOf(i)) }] });
    }
  },
};

const produceManySync: ProduceBenchCase = {
  name: 'produceManySync, all messages in one call',
  async run({ producer, topic }, count) {
    const messages = new Array(count);
    for (let i = 0; i < count; i++) messages[i] = { topic, payload: payloadOf(i), key: keyOf(i) };
    await producer.produceManySync(messages);
  },
};

/** `use` with the burst split between the primary cluster and the secondary one. */
function splitOverClusters(
  name: string,
  use: ProduceBenchCase,
  secondary: ProduceBenchContext,
): ProduceBenchCase {
  return {
    name,
    async run(primary, count) {
      const half = Math.ceil(count / 2);
      await Promise.all([use.run(primary, half), use.run(secondary, count - half)]);
    },
  };
}

/** `use` on another context than the primary one it is given (a producer of another driver). */
function onContext(
  name: string,
  use: ProduceBenchCase,
  context: ProduceBenchContext | undefined,
): ProduceBenchCase {
  return {
    name,
    async run(_primary, count) {
      if (!context) throw new Error(`${name}: no such producer in this run`);
      await use.run(context, count);
    },
  };
}

export const PUBLISH_CONTENDERS = [
  'kafkajs-send-one-by-one',
  'kafkajs-send-batched',
  'kafkajs-send-batched-sequential',
  'produceSync-one-by-one',
  'produceAsync-burst',
  'produceAsync-burst-flush',
  'produceManySync',
  'produceAsync-split-2-clusters',
  'kafkajs-send-batched-split-2-clusters',
  'produceAsync-burst-librdkafka',
] as const;
export type PublishContender = (typeof PUBLISH_CONTENDERS)[number];

export interface PublishContenderFigures {
  contender: PublishContender;
  description: string;
  messagesPerRound: number;
  rate: Summary;
  /** CPU µs (user + system) of this process per message; the brokers' CPU is not included. */
  cpuMicrosPerMessage: Summary;
}

export interface PublishSuiteResult {
  rounds: number;
  batchSize: number;
  partitions: number;
  /** JSON value size of one record. */
  valueBytes: number;
  /** Every contender but those of a driver `--driver` did not ask for. */
  contenders: Partial<Record<PublishContender, PublishContenderFigures>>;
  /** Kafka's Java ProducerPerformance, same record size and count, acks=all, Java client defaults otherwise. */
  javaReference?: { rate: Summary; runs: JavaReference[] } | { error: string };
}

const log = (text: string) => console.log(`[bench:produce] ${text}`);

export async function runPublishSuite(options: BenchOptions, cleanup: Cleanup): Promise<PublishSuiteResult> {
  padProducedValues(options.produceValueBytes);
  const primary = await setupProduceBench(options.primaryBrokers, { partitions: options.partitions });
  const secondary = await setupProduceBench(options.secondaryBrokers, { partitions: options.partitions });
  // The librdkafka driver's producer writes to a topic of its own with the same partitions, on the same broker.
  const librdkafka = options.driver
    ? await setupProduceBench(options.primaryBrokers, {
        partitions: options.partitions,
        driver: 'librdkafka',
      })
    : undefined;
  cleanup.topic(options.primaryBrokers, primary.context.topic);
  cleanup.topic(options.secondaryBrokers, secondary.context.topic);
  if (librdkafka) cleanup.topic(options.primaryBrokers, librdkafka.context.topic);
  const active = PUBLISH_CONTENDERS.filter(
    (contender) => contender !== 'produceAsync-burst-librdkafka' || librdkafka,
  );
  try {
    const cases: Record<PublishContender, { use: ProduceBenchCase; count: number }> = {
      'kafkajs-send-one-by-one': { use: kafkajsOneByOne, count: options.oneByOneMessages },
      'kafkajs-send-batched': { use: produceCases.kafkajsConcurrent, count: options.produceMessages },
      'kafkajs-send-batched-sequential': {
        use: produceCases.kafkajsSequential,
        count: options.produceMessages,
      },
      'produceSync-one-by-one': { use: produceCases.sync, count: options.oneByOneMessages },
      'produceAsync-burst': { use: produceCases.async, count: options.produceMessages },
      'produceAsync-burst-flush': { use: produceCases.asyncFlush, count: options.produceMessages },
      produceManySync: { use: produceManySync, count: options.produceMessages },
      'produceAsync-split-2-clusters': {
        use: splitOverClusters(
          'produceAsync burst split over 2 clusters',
          produceCases.async,
          secondary.context,
        ),
        count: options.produceMessages,
      },
      'kafkajs-send-batched-split-2-clusters': {
        use: splitOverClusters(
          'kafkajs send hand-batched, split over 2 clusters',
          produceCases.kafkajsConcurrent,
          secondary.context,
        ),
        count: options.produceMessages,
      },
      'produceAsync-burst-librdkafka': {
        use: onContext('produceAsync burst, librdkafka driver', produceCases.async, librdkafka?.context),
        count: options.produceMessages,
      },
    };
    // Warm-up: connections, metadata, JIT. Not measured.
    for (const contender of active) {
      const { use, count } = cases[contender];
      await use.run(primary.context, Math.min(count, 500));
    }
    const rates = new Map<PublishContender, number[]>(active.map((c) => [c, []]));
    const cpu = new Map<PublishContender, number[]>(active.map((c) => [c, []]));
    for (let round = 0; round < options.rounds; round++) {
      const line: string[] = [];
      for (const contender of rotation(active, round)) {
        const { use, count } = cases[contender];
        const startedCpu = process.cpuUsage();
        const started = performance.now();
        await use.run(primary.context, count);
        const rate = count / ((performance.now() - started) / 1000);
        const usedCpu = process.cpuUsage(startedCpu);
        rates.get(contender)?.push(rate);
        cpu.get(contender)?.push((usedCpu.user + usedCpu.system) / count);
        line.push(`${contender} ${Math.round(rate).toLocaleString('en-US')}`);
      }
      log(`round ${round + 1}/${options.rounds} msg/s: ${line.join(', ')}`);
    }
    const contenders = Object.fromEntries(
      active.map((contender) => [
        contender,
        {
          contender,
          description: cases[contender].use.name,
          messagesPerRound: cases[contender].count,
          rate: summarize(rates.get(contender) ?? []),
          cpuMicrosPerMessage: summarize(cpu.get(contender) ?? []),
        },
      ]),
    ) as PublishSuiteResult['contenders'];
    const valueBytes = Buffer.byteLength(JSON.stringify(payloadOf(0)));
    let javaReference: PublishSuiteResult['javaReference'];
    if (options.javaReference) {
      try {
        const javaRuns: JavaReference[] = [];
        for (let round = 0; round < Math.min(options.rounds, 3); round++) {
          javaRuns.push(
            await producerPerformance(
              options.primaryBrokers,
              primary.context.topic,
              options.produceMessages,
              valueBytes,
            ),
          );
          log(
            `Java ProducerPerformance ${Math.round(javaRuns[javaRuns.length - 1].messagesPerSecond).toLocaleString('en-US')} msg/s`,
          );
        }
        javaReference = { rate: summarize(javaRuns.map((run) => run.messagesPerSecond)), runs: javaRuns };
      } catch (error) {
        javaReference = { error: (error as Error).message };
        log(`Java reference skipped: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    return {
      rounds: options.rounds,
      batchSize: primary.context.batchSize,
      partitions: options.partitions,
      valueBytes,
      contenders,
      javaReference,
    };
  } finally {
    await Promise.all([primary.close(), secondary.close(), librdkafka?.close()]);
  }
}
