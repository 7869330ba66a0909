/** Figures of one contender over the rounds of a case. */
export interface Summary {
  /** One value per round, in round order. */
  values: number[];
  median: number;
  min: number;
  max: number;
  /** (max - min) / median: how much the rounds disagree. */
  spread: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function summarize(values: readonly number[]): Summary {
  const med = median(values);
  const min = Math.min(...values);
  const max = Math.max(...values);
  return {
    values: [...values],
    median: med,
    min,
    max,
    spread: values.length > 0 ? (max - min) / med : Number.NaN,
  };
}

/** The contenders in the order of round `round`: rotated by one per round, so none is always first or last. */
export function rotation<T>(contenders: readonly T[], round: number): T[] {
  return contenders.map((_, i) => contenders[(i + round) % contenders.length]);
}

/** a / b rounded to 3 decimals; NaN when either side is missing. */
export function ratio(a: number | undefined, b: number | undefined): number {
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0)
    return Number.NaN;
  return Math.round((a / b) * 1000) / 1000;
}

/**
 * Median of the per-round ratios a[i] / b[i]. Contenders of one round ran minutes apart at most, so this
 * cancels slow drifts of the machine's load that the ratio of medians does not.
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  const ratios = a.map((value, i) => value / b[i]).filter((value) => Number.isFinite(value));
  return ratios.length === 0 ? Number.NaN : Math.round(median(ratios) * 1000) / 1000;
}
