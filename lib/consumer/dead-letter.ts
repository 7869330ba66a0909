import { HttpException } from '@nestjs/common';
import { errorMessage } from '../common/error-message';
import type { DriverFetchedMessage, DriverRecord, Headers } from '../driver/kafka-driver.port';

/**
 * Where dead letters are produced. The module adapts it to the producer of the failing topic's own cluster,
 * so a topic on `secondary` dead-letters on `secondary`.
 */
export interface DeadLetterSink {
  send(clusterName: string, topic: string, record: DriverRecord): Promise<unknown>;
}

/** Headers added to a dead letter (Karafka's `source_*` names, plus the cluster and the error). */
export const DEAD_LETTER_HEADERS = {
  topic: 'source_topic',
  partition: 'source_partition',
  offset: 'source_offset',
  consumerGroup: 'source_consumer_group',
  cluster: 'source_cluster',
  attempts: 'source_attempts',
  errorClass: 'source_error_class',
  errorMessage: 'source_error_message',
} as const;

/** Long error texts are cut so a dead letter never grows past the broker's message size limit because of them. */
const MAX_ERROR_TEXT = 1000;

export interface DeadLetterOrigin {
  cluster: string;
  groupId: string;
  topic: string;
  partition: number;
}

/** The error's text; for an HTTP-style exception (e.g. from `ValidationPipe`) the details of its response. */
export function describeError(error: unknown): string {
  if (error instanceof HttpException) {
    const response = error.getResponse();
    const details =
      typeof response === 'object' && response !== null
        ? (response as { message?: unknown }).message
        : response;
    if (Array.isArray(details)) return details.join('; ');
    if (typeof details === 'string') return details;
  }
  return errorMessage(error);
}

/** The record sent to the dead-letter topic: the original key, value and headers, plus where and why it failed. */
export function buildDeadLetterRecord(
  origin: DeadLetterOrigin,
  message: DriverFetchedMessage,
  error: unknown,
  attempts: number,
): DriverRecord {
  const headers: Headers = {
    ...message.headers,
    [DEAD_LETTER_HEADERS.topic]: origin.topic,
    [DEAD_LETTER_HEADERS.partition]: String(origin.partition),
    [DEAD_LETTER_HEADERS.offset]: message.offset,
    [DEAD_LETTER_HEADERS.consumerGroup]: origin.groupId,
    [DEAD_LETTER_HEADERS.cluster]: origin.cluster,
    [DEAD_LETTER_HEADERS.attempts]: String(attempts),
    [DEAD_LETTER_HEADERS.errorClass]: error instanceof Error ? error.name : typeof error,
    [DEAD_LETTER_HEADERS.errorMessage]: describeError(error).slice(0, MAX_ERROR_TEXT),
  };
  return { key: message.key, value: message.value, headers };
}
