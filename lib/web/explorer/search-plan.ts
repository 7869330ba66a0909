import type { KafkaMessage } from '../../message/kafka-message.interface';

/** What a search looks for: a key equal to `key`, and/or a payload holding `contains` (UTF-8 text). */
export interface SearchQuery {
  key?: string;
  contains?: string;
}

/**
 * The chunks a search reads, newest first: from the high watermark down, `chunk` messages at a time, at most
 * `maxScan` messages in all and never below the low watermark.
 */
export function searchChunks(
  watermarks: { low: string; high: string },
  maxScan: number,
  chunk: number,
): Array<{ from: string; count: number }> {
  const low = BigInt(watermarks.low);
  const stop =
    BigInt(watermarks.high) - BigInt(maxScan) > low ? BigInt(watermarks.high) - BigInt(maxScan) : low;
  const chunks: Array<{ from: string; count: number }> = [];
  for (let to = BigInt(watermarks.high); to > stop;) {
    const from = to - BigInt(chunk) > stop ? to - BigInt(chunk) : stop;
    chunks.push({ from: from.toString(), count: Number(to - from) });
    to = from;
  }
  return chunks;
}

/** Whether a message matches every part of the query given. A masked topic's payload is not searched. */
export function matchesSearch(message: KafkaMessage, query: SearchQuery, payloadVisible: boolean): boolean {
  if (query.key !== undefined && message.key !== query.key) return false;
  if (query.contains !== undefined) {
    if (!payloadVisible || message.rawPayload === null) return false;
    if (!message.rawPayload.toString('utf8').includes(query.contains)) return false;
  }
  return true;
}
