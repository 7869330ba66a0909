import { didYouMean } from '../config/did-you-mean';
import type { DriverAdmin } from '../driver/kafka-driver.port';
import { ADMIN_MESSAGES as M } from './admin.messages';
import type { Offset, SeekResult, WatermarkOffsets } from './karafka-admin.interface';
import { DECIMAL, type SeekEntry } from './seek-spec';

// Offset look-ups over the driver's admin that several admin operations share.

export async function assertTopicExists(admin: DriverAdmin, topic: string): Promise<void> {
  const topics = await admin.listTopics();
  if (!topics.includes(topic)) throw new Error(M.topicMissing(topic, didYouMean(topic, topics)));
}

export async function partitionCount(admin: DriverAdmin, topic: string): Promise<number> {
  await assertTopicExists(admin, topic);
  const [metadata] = await admin.fetchTopicMetadata([topic]);
  return metadata.partitions.length;
}

export async function readWatermarks(admin: DriverAdmin, topic: string): Promise<WatermarkOffsets[]> {
  await assertTopicExists(admin, topic);
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets
    .map(({ partition, low, high }) => ({ partition, low, high }))
    .sort((a, b) => a.partition - b.partition);
}

export async function startOffsetAt(
  admin: DriverAdmin,
  topic: string,
  partition: number,
  offset: number | Offset | Date | undefined,
): Promise<Offset | undefined> {
  if (offset === undefined) return undefined;
  if (offset instanceof Date) {
    const byTime = await admin.fetchTopicOffsetsByTimestamp(topic, offset.getTime());
    return byTime.find((entry) => entry.partition === partition)?.offset;
  }
  if (!DECIMAL.test(String(offset))) throw new Error(M.nonNegativeInteger('offset', offset));
  return String(offset);
}

export async function resolveSeekTargets(
  admin: DriverAdmin,
  topic: string,
  entries: SeekEntry[],
): Promise<SeekResult[]> {
  const watermarks = await readWatermarks(admin, topic);
  const byPartition = new Map(watermarks.map((w) => [w.partition, w]));
  const byTime = new Map<number, Map<number, Offset>>();
  const offsetAt = async (partition: number, date: Date): Promise<Offset> => {
    let offsets = byTime.get(date.getTime());
    if (!offsets) {
      const found = await admin.fetchTopicOffsetsByTimestamp(topic, date.getTime());
      offsets = new Map(found.map((entry) => [entry.partition, entry.offset]));
      byTime.set(date.getTime(), offsets);
    }
    return offsets.get(partition) ?? byPartition.get(partition)!.high;
  };

  const targets = new Map<number, SeekEntry['target']>();
  for (const { partition, target } of entries) {
    if (partition === undefined) {
      for (const mark of watermarks) targets.set(mark.partition, target);
    } else if (!byPartition.has(partition)) {
      throw new Error(M.partitionMissing(topic, partition, watermarks.length));
    } else {
      targets.set(partition, target);
    }
  }

  const results: SeekResult[] = [];
  for (const [partition, target] of [...targets].sort(([a], [b]) => a - b)) {
    const mark = byPartition.get(partition)!;
    const offset =
      target === 'earliest'
        ? mark.low
        : target === 'latest'
          ? mark.high
          : target instanceof Date
            ? await offsetAt(partition, target)
            : target.toString();
    results.push({ topic, partition, offset });
  }
  return results;
}

export function groupByTopic(entries: SeekEntry[]): Map<string, SeekEntry[]> {
  const groups = new Map<string, SeekEntry[]>();
  for (const entry of entries) groups.set(entry.topic, [...(groups.get(entry.topic) ?? []), entry]);
  return groups;
}
