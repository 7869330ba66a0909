import { DEAD_LETTER_HEADERS } from '../consumer/dead-letter';
import type { KafkaMessage } from '../message/kafka-message.interface';
import type { DeadLetter } from './karafka-testing.interface';

const ADDED_HEADERS = new Set<string>(Object.values(DEAD_LETTER_HEADERS));

/** Whether a message of a dead-letter topic came from `topic` (and, when given, that consumer group). */
export function isDeadLetterOf(message: KafkaMessage, topic: string, consumerGroup?: string): boolean {
  const { headers } = message;
  return (
    headers[DEAD_LETTER_HEADERS.topic] === topic &&
    (consumerGroup === undefined || headers[DEAD_LETTER_HEADERS.consumerGroup] === consumerGroup)
  );
}

/** A dead-letter topic's message as a `DeadLetter`: the original message and its `source_*` headers read back. */
export function toDeadLetter<T>(message: KafkaMessage<T>): DeadLetter<T> {
  const header = (name: string): string => message.headers[name] ?? '';
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (!ADDED_HEADERS.has(name)) headers[name] = value;
  }
  return {
    payload: message.payload,
    key: message.key,
    headers,
    cluster: header(DEAD_LETTER_HEADERS.cluster),
    consumerGroup: header(DEAD_LETTER_HEADERS.consumerGroup),
    topic: header(DEAD_LETTER_HEADERS.topic),
    partition: Number(header(DEAD_LETTER_HEADERS.partition)),
    offset: header(DEAD_LETTER_HEADERS.offset),
    attempts: Number(header(DEAD_LETTER_HEADERS.attempts)),
    error: {
      name: header(DEAD_LETTER_HEADERS.errorClass),
      message: header(DEAD_LETTER_HEADERS.errorMessage),
    },
    deadLetter: { topic: message.topic, partition: message.partition, offset: message.offset },
  };
}
