import type { RunnerInfo } from '../../consumer/subscription-group-runner';
import type { KarafkaMonitor } from '../../instrumentation/karafka-monitor';
import type { ErrorOccurredEvent, ProducerStatistics } from '../../instrumentation/monitor-events.interface';
import { DEFAULT_PRODUCER, INTERNAL_PRODUCER_PREFIX } from '../../producer/producer.constants';
import { JobLog } from './job-log';
import type { ProcessIdentity } from './process-info';
import {
  WEB_REPORT_SCHEMA,
  type ClusterCounters,
  type ErrorReport,
  type GroupReport,
  type ProcessReport,
  type ProducerKind,
  type ProducerReport,
  type ReportingClusterInfo,
} from './web-report.interface';

/**
 * Errors published one by one per report; more in one interval are only counted, so a failure storm stays cheap
 * and a report (which carries them too) stays far below a broker's 1 MB message limit.
 */
export const MAX_ERRORS_PER_REPORT = 50;
/** Longest error message and stack kept in a report. */
const MAX_MESSAGE_CHARS = 2000;
const MAX_STACK_CHARS = 4000;

/** A producer as the collector reads it (`KafkaProducer`). */
export interface ProducerSource {
  name: string;
  cluster: string;
  statistics(): ProducerStatistics;
}

/** Where a report's content comes from; the providers bind these to the app's own services. */
export interface ReportSources {
  monitor: KarafkaMonitor;
  process: ProcessIdentity;
  reporting: ReportingClusterInfo;
  /** `ConsumerManager.runners()`. */
  runners: () => RunnerInfo[];
  /** Each subscription group's `concurrency`, by id (from the routing table). */
  concurrency: (subscriptionGroup: string) => number;
  /** Every producer of the process, the library's own included (`ProducerPool.every()`). */
  producers: () => ProducerSource[];
  /** Names of the producers that enqueue jobs. */
  jobProducers: () => string[];
  /** The producer the reports go out through, and the processing consumer's subscription group: the Web UI's own
   * traffic, kept out of the app's counters. */
  webProducer: string;
  webSubscriptionGroup: string;
  clock?: () => number;
}

/**
 * What one process tells the Web UI every tracking interval (Karafka Web's consumer sampler): its groups with
 * their partitions and lag (read from the runners), its producers (their own statistics), its jobs, its errors
 * and per-cluster rates over the interval (counted from the monitor). The Web UI's own producer and consumer
 * show up as such but never count in the app's rates, and the Web producer's own failures are left to its
 * status check rather than published (a failing reporting cluster would otherwise report into itself forever).
 */
export class ReportCollector {
  private readonly clock: () => number;
  private readonly jobs: JobLog;
  private readonly consumed = new Map<string, number>();
  private readonly failures = new Map<string, number>();
  private readonly acked = new Map<string, number>();
  private pending: ErrorReport[] = [];
  /** Errors `consumer.errored` recorded already: the `error.occurred` that follows it is the same error. */
  private readonly recorded = new WeakSet<Error>();
  private sequence = 0;
  private lastAt: number;
  private detach?: () => void;

  constructor(private readonly sources: ReportSources) {
    this.clock = sources.clock ?? Date.now;
    this.jobs = new JobLog(this.clock);
    this.lastAt = this.clock();
  }

  /** Starts listening to the monitor (idempotent). */
  attach(): void {
    if (this.detach) return;
    const { monitor } = this.sources;
    const stops = [
      this.jobs.attach(monitor),
      monitor.on('consumer.consumed', (event) => {
        if (event.subscriptionGroup === this.sources.webSubscriptionGroup) return;
        this.consumed.set(event.cluster, (this.consumed.get(event.cluster) ?? 0) + event.count);
      }),
      monitor.on('consumer.errored', (event) => {
        this.recorded.add(event.error);
        this.record(event.error, {
          type: 'consumer',
          cluster: event.cluster,
          groupId: event.groupId,
          topic: event.topic,
          partition: event.partition,
          ...(event.offset !== undefined ? { offset: event.offset } : {}),
        });
      }),
      monitor.on('error.occurred', (event) => this.occurred(event)),
    ];
    this.detach = () => stops.forEach((stop) => stop());
  }

  stop(): void {
    this.detach?.();
    this.detach = undefined;
  }

