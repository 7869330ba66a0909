import type { CreateTopicOptions } from '../../admin/karafka-admin.interface';
import type { WebTopicNames } from './web-reporting-options.interface';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const SEGMENT_BYTES = 100 * 1024 * 1024;

/** One reporting topic as `web install` creates it. */
export interface WebTopicSpec {
  role: keyof WebTopicNames;
  name: string;
  /** Why it is shaped so, for the docs and the install output. */
  why: string;
  options: Required<Pick<CreateTopicOptions, 'partitions' | 'config'>>;
}

/**
 * The reporting topics with Karafka Web's shapes, in Karafka's order of creation: the states topic last, so its
 * presence means the others were created before it. One partition each: the reports must be materialised in
 * order by one consumer, and the compacted topics hold a single latest value.
 */
export function webTopicSpecs(topics: Required<WebTopicNames>): WebTopicSpec[] {
  const compacted = {
    'cleanup.policy': 'compact',
    'retention.ms': HOUR_MS,
    'segment.ms': DAY_MS,
    'segment.bytes': SEGMENT_BYTES,
  };
  return [
    {
      role: 'errors',
      name: topics.errors,
      why: 'every error of every process, kept 3 months for inspection',
      options: { partitions: 1, config: { 'cleanup.policy': 'delete', 'retention.ms': 3 * 31 * DAY_MS } },
    },
    {
      role: 'reports',
      name: topics.reports,
      why: 'the periodic reports, kept a day so a restarted processing consumer can catch up and backfill',
      options: { partitions: 1, config: { 'cleanup.policy': 'delete', 'retention.ms': DAY_MS } },
    },
    {
      role: 'metrics',
      name: topics.metrics,
      why: 'the materialised time series: only the latest value matters, so compacted',
      options: { partitions: 1, config: compacted },
    },
    {
      role: 'states',
      name: topics.states,
      why: 'the materialised state of all processes: only the latest value matters, so compacted',
      options: { partitions: 1, config: compacted },
    },
  ];
}

/** A topic's configs as `key=value, ...` for the install output. */
export function describeTopicSpec(spec: WebTopicSpec): string {
  const configs = Object.entries(spec.options.config).map(([key, value]) => `${key}=${String(value)}`);
  return `${spec.options.partitions} partition, ${configs.join(', ')}`;
}
