import type { BenchOptions } from '../support/bench-options';
import { benchName, createTopics, fillTopic } from '../support/bench-topics';
import { builtBenchFile } from '../support/child-build';
import { runChild } from '../support/child-task';
import type { Cleanup } from '../support/cleanup';
import { consumerPerformance, type JavaReference } from '../support/java-reference';
import { rotation, summarize, type Summary } from '../support/stats';
import {
  CONSUME_CONTENDERS,
  runConsumeContender,
  type ConsumeContender,
  type ConsumeRun,
  type ConsumeTask,
  type ConsumeTopic,
} from './consume-contenders';

export interface ConsumeContenderFigures {
  contender: ConsumeContender;
  description: string;
  /** messages/s, ready → last message. */
  rate: Summary;
  /** CPU µs (user + system) of the consuming process per message. */
  cpuMicrosPerMessage: Summary;
  startToFirstMessageMs: Summary;
  startToReadyMs: Summary;
  runs: ConsumeRun[];
}

export interface ConsumeSuiteResult {
  messages: number;
  payloadBytes: number;
  partitions: number;
  rounds: number;
  isolation: BenchOptions['isolation'];
  topics: { single: ConsumeTopic; split: ConsumeTopic[] };
  /** Every contender that ran (all of them unless `--contenders` chose some). */
  contenders: Partial<Record<ConsumeContender, ConsumeContenderFigures>>;
  /** Kafka's Java ConsumerPerformance on the same topic: what the broker serves to a client that is not kafkajs. */
  javaReference?: { rate: Summary; runs: JavaReference[] } | { error: string };
}

/** The contenders with an interceptor, which must have run for their figures to mean anything. */
const ENHANCED = { 'karafka-enhanced': true, 'karafka-nest-validation': true, 'karafka-plumbing': true };

/** Contenders of a second driver, run when `--driver` names it (or `--contenders` does). */
const DRIVER_CONTENDERS: Record<NonNullable<BenchOptions['driver']>, ConsumeContender> = {
  librdkafka: 'karafka-librdkafka',
};

function selectContenders(names: string[] | undefined, driver: BenchOptions['driver']): ConsumeContender[] {
  const all = Object.keys(CONSUME_CONTENDERS) as ConsumeContender[];
  if (!names) {
    const others = new Set(Object.values(DRIVER_CONTENDERS));
    return all.filter((name) => !others.has(name) || (driver && DRIVER_CONTENDERS[driver] === name));
  }
  const unknown = names.filter((name) => !all.includes(name as ConsumeContender));
  if (unknown.length > 0) {
    throw new Error(
      `--contenders: unknown consume contender(s) ${unknown.join(', ')}; known: ${all.join(', ')}`,
    );
  }
  return names as ConsumeContender[];
}

const log = (text: string) => console.log(`[bench:consume] ${text}`);

/**
 * Fills one topic with `messages` orders for the single-cluster contenders, and the same orders split over a
 * topic on each cluster (same total of partitions) for the multi-cluster contender. Then runs every contender
 * once per round, in rotating order, each with a fresh consumer group.
 */
