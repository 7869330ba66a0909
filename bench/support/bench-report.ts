import type { ConsumeSuiteResult } from '../consume/consume-suite';
import type { MemorySuiteResult } from '../memory/memory-suite';
import type { PublishSuiteResult } from '../publish/publish-suite';
import type { BenchOptions } from './bench-options';
import type { MachineInfo } from './machine';
import { pairedRatio, ratio, type Summary } from './stats';

/** What `--json FILE` writes. */
export interface BenchResults {
  startedAt: string;
  durationSeconds: number;
  command: string;
  options: BenchOptions;
  machine: MachineInfo;
  ratios: BenchRatios;
  /** The main ratios again as medians of per-round ratios (a robustness check on a busy machine). */
  pairedRatios: Record<string, number>;
  targets: Record<string, { target: string; met: boolean | null }>;
  consume?: ConsumeSuiteResult;
  produce?: PublishSuiteResult;
  memory?: MemorySuiteResult;
}

/** Ratios of medians measured in the same run; NaN (null in JSON) when a suite did not run. */
export interface BenchRatios {
  consume_vs_kafkajs_eachBatch: number;
  consume_vs_kafkajs_eachMessage: number;
  consume_vs_nest_microservices: number;
  /** CPU per message of the baseline / of this module (> 1: this module needs less CPU per message). */
  consume_cpu_vs_kafkajs_eachBatch: number;
  consume_cpu_vs_nest_microservices: number;
  /**
   * Extra time of case 5 (validation pipe + interceptor) over case 4, as a fraction: rate4 / rate5 − 1. The pipe
   * is the library's KarafkaValidationPipe (class-validator DTO).
   */
  enhancer_overhead: number;
  /** The same with Nest's own ValidationPipe (`ParseArrayPipe({ items })`), for reference. */
  enhancer_overhead_nest_validation_pipe: number;
  /** The same for an interceptor + pass-through pipe: the pipeline's own cost, without validation work. */
  enhancer_plumbing_overhead: number;
  /** Extra CPU per message of case 5 over case 4, as a fraction. */
  enhancer_overhead_cpu: number;
  /** Throughput lost to the Prometheus metrics: 1 − rate(karafka-metrics) / rate(karafka). */
  metrics_overhead: number;
  /** Throughput lost with `tracing: true` and no SDK registered (OpenTelemetry's no-op tracer). */
  tracing_noop_overhead: number;
  /** Throughput lost to the Web UI's tracker reporting every interval: 1 − rate(karafka-web) / rate(karafka). */
  web_tracker_overhead: number;
  /** Extra CPU per message with the Web tracker on, as a fraction: the client's own cost, apart from the brokers. */
  web_tracker_overhead_cpu: number;
  multi_cluster_vs_single_cluster_consume: number;
  /** This module vs raw kafkajs, both consuming the split workload from both clusters. */
  multi_cluster_karafka_vs_kafkajs_consume: number;
  produceAsync_vs_kafkajs_batched: number;
  produceAsync_vs_kafkajs_batched_sequential: number;
  produceAsync_vs_one_by_one: number;
  produceAsync_vs_produceSync_one_by_one: number;
  /** produceAsync without awaiting each promise (then flush()): the cost of one promise per message. */
  produceAsync_flush_vs_kafkajs_batched: number;
  produceManySync_vs_kafkajs_batched: number;
  multi_cluster_vs_single_cluster_produce: number;
  multi_cluster_karafka_vs_kafkajs_produce: number;
  rss_per_subscription_group_mib: number;
  /** Raw kafkajs against Kafka's Java client on the same broker: how much of the broker's speed kafkajs uses. */
  kafkajs_eachBatch_vs_java_consumer: number;
  produceAsync_vs_java_producer: number;
  /** The module on the librdkafka driver against the module on the kafkajs driver (`--driver librdkafka`). */
  librdkafka_consume_vs_kafkajs_driver: number;
  /** CPU per message on kafkajs ÷ on librdkafka: above 1 means librdkafka costs less CPU per message. */
  librdkafka_consume_cpu_vs_kafkajs_driver: number;
  librdkafka_produceAsync_vs_kafkajs_driver: number;
  librdkafka_consume_vs_java_consumer: number;
  librdkafka_produceAsync_vs_java_producer: number;
}

type JavaFigures = ConsumeSuiteResult['javaReference'] | PublishSuiteResult['javaReference'];

function javaRate(reference: JavaFigures): number | undefined {
  return reference && 'rate' in reference ? reference.rate.median : undefined;
}

