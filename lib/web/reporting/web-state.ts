import type {
  ErrorReport,
  JobReport,
  ProcessView,
  ReportingClusterInfo,
  SeriesPoint,
  SeriesRange,
  StatusCheck,
  WebReadModel,
} from './web-report.interface';

/**
 * The Web UI's read model, injectable by this class (the pages' only source of reported data). An abstract
 * class, as `ConsumerManager` and `ProducerRegistry`, so it is both the type and the DI token; the reporting
 * providers bind it to their implementation.
 */
export abstract class WebState implements WebReadModel {
  abstract refresh(): Promise<void>;
  abstract reportingCluster(): ReportingClusterInfo;
  abstract processes(): ProcessView[];
  abstract series(range: SeriesRange): SeriesPoint[];
  abstract errors(page: { offset: number; limit: number }): { total: number; items: ErrorReport[] };
  abstract jobs(): { running: JobReport[]; recent: JobReport[] };
  abstract status(): Promise<StatusCheck[]>;
}