export async function runConsumeSuite(options: BenchOptions, cleanup: Cleanup): Promise<ConsumeSuiteResult> {
  const { messages, partitions, payloadBytes } = options;
  const single: ConsumeTopic = { topic: benchName('consume'), cluster: 'primary' };
  const half = Math.ceil(messages / 2);
  const primaryPartitions = Math.max(1, Math.ceil(partitions / 2));
  const secondaryPartitions = Math.max(1, partitions - primaryPartitions);
  const split: ConsumeTopic[] = [
    { topic: benchName('consume-split'), cluster: 'primary' },
    { topic: benchName('consume-split'), cluster: 'secondary' },
  ];
  const brokers = { primary: options.primaryBrokers, secondary: options.secondaryBrokers };

  const fillStarted = performance.now();
  cleanup.topic(brokers.primary, single.topic);
  cleanup.topic(brokers.primary, split[0].topic);
  cleanup.topic(brokers.secondary, split[1].topic);
  await Promise.all([
    createTopics(brokers.primary, [
      { topic: single.topic, partitions },
      { topic: split[0].topic, partitions: primaryPartitions },
    ]),
    createTopics(brokers.secondary, [{ topic: split[1].topic, partitions: secondaryPartitions }]),
  ]);
  await fillTopic(brokers.primary, { topic: single.topic, partitions, from: 0, to: messages, payloadBytes });
  await Promise.all([
    fillTopic(brokers.primary, {
      topic: split[0].topic,
      partitions: primaryPartitions,
      from: 0,
      to: half,
      payloadBytes,
    }),
    fillTopic(brokers.secondary, {
      topic: split[1].topic,
      partitions: secondaryPartitions,
      from: half,
      to: messages,
      payloadBytes,
    }),
  ]);
  log(
    `filled ${single.topic} (${messages} × ${payloadBytes} B, ${partitions} partitions) and the split topics ` +
      `(${primaryPartitions} + ${secondaryPartitions} partitions) in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s`,
  );

  const contenders = selectContenders(options.consumeContenders, options.driver);
  const runs = new Map<ConsumeContender, ConsumeRun[]>(contenders.map((c) => [c, []]));
  // Generous: a contender slower than 1,000 messages/s is broken, not slow.
  const timeoutMs = 30_000 + messages;
  for (let round = 0; round < options.rounds; round++) {
    for (const contender of rotation(contenders, round)) {
      const groupId = benchName(`group-${contender}`);
      const task: ConsumeTask = {
        contender,
        brokers,
        topics: contender.endsWith('multi-cluster') ? split : [single],
        expected: messages,
        groupId,
        timeoutMs,
      };
      for (const cluster of new Set(task.topics.map((t) => t.cluster)))
        cleanup.group(brokers[cluster], groupId);
      if (contender === 'karafka-web') {
        // Reporting topics of the run's own (created by the contender's autoMigrate), deleted afterwards.
        const prefix = benchName('web');
        task.webTopics = {
          reports: `${prefix}.reports`,
          states: `${prefix}.states`,
          metrics: `${prefix}.metrics`,
          errors: `${prefix}.errors`,
        };
        for (const topic of Object.values(task.webTopics)) cleanup.topic(brokers.primary, topic);
      }
      const run =
        options.isolation === 'process'
          ? await runChild<ConsumeTask, ConsumeRun>(
              builtBenchFile('consume/consume-worker.ts', options.nest),
              task,
              {
                timeoutMs: timeoutMs + 60_000,
                cpuProfDir: options.cpuProf,
                cpuProfName: `consume-${contender}-round${round + 1}.cpuprofile`,
              },
            )
          : await runConsumeContender(task);
      if (contender in ENHANCED && !run.interceptorCalls) {
        throw new Error(`${contender}: the interceptor never ran, so the enhancers were not measured`);
      }
      if (contender === 'karafka-metrics' && !run.metricsConsumed) {
        throw new Error(
          `${contender}: karafka_messages_consumed_total stayed 0, so the metrics were not measured`,
        );
      }
      // The bootstrap report at least: without it the tracker did not run, so it was not measured.
      if (contender === 'karafka-web' && !run.webReports?.total) {
        throw new Error(`${contender}: the Web tracker delivered no report, so it was not measured`);
      }
      runs.get(contender)?.push(run);
      log(
        `round ${round + 1}/${options.rounds} ${contender.padEnd(31)} ${Math.round(run.messagesPerSecond).toLocaleString('en-US').padStart(8)} msg/s` +
          `  ${run.cpuMicrosPerMessage.toFixed(1).padStart(5)} CPU µs/msg  (start→first message ${Math.round(run.startToFirstMessageMs)} ms${run.duplicates ? `, ${run.duplicates} duplicates` : ''}` +
          `${run.webReports ? `, ${run.webReports.duringConsume} Web reports while consuming, ${run.webReports.total} in all` : ''})`,
      );
    }
  }

  let javaReference: ConsumeSuiteResult['javaReference'];
  if (options.javaReference) {
    try {
      const javaRuns: JavaReference[] = [];
      for (let round = 0; round < Math.min(options.rounds, 3); round++) {
        const group = benchName('group-java-reference');
        cleanup.group(brokers.primary, group);
        javaRuns.push(await consumerPerformance(brokers.primary, single.topic, messages, group));
        log(
          `Java ConsumerPerformance ${Math.round(javaRuns[javaRuns.length - 1].messagesPerSecond).toLocaleString('en-US')} msg/s (fetch rate)`,
        );
      }
      javaReference = { rate: summarize(javaRuns.map((run) => run.messagesPerSecond)), runs: javaRuns };
    } catch (error) {
      javaReference = { error: (error as Error).message };
      log(`Java reference skipped: ${(error as Error).message.split('\n')[0]}`);
    }
  }

  const figures = Object.fromEntries(
    contenders.map((contender) => {
      const own = runs.get(contender) ?? [];
      return [
        contender,
        {
          contender,
          description: CONSUME_CONTENDERS[contender],
          rate: summarize(own.map((r) => r.messagesPerSecond)),
          cpuMicrosPerMessage: summarize(own.map((r) => r.cpuMicrosPerMessage)),
          startToFirstMessageMs: summarize(own.map((r) => r.startToFirstMessageMs)),
          startToReadyMs: summarize(own.map((r) => r.startToReadyMs)),
          runs: own,
        },
      ];
    }),
  ) as Partial<Record<ConsumeContender, ConsumeContenderFigures>>;
  return {
    messages,
    payloadBytes,
    partitions,
    rounds: options.rounds,
    isolation: options.isolation,
    topics: { single, split },
    contenders: figures,
    javaReference,
  };
}
