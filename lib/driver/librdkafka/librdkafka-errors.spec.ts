import { DriverError } from '../driver-error';
import { rdkafkaCall, toDriverError } from './librdkafka-errors';

describe('toDriverError (librdkafka)', () => {
  it.each([
    [-169, 'Local: Authentication failure', 'authentication', false, 'AUTHENTICATION'],
    [29, 'Broker: Topic authorization failed', 'authorization', false, 'TOPIC_AUTHORIZATION_FAILED'],
    [30, 'Broker: Group authorization failed', 'authorization', false, 'GROUP_AUTHORIZATION_FAILED'],
    [3, 'Broker: Unknown topic or partition', 'unknown-topic', true, 'UNKNOWN_TOPIC_OR_PARTITION'],
    [10, 'Broker: Message size too large', 'message-too-large', false, 'MESSAGE_TOO_LARGE'],
    [-187, 'Local: All broker connections are down', 'connection-refused', true, 'ALL_BROKERS_DOWN'],
    [-192, 'Local: Message timed out', 'timeout', true, 'MSG_TIMED_OUT'],
    [-181, 'ssl handshake failed: certificate verify failed', 'certificate', false, 'SSL'],
    [-181, 'SSL handshake failed: connection reset', 'connection-lost', true, 'SSL'],
  ])('classifies code %i (%s)', (code, message, kind, retriable, type) => {
    const error = toDriverError({ code, message });
    expect(error).toBeInstanceOf(DriverError);
    expect({ kind: error.kind, retriable: error.retriable, type: error.type, code: error.code }).toEqual({
      kind,
      retriable,
      type,
      code,
    });
    expect(error.message).toBe(message);
  });

  it('keeps an unknown code as other, retriable as librdkafka says, never when fatal', () => {
    expect(toDriverError({ code: 1234, message: 'x', isRetriable: true })).toMatchObject({
      kind: 'other',
      retriable: true,
    });
    expect(toDriverError({ code: -187, message: 'x', isFatal: true }).retriable).toBe(false);
    expect(toDriverError(new Error('plain'))).toMatchObject({ kind: 'other', message: 'plain' });
  });

  it('turns a callback into a promise that rejects with the port error', async () => {
    await expect(rdkafkaCall((done) => done(null, 7))).resolves.toBe(7);
    await expect(rdkafkaCall((done) => done({ code: 29, message: 'denied' }))).rejects.toMatchObject({
      kind: 'authorization',
    });
    await expect(
      rdkafkaCall(() => {
        throw { code: 10, message: 'too big' };
      }),
    ).rejects.toMatchObject({ kind: 'message-too-large' });
  });
});