function javaRow(reference: JavaFigures, label: string, columns: number): string[] | undefined {
  if (!reference) return undefined;
  if ('error' in reference) return [label, ...Array<string>(columns - 1).fill('–')];
  return [label, int(reference.rate.median), range(reference.rate), pct(reference.rate.spread)];
}

export function computeRatios(
  consume?: ConsumeSuiteResult,
  produce?: PublishSuiteResult,
  memory?: MemorySuiteResult,
): BenchRatios {
  const c = (name: keyof ConsumeSuiteResult['contenders']) => consume?.contenders[name]?.rate.median;
  const cpu = (name: keyof ConsumeSuiteResult['contenders']) =>
    consume?.contenders[name]?.cpuMicrosPerMessage.median;
  const p = (name: keyof PublishSuiteResult['contenders']) => produce?.contenders[name]?.rate.median;
  const overhead = (plain: number | undefined, enhanced: number | undefined) =>
    asOverhead(ratio(plain, enhanced));
  return {
    consume_vs_kafkajs_eachBatch: ratio(c('karafka'), c('kafkajs-eachBatch')),
    consume_vs_kafkajs_eachMessage: ratio(c('karafka'), c('kafkajs-eachMessage')),
    consume_vs_nest_microservices: ratio(c('karafka'), c('nest-microservices')),
    consume_cpu_vs_kafkajs_eachBatch: ratio(cpu('kafkajs-eachBatch'), cpu('karafka')),
    consume_cpu_vs_nest_microservices: ratio(cpu('nest-microservices'), cpu('karafka')),
    enhancer_overhead: overhead(c('karafka'), c('karafka-enhanced')),
    enhancer_overhead_nest_validation_pipe: overhead(c('karafka'), c('karafka-nest-validation')),
    enhancer_plumbing_overhead: overhead(c('karafka'), c('karafka-plumbing')),
    enhancer_overhead_cpu: overhead(cpu('karafka-enhanced'), cpu('karafka')),
    metrics_overhead: lostFraction(ratio(c('karafka-metrics'), c('karafka'))),
    tracing_noop_overhead: lostFraction(ratio(c('karafka-tracing-noop'), c('karafka'))),
    web_tracker_overhead: lostFraction(ratio(c('karafka-web'), c('karafka'))),
    web_tracker_overhead_cpu: overhead(cpu('karafka-web'), cpu('karafka')),
    multi_cluster_vs_single_cluster_consume: ratio(c('karafka-multi-cluster'), c('karafka')),
    multi_cluster_karafka_vs_kafkajs_consume: ratio(
      c('karafka-multi-cluster'),
      c('kafkajs-eachBatch-multi-cluster'),
    ),
    produceAsync_vs_kafkajs_batched: ratio(p('produceAsync-burst'), p('kafkajs-send-batched')),
    produceAsync_vs_kafkajs_batched_sequential: ratio(
      p('produceAsync-burst'),
      p('kafkajs-send-batched-sequential'),
    ),
    produceAsync_vs_one_by_one: ratio(p('produceAsync-burst'), p('kafkajs-send-one-by-one')),
    produceAsync_vs_produceSync_one_by_one: ratio(p('produceAsync-burst'), p('produceSync-one-by-one')),
    produceAsync_flush_vs_kafkajs_batched: ratio(p('produceAsync-burst-flush'), p('kafkajs-send-batched')),
    produceManySync_vs_kafkajs_batched: ratio(p('produceManySync'), p('kafkajs-send-batched')),
    multi_cluster_vs_single_cluster_produce: ratio(
      p('produceAsync-split-2-clusters'),
      p('produceAsync-burst'),
    ),
    multi_cluster_karafka_vs_kafkajs_produce: ratio(
      p('produceAsync-split-2-clusters'),
      p('kafkajs-send-batched-split-2-clusters'),
    ),
    rss_per_subscription_group_mib: memory
      ? Math.round(memory.rssPerSubscriptionGroupMiB.median * 100) / 100
      : Number.NaN,
    librdkafka_consume_vs_kafkajs_driver: ratio(c('karafka-librdkafka'), c('karafka')),
    librdkafka_consume_cpu_vs_kafkajs_driver: ratio(cpu('karafka'), cpu('karafka-librdkafka')),
    librdkafka_produceAsync_vs_kafkajs_driver: ratio(
      p('produceAsync-burst-librdkafka'),
      p('produceAsync-burst'),
    ),
    librdkafka_consume_vs_java_consumer: ratio(c('karafka-librdkafka'), javaRate(consume?.javaReference)),
    librdkafka_produceAsync_vs_java_producer: ratio(
      p('produceAsync-burst-librdkafka'),
      javaRate(produce?.javaReference),
    ),
    kafkajs_eachBatch_vs_java_consumer: ratio(c('kafkajs-eachBatch'), javaRate(consume?.javaReference)),
    produceAsync_vs_java_producer: ratio(p('produceAsync-burst'), javaRate(produce?.javaReference)),
  };
}

