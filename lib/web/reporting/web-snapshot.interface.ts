import type { ProcessEntry } from './process-table';
import type { SeriesState } from './series-store';
import type { WEB_REPORT_SCHEMA } from './web-report.interface';

/** The consumers state: the last message of the compacted states topic (key `state`). */
export interface WebStateMessage {
  schema: typeof WEB_REPORT_SCHEMA;
  /** When the processing consumer published it (its clock). */
  publishedAt: number;
  /** The id of the process whose processing consumer published it. */
  publishedBy: string;
  /** The last materialised offset of each partition of the reports topic: a replay skips up to it. */
  reportsOffsets: Record<string, string>;
  processes: ProcessEntry[];
}

/** The time series: the last message of the compacted metrics topic (key `metrics`). */
export interface WebMetricsMessage {
  schema: typeof WEB_REPORT_SCHEMA;
  publishedAt: number;
  series: SeriesState;
}

/** Keys of the compacted topics' messages: compaction keeps the last message of each. */
export const STATE_KEY = 'state';
export const METRICS_KEY = 'metrics';
