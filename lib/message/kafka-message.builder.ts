import type { DriverFetchedMessage, Headers } from '../driver/kafka-driver.port';
import type { PayloadDecoder } from './payload-decoder';
import type { KafkaMessage } from './kafka-message.interface';
import { LazyKafkaMessage } from './lazy-kafka-message';
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
  /** Decode when `payload` is first read (see `KafkaTopicOptions.lazyPayload`). */
  lazyPayload?: boolean;
}

function decodePayload(
  source: MessageSource,
  fetched: DriverFetchedMessage,
  headers: Record<string, string | undefined>,
): unknown {
  try {
    return source.decode(fetched.value, headers);
  } catch (error) {
    throw new DeserializationError(source.topic, source.partition, fetched.offset, error);
  }
}

/**
 * Builds the handler's view of one fetched message. A decoder failure becomes a `DeserializationError`: here,
 * or at the first read of `payload` with `lazyPayload`.
 */
export function buildKafkaMessage(source: MessageSource, fetched: DriverFetchedMessage): KafkaMessage {
  const headers = textHeaders(fetched.headers);
  const fields: Omit<KafkaMessage, 'payload'> & { payload?: unknown } = {
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
  if (source.lazyPayload) {
    return new LazyKafkaMessage(fields, fetched, (message) => decodePayload(source, message, headers));
  }
  // Every eager message gains `payload` the same way, so all share one shape.
  fields.payload = decodePayload(source, fetched, headers);
  return fields as KafkaMessage;
}

/**
 * The message as a reader (admin, tests) shows it: like `buildKafkaMessage`, but a value the deserializer cannot
 * decode keeps its bytes as payload instead of failing the read.
 */
export function buildReadMessage(source: MessageSource, fetched: DriverFetchedMessage): KafkaMessage {
  // A reader shows what it read at once: never lazily.
  const eager = { ...source, lazyPayload: false };
  try {
    return buildKafkaMessage(eager, fetched);
  } catch (error) {
    if (!(error instanceof DeserializationError)) throw error;
    return buildKafkaMessage({ ...eager, decode: (value) => value }, fetched);
  }
}
