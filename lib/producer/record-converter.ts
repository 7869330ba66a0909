import type { DriverRecord } from '../driver/kafka-driver.port';
import { isValidTopicName } from '../routing/read-routing-options';
import type { Pending } from './pending-batch';
import type { ProduceMessage } from './produce-message.interface';
import { PRODUCER_MESSAGES as M } from './producer.messages';
import { createPayloadEncoder, type PayloadEncoder, type PayloadSerializer } from './serialization';

/** Turns a user's message into the driver's record, with the encoder of its topic (built once, here). */
export class RecordConverter {
  private readonly encoderFor: (topic: string) => PayloadEncoder;
  /** Topic names already checked against Kafka's naming rule: one Set lookup per message after the first. */
  private readonly validTopics = new Set<string>();

  constructor(
    serializer: PayloadSerializer,
    topicSerializers: Record<string, PayloadSerializer>,
    private readonly maxBytes = Infinity,
  ) {
    const encoder = createPayloadEncoder(serializer);
    const topicEncoders = new Map(
      Object.entries(topicSerializers).map(([topic, topicSerializer]) => [
        topic,
        createPayloadEncoder(topicSerializer),
      ]),
    );
    this.encoderFor =
      topicEncoders.size === 0 ? () => encoder : (topic) => topicEncoders.get(topic) ?? encoder;
  }

  /** Throws a plain Error saying what is wrong with the message. */
  toRecord(message: ProduceMessage): DriverRecord {
    if (typeof message !== 'object' || message === null) throw new Error('a message must be an object');
    const { topic, key } = message;
    if (typeof topic !== 'string' || topic === '') throw new Error(M.noTopic(topic));
    if (!this.validTopics.has(topic)) {
      // The broker would refuse it, or kafkajs retry its metadata request until the delivery timeout.
      if (!isValidTopicName(topic)) throw new Error(M.invalidTopicName(topic));
      this.validTopics.add(topic);
    }
    if (key !== undefined && key !== null && typeof key !== 'string' && !Buffer.isBuffer(key)) {
      throw new Error(`key must be a string, a Buffer or null, got ${typeof key}`);
    }
    const record: DriverRecord = {
      key: key ?? null,
      value: this.encoderFor(topic)(message.payload, topic),
      partition: message.partition,
      headers: message.headers,
      timestamp: message.timestamp === undefined ? undefined : toTimestamp(message.timestamp),
    };
    const bytes = recordBytes(record) + headerBytes(record.headers);
    if (bytes > this.maxBytes) throw new Error(M.messageTooLarge(bytes, this.maxBytes));
    return record;
  }
}

/** Records per topic, in order: the driver sends all topics of a batch in one request per broker. */
export function groupByTopic(
  entries: ReadonlyArray<Pending>,
): Array<{ topic: string; messages: DriverRecord[] }> {
  const groups: Array<{ topic: string; messages: DriverRecord[] }> = [];
  let current: DriverRecord[] = [];
  let currentTopic: string | undefined;
  for (const { topic, record } of entries) {
    if (topic !== currentTopic) {
      currentTopic = topic;
      const known = groups.find((group) => group.topic === topic);
      if (known) current = known.messages;
      else groups.push({ topic, messages: (current = []) });
    }
    current.push(record);
  }
  return groups;
}

/** Bytes of a record's key and value, as the statistics count them. */
export function recordBytes(record: DriverRecord): number {
  return byteLength(record.value) + byteLength(record.key);
}

/** Header names and values, as the broker counts them against its limit. */
function headerBytes(headers: DriverRecord['headers']): number {
  if (!headers) return 0;
  let bytes = 0;
  for (const name in headers) bytes += Buffer.byteLength(name) + byteLength(headers[name]);
  return bytes;
}

function byteLength(value: Buffer | string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}

function toTimestamp(timestamp: Date | number | string): string {
  const ms = timestamp instanceof Date ? timestamp.getTime() : Number(timestamp);
  if (!Number.isFinite(ms)) throw new Error(`timestamp ${String(timestamp)} is not a date or a number of ms`);
  return String(Math.trunc(ms));
}
