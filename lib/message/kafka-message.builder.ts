import type { DriverFetchedMessage, Headers } from '../driver/kafka-driver.port';
import type { PayloadDecoder } from './payload-decoder';
import type { KafkaMessage } from './kafka-message.interface';
import { DeserializationError } from './non-retriable.error';

function textHeaders(headers: Headers): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = {};
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    result[name] =
      value === undefined ? undefined : typeof value === 'string' ? value : value.toString('utf8');
  }
  return result;
}

/** What is fixed for every message of one topic-partition; built once per batch, not per message. */
export interface MessageSource {
  topic: string;
  partition: number;
  cluster: string;
  decode: PayloadDecoder;
}

/** Builds the handler's view of one fetched message. A decoder failure becomes a `DeserializationError`. */
export function buildKafkaMessage(source: MessageSource, fetched: DriverFetchedMessage): KafkaMessage {
  const headers = textHeaders(fetched.headers);
  let payload: unknown;
  try {
    payload = source.decode(fetched.value, headers);
  } catch (error) {
    throw new DeserializationError(source.topic, source.partition, fetched.offset, error);
  }
  return {
    payload,
    rawPayload: fetched.value,
    key: fetched.key === null ? null : fetched.key.toString('utf8'),
    rawKey: fetched.key,
    headers,
    rawHeaders: fetched.headers,
    topic: source.topic,
    partition: source.partition,
    offset: fetched.offset,
    timestamp: new Date(Number(fetched.timestamp)),
    cluster: source.cluster,
  };
}

/**
 * The message as a reader (admin, tests) shows it: like `buildKafkaMessage`, but a value the deserializer cannot
 * decode keeps its bytes as payload instead of failing the read.
 */
export function buildReadMessage(source: MessageSource, fetched: DriverFetchedMessage): KafkaMessage {
  try {
    return buildKafkaMessage(source, fetched);
  } catch (error) {
    if (!(error instanceof DeserializationError)) throw error;
    return buildKafkaMessage({ ...source, decode: (value) => value }, fetched);
  }
}
