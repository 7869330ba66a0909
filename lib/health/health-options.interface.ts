/** `KarafkaHealthModule.forRoot(options)`: every field is optional (defaults in `DEFAULT_HEALTH`). */
export interface KarafkaHealthOptions {
  /** A running group that has not polled for longer is not alive (Karafka `polling_ttl`). Default 5 min. */
  pollingTtlMs?: number;
  /** A `consume` call running for longer makes its group not alive (Karafka `consuming_ttl`). Default 5 min. */
  consumingTtlMs?: number;
  /** A group rebalancing for longer is not alive. Default 5 min. */
  rebalancingTtlMs?: number;
  /** Longest wait for a cluster's answer to the readiness probe (a metadata request). Default 3 s. */
  brokerTimeoutMs?: number;
  /** Failed messages within `producerFailureWindowMs` from which a producer is degraded. Default 5. */
  producerFailureThreshold?: number;
  /** The sliding window of `producerFailureThreshold`. Default 1 min. */
  producerFailureWindowMs?: number;
}

export type ResolvedHealthOptions = Required<KarafkaHealthOptions>;

/** Options of one check (`isHealthy`, `isAlive`). */
export interface HealthCheckOptions {
  /** Only these clusters (and their groups and producers) are checked; default: every cluster of the app. */
  clusters?: string[];
}