/** A speed ratio (plain ÷ enhanced) as the fraction the enhanced variant is slower, to 3 decimals. */
function asOverhead(speedRatio: number): number {
  return Number.isNaN(speedRatio) ? speedRatio : Math.round((speedRatio - 1) * 1000) / 1000;
}

/** A speed ratio (variant ÷ plain) as the fraction of throughput the variant loses, to 3 decimals. */
function lostFraction(speedRatio: number): number {
  return Number.isNaN(speedRatio) ? speedRatio : Math.round((1 - speedRatio) * 1000) / 1000;
}

export function computePairedRatios(
  consume?: ConsumeSuiteResult,
  produce?: PublishSuiteResult,
): Record<string, number> {
  const c = (name: keyof ConsumeSuiteResult['contenders']) => consume?.contenders[name]?.rate.values ?? [];
  const p = (name: keyof PublishSuiteResult['contenders']) => produce?.contenders[name]?.rate.values ?? [];
  const overhead = (plain: number[], enhanced: number[]) => asOverhead(pairedRatio(plain, enhanced));
  return {
    consume_vs_kafkajs_eachBatch: pairedRatio(c('karafka'), c('kafkajs-eachBatch')),
    consume_vs_nest_microservices: pairedRatio(c('karafka'), c('nest-microservices')),
    enhancer_overhead: overhead(c('karafka'), c('karafka-enhanced')),
    enhancer_overhead_nest_validation_pipe: overhead(c('karafka'), c('karafka-nest-validation')),
    enhancer_plumbing_overhead: overhead(c('karafka'), c('karafka-plumbing')),
    metrics_overhead: lostFraction(pairedRatio(c('karafka-metrics'), c('karafka'))),
    tracing_noop_overhead: lostFraction(pairedRatio(c('karafka-tracing-noop'), c('karafka'))),
    web_tracker_overhead: lostFraction(pairedRatio(c('karafka-web'), c('karafka'))),
    produceAsync_vs_kafkajs_batched: pairedRatio(p('produceAsync-burst'), p('kafkajs-send-batched')),
    produceAsync_vs_one_by_one: pairedRatio(p('produceAsync-burst'), p('kafkajs-send-one-by-one')),
    librdkafka_consume_vs_kafkajs_driver: pairedRatio(c('karafka-librdkafka'), c('karafka')),
    librdkafka_produceAsync_vs_kafkajs_driver: pairedRatio(
      p('produceAsync-burst-librdkafka'),
      p('produceAsync-burst'),
    ),
  };
}

/** The issue's targets, checked against the ratios (null when not measured). */
export function checkTargets(r: BenchRatios): BenchResults['targets'] {
  const check = (value: number, met: (v: number) => boolean) => (Number.isNaN(value) ? null : met(value));
  return {
    consume_vs_kafkajs_eachBatch: {
      target: '>= 0.95',
      met: check(r.consume_vs_kafkajs_eachBatch, (v) => v >= 0.95),
    },
    consume_vs_nest_microservices: {
      target: '>= 3',
      met: check(r.consume_vs_nest_microservices, (v) => v >= 3),
    },
    produceAsync_vs_kafkajs_batched: {
      target: '>= 0.9',
      met: check(r.produceAsync_vs_kafkajs_batched, (v) => v >= 0.9),
    },
    produceAsync_vs_one_by_one: { target: '>= 5', met: check(r.produceAsync_vs_one_by_one, (v) => v >= 5) },
    enhancer_overhead: { target: '< 0.15', met: check(r.enhancer_overhead, (v) => v < 0.15) },
    metrics_overhead: { target: '< 0.03', met: check(r.metrics_overhead, (v) => v < 0.03) },
    web_tracker_overhead: { target: '< 0.03', met: check(r.web_tracker_overhead, (v) => v < 0.03) },
    librdkafka_produceAsync_vs_kafkajs_driver: {
      target: '>= 2',
      met: check(r.librdkafka_produceAsync_vs_kafkajs_driver, (v) => v >= 2),
    },
    librdkafka_consume_vs_kafkajs_driver: {
      target: '>= 1.1',
      met: check(r.librdkafka_consume_vs_kafkajs_driver, (v) => v >= 1.1),
    },
  };
}

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const pct = (n: number) => (Number.isFinite(n) ? `${Math.round(n * 100)}%` : '–');
const times = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : '–');
const range = (s: Summary) => `${int(s.min)}–${int(s.max)}`;

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w, i) => (i === 0 ? ` ${'-'.repeat(w)} ` : ` ${'-'.repeat(w - 1)}: `)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

