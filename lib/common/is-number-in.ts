/** A finite number within `min..max` (inclusive), and an integer unless `integer` is false. */
export function isNumberIn(value: unknown, min: number, max: number, integer = true): value is number {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= min &&
    value <= max &&
    (!integer || Number.isInteger(value))
  );
}

/** A whole number >= 1 that a JS number holds exactly (counts: partitions, replicas, messages). */
export function isPositiveInteger(value: unknown): value is number {
  return isNumberIn(value, 1, Number.MAX_SAFE_INTEGER);
}
