import { WebState } from '../../../lib/web/reporting/web-state';
import type {
  ErrorReport,
  JobReport,
  ProcessView,
  ReportingClusterInfo,
  SeriesPoint,
  SeriesRange,
  StatusCheck,
} from '../../../lib/web/reporting/web-report.interface';

/** Markup a hostile producer could put into anything that comes from Kafka. */
export const HOSTILE = `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">`;

export const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

const counters = (consumed: number, produced: number, lag: number, errors = 0) => ({
  consumedPerSecond: consumed,
  producedPerSecond: produced,
  lag,
  errors,
});

function processView(pid: number, status: 'up' | 'gone', reportedAgoMs: number): ProcessView {
  const startedAt = NOW - 3_600_000;
  return {
    schema: 1,
    status,
    receivedAt: NOW - reportedAgoMs,
    reportedAt: NOW - reportedAgoMs,
    intervalMs: 5000,
    stopping: false,
    process: {
      id: `web-1:${pid}:${startedAt}`,
      host: 'web-1',
      pid,
      startedAt,
      memory: { rssBytes: 120 * 1024 * 1024, heapUsedBytes: 48 * 1024 * 1024 },
      versions: { node: '20.20.2', nest: '11.1.0', karafka: '0.1.0' },
    },
    reporting: REPORTING,
    groups: [
      {
        cluster: 'primary',
        brokers: ['127.0.0.1:19092'],
        groupId: 'shop',
        subscriptionGroup: 'shop@primary#0',
        topics: ['orders', HOSTILE],
        state: 'running',
        stateSince: NOW - 60_000,
        lastPollAt: NOW - 800,
        concurrency: 2,
        partitions: [
          { topic: 'orders', partition: 0, highWatermark: '120', consumedOffset: '99', lag: 20 },
          { topic: 'orders', partition: 1, highWatermark: '7', consumedOffset: '6', lag: 0 },
        ],
      },
    ],
    producers: [
      {
        name: 'audit',
        kind: 'named',
        cluster: 'secondary',
        sent: 42,
        acked: 40,
        failed: 2,
        inFlight: 0,
        ackedPerSecond: 3.5,
        latencyMs: { p50: 2.5, p95: 8, p99: 31 },
      },
    ],
    jobs: { running: [], recent: [] },
    counters: { primary: counters(12.5, 3, 20, 1), secondary: counters(0, 3.5, 0) },
    errors: [],
  };
}

const REPORTING: ReportingClusterInfo = {
  name: 'primary',
  brokers: ['127.0.0.1:19092'],
  producer: 'default',
  reason: 'the Web producer is the default one, whose cluster is the primary one',
};

function error(index: number): ErrorReport {
  return {
    id: `p:${index}`,
    processId: 'web-1:101:1',
    at: NOW - index * 1000,
    type: 'consumer',
    name: 'Error',
    message: index === 0 ? `failed on ${HOSTILE}` : `failure ${index}`,
    stack: `Error: failure ${index}\n    at consume (orders.consumer.ts:12:9)`,
    cluster: 'primary',
    groupId: 'shop',
    topic: 'orders',
    partition: 0,
    offset: String(100 + index),
  };
}

/** A read model answering from memory, as the reporting half would after reading the topics. */
export class FixtureWebState extends WebState {
  refreshes = 0;
  processList: ProcessView[] = [processView(101, 'up', 1000), processView(102, 'gone', 60_000)];
  errorList: ErrorReport[] = Array.from({ length: 30 }, (_, index) => error(index));
  jobList: { running: JobReport[]; recent: JobReport[] } = {
    running: [
      {
        id: 'j1',
        name: 'send-invoice',
        cluster: 'primary',
        topic: 'jobs',
        state: 'running',
        attempt: 1,
        startedAt: NOW - 2000,
      },
    ],
    recent: [
      {
        id: 'j0',
        name: 'send-invoice',
        cluster: 'secondary',
        topic: 'jobs',
        state: 'failed',
        attempt: 3,
        startedAt: NOW - 9000,
        finishedAt: NOW - 8000,
        error: HOSTILE,
      },
    ],
  };
  checks: StatusCheck[] = [
    { name: 'reporting topics exist', ok: true, detail: 'all 4 on primary' },
    {
      name: 'processing consumer is fresh',
      ok: false,
      detail: 'no state for 90 s',
      fix: 'start one process with processing: true',
    },
  ];

  async refresh(): Promise<void> {
    this.refreshes++;
  }

  reportingCluster(): ReportingClusterInfo {
    return REPORTING;
  }

  processes(): ProcessView[] {
    return this.processList;
  }

  series(range: SeriesRange): SeriesPoint[] {
    const step = range === 'minutes' ? 5_000 : range === 'hour' ? 60_000 : 900_000;
    return Array.from({ length: 3 }, (_, index) => ({
      at: NOW - (2 - index) * step,
      processes: 1,
      clusters: {
        primary: counters(10 + index, 3, 20),
        secondary: counters(0, 3.5, 0),
        total: counters(10 + index, 6.5, 20),
      },
    }));
  }

  errors({ offset, limit }: { offset: number; limit: number }): { total: number; items: ErrorReport[] } {
    return { total: this.errorList.length, items: this.errorList.slice(offset, offset + limit) };
  }

  jobs(): { running: JobReport[]; recent: JobReport[] } {
    return this.jobList;
  }

  async status(): Promise<StatusCheck[]> {
    return this.checks;
  }
}
