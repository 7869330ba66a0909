import { isNumberIn } from '../common/is-number-in';
import { ADMIN_MESSAGES as M } from './admin.messages';
import type { SeekSpec, SeekTarget } from './karafka-admin.interface';

/** One line of a seek: a partition (or every partition of the topic when undefined) and where it goes. */
export interface SeekEntry {
  topic: string;
  partition?: number;
  target: Date | 'earliest' | 'latest' | bigint;
}

/** A non-negative integer written in decimal (partition numbers, offsets), without sign or leading zeros. */
export const DECIMAL = /^(0|[1-9][0-9]*)$/;

function parseTarget(topic: string, partition: string, value: SeekTarget | undefined): SeekEntry['target'] {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
  if (value === 'earliest' || value === 'latest') return value;
  if (typeof value === 'bigint' && value >= 0n) return value;
  if (isNumberIn(value, 0, Number.MAX_SAFE_INTEGER)) return BigInt(value);
  if (typeof value === 'string' && DECIMAL.test(value)) return BigInt(value);
  throw new Error(M.badSeekTarget(topic, partition, value));
}

function isTarget(value: unknown): value is SeekTarget {
  return typeof value !== 'object' || value === null || value instanceof Date;
}

/**
 * Validates and flattens `seekConsumerGroup`'s spec before anything is sent, so a typo in one entry
 * moves no partition at all. Throws an Error naming the bad entry.
 */
export function flattenSeekSpec(spec: SeekSpec): SeekEntry[] {
  const entries: SeekEntry[] = [];
  for (const [topic, value] of Object.entries(spec ?? {})) {
    if (isTarget(value)) {
      entries.push({ topic, target: parseTarget(topic, '*', value) });
      continue;
    }
    for (const [partition, target] of Object.entries(value)) {
      if (!DECIMAL.test(partition)) throw new Error(M.badSeekPartition(topic, partition));
      entries.push({ topic, partition: Number(partition), target: parseTarget(topic, partition, target) });
    }
  }
  if (entries.length === 0) throw new Error(M.emptySeek());
  return entries;
}
