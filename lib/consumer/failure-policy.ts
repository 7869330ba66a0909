import { HttpException, HttpStatus } from '@nestjs/common';
import type { RetryPolicyOptions } from '../routing/topic-options.interface';
import { DeserializationError, NonRetriableError } from '../message/non-retriable.error';
import { PayloadValidationError } from './payload-validation.error';

/**
 * HTTP statuses that say "this message is wrong", not "try later": a failed validation (400/422, e.g.
 * `ValidationPipe`, `ParseArrayPipe`) or a guard that refuses the batch (401/403). They never retry.
 */
const NON_RETRIABLE_STATUSES = new Set<number>([
  HttpStatus.BAD_REQUEST,
  HttpStatus.UNAUTHORIZED,
  HttpStatus.FORBIDDEN,
  HttpStatus.UNPROCESSABLE_ENTITY,
]);

/** Whether retrying `error` cannot help: a `NonRetriableError`, a validation failure or a denying guard. */
export function isNonRetriable(error: unknown): boolean {
  if (error instanceof NonRetriableError) return true;
  return error instanceof HttpException && NON_RETRIABLE_STATUSES.has(error.getStatus());
}

/** Delay before retry number `failures` (1-based): `backoffMs × multiplier^(failures-1)`, at most `maxBackoffMs`. */
export function backoffDelay(policy: Required<RetryPolicyOptions>, failures: number): number {
  const delay = policy.backoffMs * Math.pow(policy.multiplier, Math.max(0, failures - 1));
  return Math.min(Number.isFinite(delay) ? delay : policy.maxBackoffMs, policy.maxBackoffMs);
}

export type FailureAction = 'retry' | 'dead-letter' | 'pause';

/**
 * What to do after the `failures`-th failure of the same first message:
 * retry while `failures <= maxRetries`; then dead-letter it, or, with no dead-letter queue, keep the partition
 * paused and retry with capped backoff. A non-retriable error goes to the dead-letter queue at once.
 */
export function decideFailureAction(args: {
  failures: number;
  maxRetries: number;
  nonRetriable: boolean;
  hasDeadLetterQueue: boolean;
}): FailureAction {
  const exhausted = args.nonRetriable || args.failures > args.maxRetries;
  if (!exhausted) return 'retry';
  return args.hasDeadLetterQueue ? 'dead-letter' : 'pause';
}

/** The messages a retry or a dead-letter dispatch is about: those after the last one marked as consumed. */
export function messagesAfterMarked<T extends { offset: string }>(
  messages: readonly T[],
  marked: bigint | undefined,
): T[] {
  if (marked === undefined) return messages.slice();
  return messages.filter((message) => BigInt(message.offset) > marked);
}

/**
 * The offsets of the invalid messages, when `error` is a `PayloadValidationError` about the batch `handed` to
 * `consume`, or the `DeserializationError` of one of its messages; undefined when the error does not say which
 * messages are invalid.
 */
export function invalidOffsetsOf<T extends { offset: string }>(
  error: unknown,
  handed: readonly T[],
): Set<string> | undefined {
  if (error instanceof DeserializationError) {
    return handed.some((message) => message.offset === error.offset) ? new Set([error.offset]) : undefined;
  }
  if (!(error instanceof PayloadValidationError) || error.batchSize !== handed.length) return undefined;
  return new Set(error.invalidIndexes.map((index) => handed[index].offset));
}

/** Splits a fetched batch into the batches handed to `consume` (at most `size` messages each). */
export function splitIntoChunks<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new Error(`Chunk size must be a positive integer, got ${size}`);
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
