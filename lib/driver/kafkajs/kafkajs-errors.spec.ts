import {
  KafkaJSConnectionError,
  KafkaJSError,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  KafkaJSRequestTimeoutError,
  KafkaJSSASLAuthenticationError,
} from 'kafkajs';
import { DriverError } from '../driver-error';
import { toDriverError } from './kafkajs-errors';

// kafkajs builds its protocol errors from the broker's error code this way (src/protocol/error.js).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createErrorFromCode } = require('kafkajs/src/protocol/error') as {
  createErrorFromCode: (code: number) => KafkaJSProtocolError;
};

describe('toDriverError (kafkajs)', () => {
  it.each([
    [58, 'SASL_AUTHENTICATION_FAILED', 'authentication', false],
    [29, 'TOPIC_AUTHORIZATION_FAILED', 'authorization', false],
    [30, 'GROUP_AUTHORIZATION_FAILED', 'authorization', false],
    [3, 'UNKNOWN_TOPIC_OR_PARTITION', 'unknown-topic', true],
    [10, 'MESSAGE_TOO_LARGE', 'message-too-large', false],
    [7, 'REQUEST_TIMED_OUT', 'timeout', true],
    [5, 'LEADER_NOT_AVAILABLE', 'other', true],
  ])('classifies protocol error %i (%s) as %s', (code, type, kind, retriable) => {
    const original = createErrorFromCode(code);
    expect(original.type).toBe(type);
    const error = toDriverError(original);
    expect(error).toBeInstanceOf(DriverError);
    expect(error).toMatchObject({ kind, retriable, code, type, message: original.message });
    expect(error.cause).toBe(original);
  });

  it('classifies a refused connection by its system error code', () => {
    const original = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:1', {
      broker: '127.0.0.1:1',
      code: 'ECONNREFUSED',
    });
    expect(toDriverError(original)).toMatchObject({
      kind: 'connection-refused',
      retriable: true,
      type: 'ECONNREFUSED',
    });
  });

  it('tells a connection timeout and a dropped connection from a refused one', () => {
    const timeout = new KafkaJSConnectionError('Connection timeout', { broker: 'b:9092' });
    const closed = new KafkaJSConnectionError('Connection error: read ECONNRESET', {
      broker: 'b:9092',
      code: 'ECONNRESET',
    });
    expect(toDriverError(timeout)).toMatchObject({ kind: 'timeout', retriable: true });
    expect(toDriverError(closed)).toMatchObject({ kind: 'connection-lost', type: 'ECONNRESET' });
  });

  it('classifies the error kafkajs retried, and keeps the retries-exceeded error as the cause', () => {
    const refused = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED', {
      code: 'ECONNREFUSED',
    });
    const exhausted = new KafkaJSNumberOfRetriesExceeded(refused, { retryCount: 5, retryTime: 1000 });
    const error = toDriverError(exhausted);
    expect(error).toMatchObject({ kind: 'connection-refused', retriable: true, message: refused.message });
    expect(error.cause).toBe(exhausted);
  });

  it('classifies SASL failures, request timeouts, other kafkajs errors and foreign errors', () => {
    expect(
      toDriverError(
        // kafkajs' typings omit the message its authenticators pass.
        new (KafkaJSSASLAuthenticationError as new (message: string) => Error)(
          'SASL Plain: Invalid username or password',
        ),
      ),
    ).toMatchObject({ kind: 'authentication', retriable: false });
    expect(
      toDriverError(new KafkaJSRequestTimeoutError('Request Metadata(key: 3, version: 6) timed out')),
    ).toMatchObject({ kind: 'timeout', retriable: true });
    expect(toDriverError(new KafkaJSError('something', { retriable: false }))).toMatchObject({
      kind: 'other',
      retriable: false,
    });
    expect(toDriverError('boom')).toMatchObject({ kind: 'other', retriable: false, message: 'boom' });
  });

  it('classifies the error inside a KafkaJSNonRetriableError (how kafkajs reports a denied topic)', () => {
    const denied = createErrorFromCode(29);
    // As kafkajs' retrier wraps it (src/retry/index.js); its typings omit the options argument.
    const wrapped = new (KafkaJSNonRetriableError as new (e: Error, options: { cause: Error }) => Error)(
      denied,
      {
        cause: denied,
      },
    );
    expect(toDriverError(wrapped)).toMatchObject({
      kind: 'authorization',
      retriable: false,
      type: 'TOPIC_AUTHORIZATION_FAILED',
    });
  });

  it('tells a refused TLS certificate from a connection problem: not retriable', () => {
    const untrusted = new KafkaJSConnectionError(
      'Connection error: self-signed certificate in certificate chain',
      {
        code: 'SELF_SIGNED_CERT_IN_CHAIN',
      },
    );
    expect(
      toDriverError(new KafkaJSNumberOfRetriesExceeded(untrusted, { retryCount: 5, retryTime: 1000 })),
    ).toMatchObject({
      kind: 'certificate',
      retriable: false,
      type: 'SELF_SIGNED_CERT_IN_CHAIN',
    });
  });

  it('returns a DriverError unchanged', () => {
    const error = new DriverError('x', { kind: 'timeout', retriable: true });
    expect(toDriverError(error)).toBe(error);
  });
});
