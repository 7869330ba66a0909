import type { Headers } from '../driver/kafka-driver.port';

/** One message to produce. */
export interface ProduceMessage<T = unknown> {
  topic: string;
  /** Objects (and numbers, booleans) go through the serializer (JSON by default); strings and Buffers are
   * sent as they are; `null` is a tombstone. */
  payload: T;
  key?: string | Buffer | null;
  headers?: Headers;
  /** Explicit partition; otherwise the key's hash (murmur2, as Kafka's Java client) or round-robin. */
  partition?: number;
  /** Message timestamp: a Date, ms since epoch, or ms as a string. Defaults to the time of sending. */
  timestamp?: Date | number | string;
}

/** Where an acknowledged message was written. */
export interface DeliveryReport {
  topic: string;
  partition: number;
  /** Absent with `acks: 0` (the broker does not answer). A string because Kafka offsets are 64-bit. */
  offset?: string;
}

/** What a transaction callback gets: sends that take part in the transaction. */
export interface KafkaTransaction {
  produceSync(message: ProduceMessage): Promise<DeliveryReport>;
  produceManySync(messages: ProduceMessage[]): Promise<DeliveryReport[]>;
}
