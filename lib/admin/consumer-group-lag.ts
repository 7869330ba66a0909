import type { Offset, TopicLag, WatermarkOffsets } from './karafka-admin.interface';

/** Kafka's "no committed offset" marker in OffsetFetch answers. */
const NO_OFFSET = -1n;

/**
 * Lag per partition = high watermark − committed offset. A partition the group never committed on has
 * no lag (`null`), as Kafka's own tools print `-`. Partitions are taken from the topic itself, so a
 * partition the group has not reached yet is listed too.
 */
export function computeTopicLag(
  topic: string,
  committed: Array<{ partition: number; offset: Offset }>,
  watermarks: WatermarkOffsets[],
): TopicLag {
  const committedByPartition = new Map(committed.map(({ partition, offset }) => [partition, BigInt(offset)]));
  let total = 0;
  const partitions = [...watermarks]
    .sort((a, b) => a.partition - b.partition)
    .map(({ partition, high }) => {
      const offset = committedByPartition.get(partition);
      if (offset === undefined || offset <= NO_OFFSET) {
        return { partition, committedOffset: null, highWatermark: high, lag: null };
      }
      // A committed offset past the high watermark (e.g. after the topic was truncated) is no lag.
      const lag = Number(BigInt(high) > offset ? BigInt(high) - offset : 0n);
      total += lag;
      return { partition, committedOffset: offset.toString(), highWatermark: high, lag };
    });
  return { topic, partitions, lag: total };
}
