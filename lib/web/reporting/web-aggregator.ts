import { ErrorLog } from './error-log';
import { ProcessTable } from './process-table';
import { SeriesStore } from './series-store';
import {
  WEB_REPORT_SCHEMA,
  type ErrorReport,
  type JobReport,
  type ProcessReport,
  type ProcessView,
  type SeriesPoint,
  type SeriesRange,
} from './web-report.interface';
import type { WebMetricsMessage, WebStateMessage } from './web-snapshot.interface';

/** What a fresh aggregator starts from: the reporting topics' last state and series, and the errors' tail. */
export interface WebAggregatorSeed {
  state?: WebStateMessage;
  metrics?: WebMetricsMessage;
  errors?: readonly ErrorReport[];
}

/**
 * The materialised Web UI data (Karafka Web's aggregator): the processes, the time series and the newest errors,
 * built from the reports. The processing consumer feeds it report by report and publishes its state and series;
 * a reader builds one from what was published. Reports it already materialised (a replay after a restart or a
 * hand-over) are skipped by their offset.
 */
export class WebAggregator {
  private readonly table: ProcessTable;
  private readonly store: SeriesStore;
  private readonly errorLog = new ErrorLog();
  private readonly offsets: Record<string, string>;
  /** When and by whom the state was last published (`undefined` before the first time). */
  private published?: { at: number; by: string };

  constructor(ttlMs: number, seed: WebAggregatorSeed = {}) {
    this.table = new ProcessTable(ttlMs, seed.state?.processes);
    this.store = new SeriesStore(seed.metrics?.series);
    this.offsets = { ...seed.state?.reportsOffsets };
    if (seed.state) this.published = { at: seed.state.publishedAt, by: seed.state.publishedBy };
    this.errorLog.replace(seed.errors ?? []);
  }

  /** Materialises one report read at `position` of the reports topic; false when it already was. */
  apply(report: ProcessReport, receivedAt: number, position: { partition: number; offset: string }): boolean {
    const done = this.offsets[position.partition];
    if (done !== undefined && BigInt(position.offset) <= BigInt(done)) return false;
    this.offsets[position.partition] = position.offset;
    this.table.apply(report, receivedAt);
    this.store.add(report.process.id, report.reportedAt, report.counters);
    for (const error of report.errors) this.errorLog.add(error);
    return true;
  }

  processes(now: number): ProcessView[] {
    return this.table.views(now);
  }

  series(range: SeriesRange): SeriesPoint[] {
    return this.store.points(range);
  }

  errors(page: { offset: number; limit: number }): { total: number; items: ErrorReport[] } {
    return this.errorLog.page(page);
  }

  jobs(now: number): { running: JobReport[]; recent: JobReport[] } {
    return this.table.jobs(now);
  }

  get lastPublished(): { at: number; by: string } | undefined {
    return this.published;
  }

  stateMessage(now: number, publishedBy: string): WebStateMessage {
    this.published = { at: now, by: publishedBy };
    return {
      schema: WEB_REPORT_SCHEMA,
      publishedAt: now,
      publishedBy,
      reportsOffsets: { ...this.offsets },
      processes: this.table.snapshot(now),
    };
  }

  metricsMessage(now: number): WebMetricsMessage {
    return { schema: WEB_REPORT_SCHEMA, publishedAt: now, series: this.store.snapshot() };
  }
}
