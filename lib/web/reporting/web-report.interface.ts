/**
 * The seam between the Web UI's two halves: what every process publishes (its report), and what the pages
 * read (`WebReadModel`, materialised from the reports by the processing consumer). Both are plain JSON, so
 * a report written by one version of the library is readable by the next: `schema` says which shape it is.
 */
import type { PartitionProgress } from '../../consumer/subscription-group-runner';

export const WEB_REPORT_SCHEMA = 1;

export interface ReportingClusterInfo {
  /** The cluster the reports go to: the Web producer's cluster. */
  name: string;
  /** host:port only, credentials redacted. */
  brokers: string[];
  /** The Web producer's name (`default` unless `KarafkaWebModule.forRoot({ producer })` redefines it). */
  producer: string;
  /** Why this cluster reports, in a sentence the Status page shows. */
  reason: string;
}

export interface ProcessInfo {
  /** Unique per process run: `${host}:${pid}:${startedAt}`. */
  id: string;
  host: string;
  pid: number;
  startedAt: number;
  memory: { rssBytes: number; heapUsedBytes: number };
  versions: { node: string; nest: string; karafka: string };
}

export interface GroupReport {
  cluster: string;
  brokers: string[];
  groupId: string;
  subscriptionGroup: string;
  topics: string[];
  /** As `RunnerInfo.state`. */
  state: string;
  stateSince: number;
  lastPollAt?: number;
  concurrency: number;
  partitions: PartitionProgress[];
}

export type ProducerKind = 'default' | 'named' | 'dead-letter' | 'jobs' | 'web';

export interface ProducerReport {
  name: string;
  kind: ProducerKind;
  cluster: string;
  /** Cumulative since the process started. */
  sent: number;
  acked: number;
  failed: number;
  inFlight: number;
  /** Over the last tracking interval. */
  ackedPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number };
}

export interface JobReport {
  /** The job's message id or a unique id per run. */
  id: string;
  name: string;
  cluster: string;
  topic: string;
  state: 'running' | 'performed' | 'failed';
  startedAt: number;
  finishedAt?: number;
  error?: string;
}

export interface ErrorReport {
  /** Unique: `${processId}:${sequence}`. */
  id: string;
  processId: string;
  at: number;
  /** `consumer`, `producer`, `job`, `driver`, ... as `ErrorOccurredEvent.type`. */
  type: string;
  name: string;
  message: string;
  stack?: string;
  cluster?: string;
  producer?: string;
  groupId?: string;
  topic?: string;
  partition?: number;
  offset?: string;
}

/** Per cluster, over the report's interval. */
export interface ClusterCounters {
  consumedPerSecond: number;
  producedPerSecond: number;
  errors: number;
  lag: number;
}

export interface ProcessReport {
  schema: typeof WEB_REPORT_SCHEMA;
  process: ProcessInfo;
  reportedAt: number;
  /** The interval the rates are over, so the processing side can tell a late report from a gone process. */
  intervalMs: number;
  reporting: ReportingClusterInfo;
  groups: GroupReport[];
  producers: ProducerReport[];
  jobs: { running: JobReport[]; recent: JobReport[] };
  counters: Record<string, ClusterCounters>;
  /** Errors raised since the previous report (also published one by one to the errors topic). */
  errors: ErrorReport[];
}

export type SeriesRange = 'minutes' | 'hour' | 'day';

export interface SeriesPoint {
  at: number;
  processes: number;
  /** Keyed by cluster name, plus `total`. */
  clusters: Record<string, ClusterCounters>;
}

export interface ProcessView extends ProcessReport {
  /** `gone` once no report arrived for the process TTL (30 s by default, as Karafka). */
  status: 'up' | 'gone';
}

export interface StatusCheck {
  name: string;
  ok: boolean;
  /** What was found. */
  detail: string;
  /** How to fix it when `ok` is false. */
  fix?: string;
}

/** What the pages read; served by the processing side from the materialised state. */
export interface WebReadModel {
  reportingCluster(): ReportingClusterInfo;
  processes(): ProcessView[];
  series(range: SeriesRange): SeriesPoint[];
  /** Newest first. */
  errors(page: { offset: number; limit: number }): { total: number; items: ErrorReport[] };
  jobs(): { running: JobReport[]; recent: JobReport[] };
  status(): Promise<StatusCheck[]>;
}
