import type * as Rdkafka from '@confluentinc/kafka-javascript';
import { DriverError } from '../driver-error';
import type { DriverLogEntry } from '../kafka-driver.port';
import { rdkafkaCall } from './librdkafka-errors';

/** librdkafka logs with syslog severities: 0-2 critical, 3 error, 4 warning, 5-6 notice/info, 7 debug. */
export function logLevelOf(severity: number): DriverLogEntry['level'] {
  if (severity <= 2) return 'error';
  // Errors librdkafka retries by itself (a refused connection) are logged at 3.
  if (severity <= 4) return 'warn';
  if (severity <= 6) return 'info';
  return 'debug';
}

/**
 * A refusal no retry changes, told by librdkafka's text: its error events carry a generic code (-1) and a short
 * text ("ssl error"), its FAIL log lines say what happened.
 */
export function accessFailureOf(text: string): DriverError | undefined {
  if (/certificate verify failed|self[- ]signed certificate|unable to get (local )?issuer/i.test(text))
    return new DriverError(text, { kind: 'certificate', retriable: false, type: 'SSL' });
  if (/SASL authentication error|authentication failed|invalid credentials/i.test(text))
    return new DriverError(text, {
      kind: 'authentication',
      retriable: false,
      type: 'SASL_AUTHENTICATION_FAILED',
    });
  return undefined;
}

type Client = Rdkafka.Producer | Rdkafka.KafkaConsumer;

const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Forwards a client's logs and errors (`event_cb: true`) to the driver's log, then connects it. A refusal
 * (wrong credentials, a certificate not trusted) fails the connect as soon as librdkafka reports it, with its
 * words; otherwise the connect fails after its timeout.
 */
export async function connectClient(
  client: Client,
  log: (entry: DriverLogEntry) => void,
  extra: Record<string, unknown>,
): Promise<void> {
  let refuse: ((error: DriverError) => void) | undefined;
  const refused = new Promise<never>((_, reject) => (refuse = reject));
  refused.catch(() => undefined);
  const emitter = client as unknown as NodeJS.EventEmitter;
  const noticed = (text: string) => {
    const failure = accessFailureOf(text);
    if (failure) refuse?.(failure);
  };
  emitter.on('event.error', (error: Rdkafka.LibrdKafkaError) => {
    // librdkafka retries what is not fatal by itself.
    log({ level: error.isFatal ? 'error' : 'debug', namespace: 'Client', message: error.message, extra });
  });
  emitter.on('event.log', (entry: { severity: number; fac: string; message: string }) => {
    log({ level: logLevelOf(entry.severity), namespace: entry.fac, message: entry.message, extra });
    if (entry.fac === 'FAIL') noticed(entry.message);
  });
  try {
    await Promise.race([
      rdkafkaCall((done) => (client as Rdkafka.Producer).connect({ timeout: CONNECT_TIMEOUT_MS }, done)),
      refused,
    ]);
  } catch (error) {
    // librdkafka would go on retrying the refused connection in the background.
    await rdkafkaCall((done) => client.disconnect(done)).catch(() => undefined);
    throw error;
  } finally {
    refuse = undefined;
  }
}
