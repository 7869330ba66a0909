import { WebHttpError } from '../http/web-exchange.interface';

/** One dead letter picked for replay: its partition and offset in the dead-letter topic. */
export interface ReplayPick {
  partition: number;
  offset: string;
}

/** At most this many dead letters per replay: one click stays one bounded batch. */
export const MAX_REPLAY = 500;

/**
 * The picks of a form, `partition:offset` each (the checkboxes' values, or one comma-separated field):
 * unique, sorted by partition then offset. A malformed one, none, or more than `MAX_REPLAY` is a 400 naming it.
 */
export function parseReplaySelection(values: readonly string[]): ReplayPick[] {
  const picks = new Map<string, ReplayPick>();
  for (const value of values.flatMap((entry) => entry.split(',')).map((entry) => entry.trim())) {
    if (value === '') continue;
    const match = /^(\d{1,9}):(\d{1,19})$/.exec(value);
    if (!match)
      throw new WebHttpError(400, `'${value}' is no dead letter: expected partition:offset, e.g. 0:42.`);
    const pick = { partition: Number(match[1]), offset: BigInt(match[2]).toString() };
    picks.set(`${pick.partition}:${pick.offset}`, pick);
  }
  if (picks.size === 0) throw new WebHttpError(400, 'Select at least one dead letter to replay.');
  if (picks.size > MAX_REPLAY)
    throw new WebHttpError(
      400,
      `${picks.size} dead letters selected; replay at most ${MAX_REPLAY} at a time.`,
    );
  return [...picks.values()].sort((a, b) =>
    a.partition !== b.partition ? a.partition - b.partition : compareOffsets(a.offset, b.offset),
  );
}

export function formatReplaySelection(picks: readonly ReplayPick[]): string {
  return picks.map((pick) => `${pick.partition}:${pick.offset}`).join(',');
}

/** Every offset of each partition's range, for "replay all"; more than `MAX_REPLAY` is a 400. */
export function selectAll(
  ranges: ReadonlyArray<{ partition: number; low: string; high: string }>,
): ReplayPick[] {
  const total = ranges.reduce((sum, range) => sum + (BigInt(range.high) - BigInt(range.low)), 0n);
  if (total === 0n) throw new WebHttpError(400, 'This dead-letter topic holds no messages.');
  if (total > BigInt(MAX_REPLAY))
    throw new WebHttpError(
      400,
      `The topic holds ${total} dead letters; replay at most ${MAX_REPLAY} at a time (select them).`,
    );
  const picks: ReplayPick[] = [];
  for (const range of ranges)
    for (let offset = BigInt(range.low); offset < BigInt(range.high); offset++)
      picks.push({ partition: range.partition, offset: offset.toString() });
  return picks;
}

/** Per partition, the smallest range `[from, to)` that holds its picks: one read instead of one per message. */
export function readSpans(
  picks: readonly ReplayPick[],
): Array<{ partition: number; from: string; count: number }> {
  const byPartition = new Map<number, bigint[]>();
  for (const pick of picks)
    byPartition.set(pick.partition, [...(byPartition.get(pick.partition) ?? []), BigInt(pick.offset)]);
  return [...byPartition].map(([partition, offsets]) => {
    const from = offsets.reduce((a, b) => (b < a ? b : a));
    const to = offsets.reduce((a, b) => (b > a ? b : a)) + 1n;
    return { partition, from: from.toString(), count: Number(to - from) };
  });
}

function compareOffsets(a: string, b: string): number {
  const diff = BigInt(a) - BigInt(b);
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
}
