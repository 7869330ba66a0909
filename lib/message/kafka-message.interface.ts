/** One consumed message, as handed to `consume(messages, ctx)`. */
export interface KafkaMessage<T = unknown> {
  /** The value decoded by the topic's deserializer (JSON by default). */
  payload: T;
  /** The value's bytes as fetched (`null` for a tombstone). */
  rawPayload: Buffer | null;
  /** The key as UTF-8 text (see `rawKey` for a binary key). */
  key: string | null;
  /** The key's bytes as fetched. */
  rawKey: Buffer | null;
  /** Headers as UTF-8 text; a header sent several times keeps its last value. */
  headers: Record<string, string | undefined>;
  /** Header values as fetched (bytes), for binary values; same keys as `headers`. */
  rawHeaders: Record<string, Buffer | string | undefined>;
  topic: string;
  partition: number;
  /** Kafka offsets are 64-bit: kept as a decimal string. */
  offset: string;
  timestamp: Date;
  /** The cluster's name: `primary`, a key of `forRoot({ clusters })`, or the derived name of an inline cluster. */
  cluster: string;
}
