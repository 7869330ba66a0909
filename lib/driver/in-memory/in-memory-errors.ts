import { errorMessage } from '../../common/error-message';
import { DriverError } from '../driver-error';

export function other(): { kind: 'other'; retriable: false } {
  return { kind: 'other', retriable: false };
}

export function notConnected(): DriverError {
  return new DriverError('The consumer is not connected', { kind: 'connection-lost', retriable: true });
}

/** A client library error of the in-memory driver's own making, or a test's, as the port's error. */
export function asDriverError(error: unknown): DriverError {
  if (error instanceof DriverError) return error;
  return new DriverError(errorMessage(error), { kind: 'other', retriable: true, cause: error });
}

/** Kafka's UNKNOWN_TOPIC_OR_PARTITION, as kafkajs reports it. */
export function unknownTopicOrPartition(message: string, retriable: boolean): DriverError {
  return new DriverError(message, {
    kind: 'unknown-topic',
    retriable,
    type: 'UNKNOWN_TOPIC_OR_PARTITION',
    code: 3,
  });
}