export function formatConsume(result: ConsumeSuiteResult): string {
  const base = result.contenders['kafkajs-eachBatch']?.rate.median ?? Number.NaN;
  const rows = Object.values(result.contenders).map((f) => [
    f.description,
    int(f.rate.median),
    range(f.rate),
    pct(f.rate.spread),
    times(ratio(f.rate.median, base)),
    f.cpuMicrosPerMessage.median.toFixed(1),
    int(f.startToFirstMessageMs.median),
  ]);
  const java = javaRow(result.javaReference, 'reference: Kafka Java ConsumerPerformance (fetch rate)', 4);
  if (java) rows.push([...java, times(ratio(javaRate(result.javaReference), base)), '–', '–']);
  return [
    `Consume: ${int(result.messages)} messages × ${result.payloadBytes} B JSON, ${result.partitions} partitions, ` +
      `fresh consumer group per run, ${result.rounds} rounds, contenders in ${result.isolation === 'process' ? 'separate child processes' : 'this process'}`,
    table(
      ['contender', 'median msg/s', 'min–max', 'spread', 'vs eachBatch', 'CPU µs/msg', 'start→1st msg ms'],
      rows,
    ),
  ].join('\n');
}

export function formatProduce(result: PublishSuiteResult): string {
  const base = result.contenders['kafkajs-send-batched']?.rate.median;
  const rows = Object.values(result.contenders).map((f) => [
    f.description,
    int(f.messagesPerRound),
    int(f.rate.median),
    range(f.rate),
    pct(f.rate.spread),
    times(ratio(f.rate.median, base)),
    f.cpuMicrosPerMessage.median.toFixed(1),
  ]);
  const java = javaRow(result.javaReference, 'reference: Kafka Java ProducerPerformance, acks=all', 4);
  if (java)
    rows.push([
      java[0],
      int(result.contenders['produceAsync-burst']?.messagesPerRound ?? Number.NaN),
      ...java.slice(1),
      times(ratio(javaRate(result.javaReference), base)),
      '–',
    ]);
  return [
    `Produce: ${result.valueBytes} B JSON values, ${result.partitions} partitions, acks=all, batch size ${result.batchSize}, ${result.rounds} rounds in this process`,
    table(
      ['contender', 'msgs/round', 'median msg/s', 'min–max', 'spread', 'vs kafkajs batched', 'CPU µs/msg'],
      rows,
    ),
  ].join('\n');
}

export function formatMemory(result: MemorySuiteResult): string {
  const mib = (s: Summary) => `${s.median.toFixed(1)} (${s.min.toFixed(1)}–${s.max.toFixed(1)})`;
  return [
    `Memory: idle app, each subscription group = one kafkajs consumer, after gc(), median of ${result.rounds} rounds (min–max), MiB`,
    table(
      ['app', 'RSS MiB', 'heap used MiB'],
      [
        [`${result.groups[0]} subscription group`, mib(result.small.rssMiB), mib(result.small.heapUsedMiB)],
        [`${result.groups[1]} subscription groups`, mib(result.large.rssMiB), mib(result.large.heapUsedMiB)],
        [
          'per extra subscription group',
          mib(result.rssPerSubscriptionGroupMiB),
          mib(result.heapPerSubscriptionGroupMiB),
        ],
      ],
    ),
  ].join('\n');
}

export function formatRatios(
  ratios: BenchRatios,
  paired: Record<string, number>,
  targets: BenchResults['targets'],
): string {
  const show = (value: number | undefined) =>
    value !== undefined && Number.isFinite(value) ? String(value) : '–';
  const rows = Object.entries(ratios).map(([name, value]) => {
    const target = targets[name];
    const verdict = target
      ? `${target.target} ${target.met === null ? '(not measured)' : target.met ? 'met' : 'MISSED'}`
      : '';
    return [name, show(value), name in paired ? show(paired[name]) : '', verdict];
  });
  return [
    'Ratios in this run (of medians; "paired" = median of the per-round ratios)',
    table(['ratio', 'value', 'paired', 'target'], rows),
  ].join('\n');
}

export function formatMachine(m: MachineInfo): string {
  return (
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryTotal} RAM (${m.memoryAvailable} available), load ${m.loadAverage.join(' ')} at start; ` +
    `Node ${m.node}, kafkajs ${m.kafkajs}, @nestjs/core ${m.nestCore} and @nestjs/microservices ${m.nestMicroservices} (in the consume and memory processes), ` +
    `Kafka ${m.kafka.primary} (primary) / ${m.kafka.secondary} (secondary), single-node KRaft clusters on the same machine`
  );
}
