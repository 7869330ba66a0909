import { randomUUID } from 'node:crypto';
import { isPlainObject } from '../common/is-plain-object';

/** Headers on every job message: who it is for, without decoding the value (for filters, tools, dead letters). */
export const KAFKA_JOB_HEADERS = {
  name: 'job_name',
  id: 'job_id',
  performAt: 'job_perform_at',
} as const;

/** A job message's value, as JSON. Dates are ISO-8601 strings so a dead letter reads well in any tool. */
export interface JobEnvelope {
  job: string;
  id: string;
  /** Whatever was enqueued, through JSON (absent when it was `undefined`). */
  args?: unknown;
  enqueuedAt: string;
  /** Set by `enqueueAt`: the job must not run before it. */
  performAt?: string;
}

export function createJobEnvelope(job: string, args: unknown, now: Date, performAt?: Date): JobEnvelope {
  return {
    job,
    id: randomUUID(),
    args,
    enqueuedAt: now.toISOString(),
    ...(performAt ? { performAt: performAt.toISOString() } : {}),
  };
}

/** The message value; throws what JSON.stringify throws (cycles, BigInt). */
export function encodeJobEnvelope(envelope: JobEnvelope): string {
  return JSON.stringify(envelope);
}

export function jobHeaders(envelope: JobEnvelope): Record<string, string> {
  return {
    [KAFKA_JOB_HEADERS.name]: envelope.job,
    [KAFKA_JOB_HEADERS.id]: envelope.id,
    ...(envelope.performAt ? { [KAFKA_JOB_HEADERS.performAt]: envelope.performAt } : {}),
  };
}

/** A consumed envelope, with its dates parsed once. */
export interface DecodedJob {
  envelope: JobEnvelope;
  enqueuedAt: Date;
  /** ms since epoch; undefined = run now. */
  performAt?: number;
}

/**
 * Reads a job message's payload as decoded by the topic's JSON deserializer. Returns the problem as a string
 * when it is not an envelope (the dispatcher turns it into a non-retriable error naming the offset).
 */
export function decodeJobEnvelope(payload: unknown): DecodedJob | string {
  if (Buffer.isBuffer(payload)) return 'the value is not JSON';
  if (!isPlainObject(payload)) return `the value is ${payload === null ? 'null' : 'not a JSON object'}`;
  const { job, id, enqueuedAt, performAt } = payload;
  if (typeof job !== 'string' || job === '')
    return `'job' must be a non-empty string, got ${JSON.stringify(job)}`;
  if (typeof id !== 'string' || id === '')
    return `'id' must be a non-empty string, got ${JSON.stringify(id)}`;
  const enqueued = parseDate(enqueuedAt);
  if (enqueued === undefined) return `'enqueuedAt' must be an ISO date, got ${JSON.stringify(enqueuedAt)}`;
  let due: number | undefined;
  if (performAt !== undefined) {
    due = parseDate(performAt);
    if (due === undefined) return `'performAt' must be an ISO date, got ${JSON.stringify(performAt)}`;
  }
  return {
    envelope: payload as unknown as JobEnvelope,
    enqueuedAt: new Date(enqueued),
    ...(due !== undefined ? { performAt: due } : {}),
  };
}

function parseDate(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}
