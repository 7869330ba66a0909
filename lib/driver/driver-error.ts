/**
 * What went wrong between the library and a cluster, in words a caller can act on without knowing the client
 * library: wrong credentials, missing rights, a topic that does not exist, a broker that refuses or drops
 * connections, a TLS certificate that was refused, a request that timed out, a record the broker will not take;
 * `other` for the rest.
 */
export type DriverErrorKind =
  | 'authentication'
  | 'authorization'
  | 'unknown-topic'
  | 'connection-refused'
  | 'connection-lost'
  | 'certificate'
  | 'timeout'
  | 'message-too-large'
  | 'other';

export interface DriverErrorDetails {
  kind: DriverErrorKind;
  /** Whether the same call may succeed later without a change of settings. */
  retriable: boolean;
  /** The client library's own error. */
  cause?: unknown;
  /** Kafka's protocol error code, when the broker answered with one. */
  code?: number;
  /** The protocol error's name (`TOPIC_AUTHORIZATION_FAILED`) or the system error code (`ECONNREFUSED`). */
  type?: string;
}

/** An error of a driver, classified; each driver turns its client library's errors into these. */
export class DriverError extends Error {
  readonly kind: DriverErrorKind;
  readonly retriable: boolean;
  readonly code?: number;
  readonly type?: string;

  constructor(message: string, details: DriverErrorDetails) {
    super(message, { cause: details.cause });
    this.name = 'DriverError';
    this.kind = details.kind;
    this.retriable = details.retriable;
    this.code = details.code;
    this.type = details.type;
  }
}
