/**
 * Counting what a fault did to a stream of message ids, and the one-line figure each fault case prints
 * (`[fault] <case>: lost 0, ...`) so runs can be compared and quoted. Pure apart from `reportFault`.
 */

export interface IdTally {
  /** Expected ids never seen, ascending. */
  lost: number[];
  /** Sightings beyond the first, summed over all ids (an id seen 3 times counts 2). */
  duplicates: number;
  /** Ids seen that were not expected (a bug in the test or the library). */
  unexpected: number[];
}

/** Compares the ids seen (in any order, repeats allowed) with the ids expected. */
export function tallyIds(expected: Iterable<number>, seen: Iterable<number>): IdTally {
  const wanted = new Set(expected);
  const counts = new Map<number, number>();
  for (const id of seen) counts.set(id, (counts.get(id) ?? 0) + 1);
  let duplicates = 0;
  const unexpected: number[] = [];
  for (const [id, count] of counts) {
    duplicates += count - 1;
    if (!wanted.has(id)) unexpected.push(id);
  }
  const lost = [...wanted].filter((id) => !counts.has(id)).sort((a, b) => a - b);
  return { lost, duplicates, unexpected: unexpected.sort((a, b) => a - b) };
}

/** `0..count-1`. */
export function idRange(count: number, from = 0): number[] {
  return Array.from({ length: count }, (_, i) => from + i);
}

/** A short list for an assertion message: the first ids and how many there are in all. */
export function sampleIds(ids: number[], shown = 10): string {
  if (ids.length === 0) return 'none';
  const head = ids.slice(0, shown).join(', ');
  return ids.length > shown ? `${head}, … (${ids.length} in all)` : head;
}

/** Seconds with one decimal, for the report line. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Prints `[fault] <name>: <figures>` on stderr, outside jest's console buffering, so the figure shows in the
 * run's output exactly as written.
 */
export function reportFault(name: string, figures: string): void {
  process.stderr.write(`[fault] ${name}: ${figures}\n`);
}
