import type { DriverRecord, DriverRecordMetadata } from '../driver/kafka-driver.port';
import type { DeliveryReport } from './produce-message.interface';

/** What one topic-partition of one request acknowledged (the `message.acknowledged` event's data). */
export interface PartitionAcknowledgement {
  topic: string;
  partition: number;
  /** Offset of the first message; absent with acks = 0. */
  offset?: string;
  count: number;
}

/**
 * An offset being counted up: a number while every offset of the request stays exact as a double (below
 * 2^53, so the common case costs no bigint arithmetic per message), a bigint beyond.
 */
type Offset = number | bigint;

/** Per-topic running state: first offset (as the broker sent it), next offset and count, by partition. */
interface TopicCursor {
  first: string[];
  next: Offset[];
  count: number[];
}

/**
 * Maps the records of one produce request to their delivery reports. The broker answers with the base
 * offset of each topic-partition; the driver has set each record's partition, and records keep their order
 * within a partition, so the n-th record of a partition got base + n, unless the driver set the record's own offset.
 */
export function toDeliveryReports(
  items: ReadonlyArray<{ topic: string; record: DriverRecord }>,
  metadata: readonly DriverRecordMetadata[],
): { reports: DeliveryReport[]; partitions: PartitionAcknowledgement[] } {
  const cursors = new Map<string, TopicCursor>();
  const cursorOf = (topic: string): TopicCursor => {
    let cursor = cursors.get(topic);
    if (!cursor) cursors.set(topic, (cursor = { first: [], next: [], count: [] }));
    return cursor;
  };
  for (const { topic, partition, baseOffset } of metadata) {
    if (baseOffset === undefined) continue;
    const cursor = cursorOf(topic);
    cursor.first[partition] = baseOffset;
    cursor.next[partition] = parseOffset(baseOffset, items.length);
  }

  const reports = new Array<DeliveryReport>(items.length);
  let lastTopic: string | undefined;
  let cursor!: TopicCursor;
  for (let i = 0; i < items.length; i++) {
    const { topic, record } = items[i];
    if (topic !== lastTopic) {
      cursor = cursorOf(topic);
      lastTopic = topic;
    }
    const partition = record.partition ?? -1;
    const next = cursor.next[partition];
    if (record.offset !== undefined) {
      reports[i] = { topic, partition, offset: record.offset };
    } else if (next === undefined) {
      reports[i] = { topic, partition, offset: undefined };
    } else {
      reports[i] = { topic, partition, offset: String(next) };
      cursor.next[partition] = typeof next === 'number' ? next + 1 : next + 1n;
    }
    cursor.count[partition] = (cursor.count[partition] ?? 0) + 1;
  }

  const partitions: PartitionAcknowledgement[] = [];
  for (const [topic, { first, count }] of cursors) {
    count.forEach((n, partition) => {
      partitions.push({
        topic,
        partition,
        offset: first[partition],
        count: n,
      });
    });
  }
  return { reports, partitions };
}

/** `base` as a number if `base + span` is still exact as one, else as a bigint. */
function parseOffset(base: string, span: number): Offset {
  const value = Number(base);
  return Number.isSafeInteger(value + span) ? value : BigInt(base);
}
