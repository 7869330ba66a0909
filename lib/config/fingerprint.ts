import { isPlainObject } from '../common/is-plain-object';

// Functions have no content to compare: each gets an id, held weakly so settings can still be collected.
const functionIds = new WeakMap<object, number>();
let nextFunctionId = 0;

/**
 * A stable string for comparing settings (key order ignored, functions by reference, Buffers by content).
 * Two configs with equal fingerprints behave the same.
 */
export function fingerprint(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  if (typeof value === 'function') {
    if (!functionIds.has(value)) functionIds.set(value, nextFunctionId++);
    return `[function#${functionIds.get(value)}]`;
  }
  if (Buffer.isBuffer(value)) return `[buffer:${value.toString('base64')}]`;
  if (Array.isArray(value)) return value.map(canonical);
  if (isPlainObject(value)) {
    return Object.fromEntries(
      // Own names, not keys: hidden secrets (see hideSecrets) count too, or a changed password would go unseen.
      Object.getOwnPropertyNames(value)
        .filter((k) => value[k] !== undefined)
        .sort()
        .map((k) => [k, canonical(value[k])]),
    );
  }
  return value;
}
