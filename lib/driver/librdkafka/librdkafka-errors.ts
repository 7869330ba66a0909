import { errorMessage } from '../../common/error-message';
import { DriverError, type DriverErrorKind } from '../driver-error';

/** What librdkafka's callbacks pass as an error (`LibrdKafkaError`), as far as the driver reads it. */
export interface RdkafkaErrorLike {
  message: string;
  code: number;
  isFatal?: boolean;
  isRetriable?: boolean;
}

/**
 * librdkafka's error codes that say something a caller can act on. Negative codes are librdkafka's own
 * (`ERR__*`), positive ones Kafka's protocol errors.
 */
const KINDS: Record<number, { kind: DriverErrorKind; retriable: boolean; type: string }> = {
  [-169]: { kind: 'authentication', retriable: false, type: 'AUTHENTICATION' },
  58: { kind: 'authentication', retriable: false, type: 'SASL_AUTHENTICATION_FAILED' },
  33: { kind: 'authentication', retriable: false, type: 'UNSUPPORTED_SASL_MECHANISM' },
  29: { kind: 'authorization', retriable: false, type: 'TOPIC_AUTHORIZATION_FAILED' },
  30: { kind: 'authorization', retriable: false, type: 'GROUP_AUTHORIZATION_FAILED' },
  31: { kind: 'authorization', retriable: false, type: 'CLUSTER_AUTHORIZATION_FAILED' },
  53: { kind: 'authorization', retriable: false, type: 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED' },
  [-188]: { kind: 'unknown-topic', retriable: true, type: 'UNKNOWN_TOPIC' },
  [-190]: { kind: 'unknown-topic', retriable: true, type: 'UNKNOWN_PARTITION' },
  3: { kind: 'unknown-topic', retriable: true, type: 'UNKNOWN_TOPIC_OR_PARTITION' },
  10: { kind: 'message-too-large', retriable: false, type: 'MESSAGE_TOO_LARGE' },
  18: { kind: 'message-too-large', retriable: false, type: 'RECORD_LIST_TOO_LARGE' },
  [-181]: { kind: 'certificate', retriable: false, type: 'SSL' },
  [-195]: { kind: 'connection-lost', retriable: true, type: 'TRANSPORT' },
  [-187]: { kind: 'connection-refused', retriable: true, type: 'ALL_BROKERS_DOWN' },
  [-193]: { kind: 'connection-refused', retriable: true, type: 'RESOLVE' },
  [-185]: { kind: 'timeout', retriable: true, type: 'TIMED_OUT' },
  [-192]: { kind: 'timeout', retriable: true, type: 'MSG_TIMED_OUT' },
  7: { kind: 'timeout', retriable: true, type: 'REQUEST_TIMED_OUT' },
};

/**
 * librdkafka reports a refused TLS handshake as a plain SSL error; only its text tells a certificate that
 * failed verification (which no retry changes) from a handshake that broke off.
 */
const CERTIFICATE_TEXT = /certificate verify failed|self[- ]signed|unable to get (local )?issuer/i;

/** The port's error for a librdkafka error (or anything else thrown by the binding). */
export function toDriverError(error: unknown): DriverError {
  if (error instanceof DriverError) return error;
  const code = (error as Partial<RdkafkaErrorLike> | undefined)?.code;
  if (typeof code !== 'number') {
    return new DriverError(errorMessage(error), { kind: 'other', retriable: false, cause: error });
  }
  const { message, isFatal, isRetriable } = error as RdkafkaErrorLike;
  const known = KINDS[code];
  if (known?.kind === 'certificate' && !CERTIFICATE_TEXT.test(message)) {
    return new DriverError(message, {
      kind: 'connection-lost',
      retriable: true,
      code,
      type: known.type,
      cause: error,
    });
  }
  const retriable = isFatal ? false : (known?.retriable ?? isRetriable === true);
  return new DriverError(message, {
    kind: known?.kind ?? 'other',
    retriable,
    code,
    type: known?.type,
    cause: error,
  });
}

/** Node-style callback → promise, rejecting with the port's error. */
export function rdkafkaCall<T = void>(
  call: (done: (error: unknown, result?: unknown) => void) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      call((error, result) => (error ? reject(toDriverError(error)) : resolve(result as T)));
    } catch (error) {
      reject(toDriverError(error));
    }
  });
}
