import {
  WEB_REPORT_SCHEMA,
  type ErrorReport,
  type ProcessReport,
} from '../../../lib/web/reporting/web-report.interface';

/** A valid report of process `id` at `reportedAt`, with what a test overrides. */
export function sampleReport(
  id: string,
  reportedAt: number,
  overrides: Partial<ProcessReport> = {},
): ProcessReport {
  return {
    schema: WEB_REPORT_SCHEMA,
    process: {
      id,
      host: 'host-a',
      pid: 100,
      startedAt: reportedAt - 60_000,
      memory: { rssBytes: 1, heapUsedBytes: 1 },
      versions: { node: '20.0.0', nest: '11.0.0', karafka: '0.1.0' },
    },
    reportedAt,
    intervalMs: 5000,
    reporting: { name: 'primary', brokers: ['127.0.0.1:19092'], producer: 'default', reason: 'default' },
    groups: [],
    producers: [],
    jobs: { running: [], recent: [] },
    counters: {},
    errors: [],
    stopping: false,
    ...overrides,
  };
}

/** An error of process `processId`, number `sequence`, raised at `at`. */
export function sampleError(processId: string, sequence: number, at: number): ErrorReport {
  return {
    id: `${processId}:${sequence}`,
    processId,
    at,
    type: 'consumer',
    name: 'Error',
    message: `failure ${sequence}`,
    cluster: 'primary',
  };
}