  /** The report of the interval since the previous one; starts the next interval. */
  collect(stopping = false): ProcessReport {
    const now = this.clock();
    const intervalMs = Math.max(1, now - this.lastAt);
    this.lastAt = now;
    const runners = this.sources.runners();
    const producers = this.producerReports(intervalMs);
    const counters = this.counters(runners, producers, intervalMs);
    const errors = this.pending;
    this.pending = [];
    this.consumed.clear();
    this.failures.clear();
    return {
      schema: WEB_REPORT_SCHEMA,
      process: this.sources.process.info(),
      reportedAt: now,
      intervalMs,
      reporting: this.sources.reporting,
      groups: runners.map((runner) => this.groupReport(runner)),
      producers,
      jobs: this.jobs.snapshot(),
      counters,
      errors,
      stopping,
    };
  }

  private occurred(event: ErrorOccurredEvent): void {
    if (event.type === 'consumer' && this.recorded.has(event.error)) return;
    if (event.producer === this.sources.webProducer) return;
    this.record(event.error, {
      type: event.type,
      ...(event.cluster !== undefined ? { cluster: event.cluster } : {}),
      ...(event.producer !== undefined ? { producer: event.producer } : {}),
      ...(event.groupId !== undefined ? { groupId: event.groupId } : {}),
      ...(event.topic !== undefined ? { topic: event.topic } : {}),
    });
  }

  private record(
    error: Error,
    where: Omit<ErrorReport, 'id' | 'processId' | 'at' | 'name' | 'message' | 'stack'>,
  ): void {
    if (where.cluster !== undefined)
      this.failures.set(where.cluster, (this.failures.get(where.cluster) ?? 0) + 1);
    if (this.pending.length >= MAX_ERRORS_PER_REPORT) return;
    const processId = this.sources.process.id;
    this.pending.push({
      id: `${processId}:${++this.sequence}`,
      processId,
      at: this.clock(),
      name: error.name,
      message: truncate(error.message, MAX_MESSAGE_CHARS),
      ...(error.stack !== undefined ? { stack: truncate(error.stack, MAX_STACK_CHARS) } : {}),
      ...where,
    });
  }

  private groupReport(runner: RunnerInfo): GroupReport {
    return {
      cluster: runner.cluster,
      brokers: runner.brokers,
      groupId: runner.groupId,
      subscriptionGroup: runner.id,
      topics: runner.topics,
      state: runner.state,
      stateSince: runner.stateSince,
      ...(runner.lastPollAt !== undefined ? { lastPollAt: runner.lastPollAt } : {}),
      concurrency: this.sources.concurrency(runner.id),
      partitions: runner.partitions,
    };
  }

  private producerReports(intervalMs: number): ProducerReport[] {
    const jobProducers = new Set(this.sources.jobProducers());
    return this.sources.producers().map((producer) => {
      const { sent, acked, failed, inFlight, latencyMs } = producer.statistics();
      const before = this.acked.get(producer.name) ?? 0;
      this.acked.set(producer.name, acked);
      return {
        name: producer.name,
        kind: this.kindOf(producer.name, jobProducers),
        cluster: producer.cluster,
        sent,
        acked,
        failed,
        inFlight,
        ackedPerSecond: rate(acked - before, intervalMs),
        latencyMs: { p50: latencyMs.p50, p95: latencyMs.p95, p99: latencyMs.p99 },
      };
    });
  }

  private kindOf(name: string, jobProducers: ReadonlySet<string>): ProducerKind {
    if (name === this.sources.webProducer) return 'web';
    if (name.startsWith(INTERNAL_PRODUCER_PREFIX)) return 'dead-letter';
    if (name === DEFAULT_PRODUCER) return 'default';
    return jobProducers.has(name) ? 'jobs' : 'named';
  }

  /** Every cluster the app consumes from or produces to (the Web UI's own traffic aside), with this interval's rates. */
  private counters(
    runners: RunnerInfo[],
    producers: ProducerReport[],
    intervalMs: number,
  ): Record<string, ClusterCounters> {
    const counters: Record<string, ClusterCounters> = {};
    const of = (cluster: string) =>
      (counters[cluster] ??= { consumedPerSecond: 0, producedPerSecond: 0, errors: 0, lag: 0 });
    for (const runner of runners) {
      if (runner.id === this.sources.webSubscriptionGroup) continue;
      of(runner.cluster).lag += runner.partitions.reduce((sum, partition) => sum + partition.lag, 0);
    }
    for (const producer of producers) {
      if (producer.kind !== 'web') of(producer.cluster).producedPerSecond += producer.ackedPerSecond;
    }
    for (const [cluster, count] of this.consumed) of(cluster).consumedPerSecond = rate(count, intervalMs);
    for (const [cluster, count] of this.failures) of(cluster).errors = count;
    return counters;
  }
}

function rate(count: number, intervalMs: number): number {
  return Math.round((count * 1000 * 100) / intervalMs) / 100;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
