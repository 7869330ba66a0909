import type * as Rdkafka from '@confluentinc/kafka-javascript';
import type { DriverError } from '../driver-error';
import type { DriverLogEntry } from '../kafka-driver.port';
import { toDriverError } from './librdkafka-errors';

/** librdkafka logs with syslog severities: 0-2 critical, 3 error, 4 warning, 5-6 notice/info, 7 debug. */
export function logLevelOf(severity: number): DriverLogEntry['level'] {
  if (severity <= 2) return 'error';
  // Errors librdkafka retries by itself (a refused connection) are logged at 3.
  if (severity <= 4) return 'warn';
  if (severity <= 6) return 'info';
  return 'debug';
}

/**
 * Forwards a client's logs and errors (`event_cb: true`) to the driver's log; returns the last error reported,
 * which explains a connect that timed out better than the timeout does.
 */
export function forwardLogs(
  client: Rdkafka.Client<never>,
  log: (entry: DriverLogEntry) => void,
  extra: Record<string, unknown>,
): () => DriverError | undefined {
  let last: DriverError | undefined;
  const emitter = client as unknown as NodeJS.EventEmitter;
  emitter.on('event.error', (error: Rdkafka.LibrdKafkaError) => {
    last = toDriverError(error);
    // librdkafka retries what is not fatal by itself.
    log({ level: error.isFatal ? 'error' : 'debug', namespace: 'Client', message: error.message, extra });
  });
  emitter.on('event.log', (entry: { severity: number; fac: string; message: string }) =>
    log({ level: logLevelOf(entry.severity), namespace: entry.fac, message: entry.message, extra }),
  );
  return () => last;
}
