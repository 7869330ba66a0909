import { Logger } from '@nestjs/common';
import type { KarafkaAdmin } from '../../admin/karafka-admin';
import { errorMessage } from '../../common/error-message';
import { SERIES_RANGES } from './series-store';
import { statusChecks, type StatusInputs } from './status-checks';
import { WebAggregator } from './web-aggregator';
import { WEB_SUBSCRIPTION_GROUP, type WebProcessingConsumer } from './web-processing.consumer';
import type { ResolvedWebReporting } from './read-web-reporting-options';
import type {
  ErrorReport,
  JobReport,
  ProcessView,
  ReportingClusterInfo,
  SeriesPoint,
  SeriesRange,
  StatusCheck,
} from './web-report.interface';
import { WEB_REPORTING_MESSAGES as M } from './web-reporting.messages';
import { WebState } from './web-state';
import type { WebTopicsReader } from './web-topics-reader';
import type { WebTracker } from './web-tracker';

export interface MaterializedWebStateDeps {
  settings: ResolvedWebReporting;
  reporting: ReportingClusterInfo;
  /** This process's processing consumer, when it runs one. */
  processing: WebProcessingConsumer | null;
  reader: WebTopicsReader;
  /** Bound to the reporting cluster. */
  admin: KarafkaAdmin;
  tracker: WebTracker;
  webProducer: string;
  processId: string;
  clock?: () => number;
}

/**
 * The read model as the pages get it: live from this process's processing consumer while it owns the reports
 * partition, otherwise what the processing side last published, read back from the compacted topics by
 * `refresh()` at most once per tracking interval (so a process that does not process serves the pages too).
 */
export class MaterializedWebState extends WebState {
  private readonly logger = new Logger('KarafkaWeb');
  private readonly clock: () => number;
  private read: WebAggregator;
  private readAt = -Infinity;
  private reading?: Promise<void>;
  private lastReadError?: string;

  constructor(private readonly deps: MaterializedWebStateDeps) {
    super();
    this.clock = deps.clock ?? Date.now;
    this.read = new WebAggregator(deps.settings.processTtlMs);
  }

  refresh(): Promise<void> {
    if (this.deps.processing?.live) return Promise.resolve();
    if (this.clock() - this.readAt < this.deps.settings.trackingInterval)
      return this.reading ?? Promise.resolve();
    this.reading ??= this.readTopics().finally(() => (this.reading = undefined));
    return this.reading;
  }

  reportingCluster(): ReportingClusterInfo {
    return this.deps.reporting;
  }

  processes(): ProcessView[] {
    return this.current.processes(this.clock());
  }

  series(range: SeriesRange): SeriesPoint[] {
    if (!Object.hasOwn(SERIES_RANGES, range))
      throw new RangeError(M.unknownRange(range, Object.keys(SERIES_RANGES)));
    return this.current.series(range);
  }

  errors(page: { offset: number; limit: number }): { total: number; items: ErrorReport[] } {
    return this.current.errors(page);
  }

  jobs(): { running: JobReport[]; recent: JobReport[] } {
    return this.current.jobs(this.clock());
  }

  async status(): Promise<StatusCheck[]> {
    await this.refresh();
    const { settings } = this.deps;
    return statusChecks({
      now: this.clock(),
      reporting: this.deps.reporting,
      topics: settings.topics,
      clusterTopics: await this.clusterTopics(),
      processes: this.processes(),
      ownProcessId: this.deps.processId,
      processing: { subscriptionGroup: WEB_SUBSCRIPTION_GROUP, consumerGroup: settings.consumerGroup },
      published: this.current.lastPublished,
      webProducer: this.deps.webProducer,
      delivery: this.deps.tracker.deliveries(),
      trackingInterval: settings.trackingInterval,
    });
  }

  private get current(): WebAggregator {
    return this.deps.processing?.live ?? this.read;
  }

  private async readTopics(): Promise<void> {
    try {
      this.read = new WebAggregator(this.deps.settings.processTtlMs, await this.deps.reader.read());
      this.lastReadError = undefined;
    } catch (error) {
      // The pages keep what they had; the status page tells why (missing topics, unreachable cluster).
      const reason = errorMessage(error);
      if (reason !== this.lastReadError) this.logger.warn(M.readFailed(reason));
      this.lastReadError = reason;
    }
    this.readAt = this.clock();
  }

  private async clusterTopics(): Promise<StatusInputs['clusterTopics']> {
    try {
      const names = await this.deps.admin.listTopics();
      const reports = this.deps.settings.topics.reports;
      if (!names.includes(reports)) return { names };
      return { names, reportsPartitions: (await this.deps.admin.readWatermarkOffsets(reports)).length };
    } catch (error) {
      return { error: errorMessage(error) };
    }
  }
}
