/** Every text the health checks say, in one place. */

const list = (names: string[]): string =>
  names.length > 0 ? names.map((n) => `'${n}'`).join(', ') : '(none)';

export const HEALTH_MESSAGES = {
  optionsNotObject: (value: unknown): string => `expected an options object, got ${describe(value)}`,
  unknownOption: (key: string, near: string | undefined): string =>
    `unknown option '${key}'${near ? ` (did you mean '${near}'?)` : ''}`,
  notPositiveInteger: (key: string, value: unknown): string =>
    `${key} must be an integer between 1 and ${MAX_MS}, got ${describe(value)}`,

  clustersNotList: (check: string, value: unknown): string =>
    `KarafkaHealthIndicator.${check}: 'clusters' must be an array of cluster names, got ${describe(value)}`,
  unknownCluster: (check: string, name: unknown, known: string[], near: string | undefined): string =>
    `KarafkaHealthIndicator.${check}: no cluster is named ${describe(name)}${near ? ` (did you mean '${near}'?)` : ''}; ` +
    `known clusters: ${list(known)}`,

  noAnswer: (timeoutMs: number): string => `no answer to a metadata request within ${timeoutMs} ms`,
  unreachable: (cluster: string): string => `cluster '${cluster}' is unreachable`,
  notRunning: (state: string): string => `the group is ${state}, not running`,
  pollingStalled: (sinceMs: number, ttlMs: number): string =>
    `no poll for ${sinceMs} ms while running (pollingTtlMs: ${ttlMs})`,
  consumingStuck: (forMs: number, ttlMs: number): string =>
    `a consume call has been running for ${forMs} ms (consumingTtlMs: ${ttlMs})`,
  rebalancingStuck: (forMs: number, ttlMs: number): string =>
    `rebalancing for ${forMs} ms (rebalancingTtlMs: ${ttlMs})`,
  degraded: (failed: number, windowMs: number, threshold: number, lastError: string | undefined): string =>
    `${failed} failed message(s) in the last ${windowMs} ms (threshold ${threshold})` +
    (lastError ? `; last: ${lastError}` : ''),
};

/** Largest timer delay Node accepts. */
export const MAX_MS = 2147483647;

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : typeof value === 'object' ? 'an object' : String(value);
}
