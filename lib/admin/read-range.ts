import type { Offset, WatermarkOffsets } from './karafka-admin.interface';

/**
 * The offsets `readTopic` reads, `from` inclusive, `to` exclusive. Like Karafka's `read_topic`: without
 * a start offset it is the last `count` messages; with one, `count` messages from there, never past the
 * high watermark. A start below the low watermark (already deleted) begins at the low watermark.
 */
export function readRange(
  watermarks: Pick<WatermarkOffsets, 'low' | 'high'>,
  count: number,
  start?: Offset,
): { from: Offset; to: Offset } {
  const low = BigInt(watermarks.low);
  const high = BigInt(watermarks.high);
  const wanted = BigInt(count);
  const max = (a: bigint, b: bigint) => (a > b ? a : b);
  const min = (a: bigint, b: bigint) => (a < b ? a : b);
  const from = start === undefined ? max(low, high - wanted) : min(max(low, BigInt(start)), high);
  return { from: from.toString(), to: min(from + wanted, high).toString() };
}
