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

/** Per-topic running state: next offset and message count, indexed by partition. */
interface TopicCursor {
  first: number[];
  next: number[];
  count: number[];
}

/**
 * Maps the records of one produce request to their delivery reports. The broker answers with the base
 * offset of each topic-partition; the driver has set each record's partition, and records keep their order
 * within a partition, so the n-th record of a partition got base + n.
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
    cursor.first[partition] = cursor.next[partition] = Number(baseOffset);
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
    if (next === undefined) {
      reports[i] = { topic, partition, offset: undefined };
    } else {
      reports[i] = { topic, partition, offset: String(next) };
      cursor.next[partition] = next + 1;
    }
    cursor.count[partition] = (cursor.count[partition] ?? 0) + 1;
  }

  const partitions: PartitionAcknowledgement[] = [];
  for (const [topic, { first, count }] of cursors) {
    count.forEach((n, partition) => {
      partitions.push({
        topic,
        partition,
        offset: first[partition] === undefined ? undefined : String(first[partition]),
        count: n,
      });
    });
  }
  return { reports, partitions };
}
