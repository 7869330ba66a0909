import { isPlainObject } from '../../common/is-plain-object';
import { SERIES_RANGES } from './series-store';
import { WEB_REPORT_SCHEMA, type ErrorReport, type ProcessReport } from './web-report.interface';
import type { WebMetricsMessage, WebStateMessage } from './web-snapshot.interface';

/** A reporting topic's message read back: its value, or why it cannot be used (it is then skipped). */
export type Parsed<T> = { value: T } | { problem: string };

type Check = (value: Record<string, unknown>) => string | undefined;

/**
 * Reads one message of a reporting topic. Everything in those topics comes from other processes (other versions
 * of the library, or anything else that writes there), so nothing is trusted: a value that is not JSON, has
 * another schema or lacks a field the pages rely on is refused with the reason, never thrown.
 */
function parse<T>(raw: Buffer | null, what: string, check: Check, versioned = true): Parsed<T> {
  if (raw === null) return { problem: `no value (a tombstone), not ${what}` };
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    return { problem: `not JSON, so not ${what}` };
  }
  if (!isPlainObject(value)) return { problem: `not a JSON object, so not ${what}` };
  if (versioned && value.schema !== WEB_REPORT_SCHEMA) {
    return {
      problem: `${what} of schema ${JSON.stringify(value.schema)}; this version reads schema ${WEB_REPORT_SCHEMA}`,
    };
  }
  const problem = check(value);
  return problem === undefined ? { value: value as T } : { problem: `not ${what}: ${problem}` };
}

const field = (
  value: Record<string, unknown>,
  path: string,
  type: 'string' | 'number' | 'object' | 'array',
) => {
  const found = path
    .split('.')
    .reduce<unknown>((node, key) => (isPlainObject(node) ? node[key] : undefined), value);
  const ok =
    type === 'array'
      ? Array.isArray(found)
      : type === 'object'
        ? isPlainObject(found)
        : typeof found === type;
  return ok
    ? undefined
    : `'${path}' is not ${type === 'array' || type === 'object' ? `an ${type}` : `a ${type}`}`;
};

const fields =
  (...required: Array<[string, Parameters<typeof field>[2]]>): Check =>
  (value) => {
    for (const [path, type] of required) {
      const problem = field(value, path, type);
      if (problem) return problem;
    }
    return undefined;
  };

const checkReport = fields(
  ['process.id', 'string'],
  ['process.startedAt', 'number'],
  ['reportedAt', 'number'],
  ['intervalMs', 'number'],
  ['groups', 'array'],
  ['producers', 'array'],
  ['jobs.running', 'array'],
  ['jobs.recent', 'array'],
  ['counters', 'object'],
  ['errors', 'array'],
);
const checkError = fields(['id', 'string'], ['processId', 'string'], ['at', 'number'], ['message', 'string']);

export function parseReport(raw: Buffer | null): Parsed<ProcessReport> {
  return parse(raw, 'a process report', checkReport);
}

/** Errors have no schema field of their own: they are the `ErrorReport`s of schema-1 reports. */
export function parseError(raw: Buffer | null): Parsed<ErrorReport> {
  return parse(raw, 'an error report', checkError, false);
}

export function parseState(raw: Buffer | null): Parsed<WebStateMessage> {
  return parse(raw, 'a consumers state', (value) => {
    const problem = fields(
      ['publishedAt', 'number'],
      ['reportsOffsets', 'object'],
      ['processes', 'array'],
    )(value);
    if (problem) return problem;
    const broken = (value.processes as unknown[]).findIndex(
      (entry) =>
        !isPlainObject(entry) ||
        typeof entry.receivedAt !== 'number' ||
        checkReport(entry.report as never) !== undefined,
    );
    return broken < 0 ? undefined : `processes[${broken}] is not a kept report`;
  });
}

export function parseMetrics(raw: Buffer | null): Parsed<WebMetricsMessage> {
  return parse(raw, 'a consumers metrics message', (value) => {
    const problem = fields(['publishedAt', 'number'], ['series.watermark', 'number'])(value);
    if (problem) return problem;
    for (const range of Object.keys(SERIES_RANGES)) {
      const missing = fields(
        [`series.ranges.${range}.closed`, 'array'],
        [`series.ranges.${range}.open`, 'array'],
      )(value);
      if (missing) return missing;
    }
    return undefined;
  });
}
