import {
  KafkaJSConnectionError,
  KafkaJSError,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  KafkaJSRequestTimeoutError,
  KafkaJSSASLAuthenticationError,
  KafkaJSTimeout,
} from 'kafkajs';
import { errorMessage } from '../../common/error-message';
import { DriverError, type DriverErrorKind } from '../driver-error';

/** Kafka protocol error names (kafkajs' `type`) that say something a caller can act on. */
const PROTOCOL_KINDS: Record<string, DriverErrorKind> = {
  SASL_AUTHENTICATION_FAILED: 'authentication',
  UNSUPPORTED_SASL_MECHANISM: 'authentication',
  ILLEGAL_SASL_STATE: 'authentication',
  TOPIC_AUTHORIZATION_FAILED: 'authorization',
  GROUP_AUTHORIZATION_FAILED: 'authorization',
  CLUSTER_AUTHORIZATION_FAILED: 'authorization',
  TRANSACTIONAL_ID_AUTHORIZATION_FAILED: 'authorization',
  UNKNOWN_TOPIC_OR_PARTITION: 'unknown-topic',
  MESSAGE_TOO_LARGE: 'message-too-large',
  RECORD_LIST_TOO_LARGE: 'message-too-large',
  REQUEST_TIMED_OUT: 'timeout',
  NETWORK_EXCEPTION: 'connection-lost',
};

/** Node's TLS verification failures: the peer's certificate was refused, which retrying cannot change. */
const CERTIFICATE_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * The port's error for anything kafkajs threw. kafkajs gives up after its retries with
 * `KafkaJSNumberOfRetriesExceeded`, and wraps what it would not retry in `KafkaJSNonRetriableError`: the error
 * inside says what went wrong, so that one is classified (the retries being over does not make a refused
 * connection non-retriable for the library's own reconnect loop).
 */
export function toDriverError(error: unknown): DriverError {
  if (error instanceof DriverError) return error;
  const original = error;
  let inner = error;
  while (
    (inner instanceof KafkaJSNumberOfRetriesExceeded || inner instanceof KafkaJSNonRetriableError) &&
    inner.cause !== undefined &&
    inner.cause !== inner
  ) {
    inner = inner.cause;
  }
  return new DriverError(errorMessage(inner), { ...classify(inner), cause: original });
}

/** Rejects with the port's error instead of kafkajs' own. */
export function driverCall<T>(call: () => Promise<T>): Promise<T> {
  return call().catch((error: unknown) => {
    throw toDriverError(error);
  });
}

function classify(error: unknown): {
  kind: DriverErrorKind;
  retriable: boolean;
  code?: number;
  type?: string;
} {
  if (error instanceof KafkaJSProtocolError) {
    const kind = PROTOCOL_KINDS[error.type] ?? 'other';
    return { kind, retriable: error.retriable, code: error.code, type: error.type };
  }
  if (error instanceof KafkaJSSASLAuthenticationError) return { kind: 'authentication', retriable: false };
  if (error instanceof KafkaJSConnectionError) {
    // kafkajs copies the socket's system error code (ECONNREFUSED, ENOTFOUND, ...) onto the error.
    const type = (error as { code?: string }).code;
    if (type !== undefined && CERTIFICATE_CODES.has(type))
      return { kind: 'certificate', retriable: false, type };
    const kind =
      type === 'ECONNREFUSED'
        ? 'connection-refused'
        : /timeout/i.test(error.message)
          ? 'timeout'
          : 'connection-lost';
    return { kind, retriable: true, ...(type ? { type } : {}) };
  }
  if (error instanceof KafkaJSRequestTimeoutError) return { kind: 'timeout', retriable: true };
  if (error instanceof KafkaJSTimeout) return { kind: 'timeout', retriable: false };
  if (error instanceof KafkaJSError) return { kind: 'other', retriable: error.retriable };
  return { kind: 'other', retriable: false };
}
