/**
 * Every default nestjs-karafka applies, in one place. Where Karafka has a default, it is Karafka's.
 */

/** `client.id` when none is given (Karafka's own default is `karafka`). */
export const DEFAULT_CLIENT_ID = 'nestjs-karafka';

/** Max messages per batch handed to `consume` (Karafka `max_messages`). */
export const DEFAULT_MAX_MESSAGES = 100;

/** Max ms a fetch waits for data before returning what it has (Karafka `max_wait_time`). */
export const DEFAULT_MAX_WAIT_TIME = 1000;

/**
 * Partitions of one subscription group processed at once. Karafka's `concurrency` defaults to 5 worker threads
 * shared by the whole process; one at a time per subscription group keeps the behaviour of a single kafkajs
 * consumer unless asked otherwise.
 */
export const DEFAULT_CONCURRENCY = 1;

/**
 * Kafka's `heartbeat.interval.ms` (kafkajs' and librdkafka's default too): how often the runner heartbeats while a
 * `consume` call runs, when the cluster does not set it.
 */
export const DEFAULT_HEARTBEAT_INTERVAL_MS = 3000;

/** Where a new consumer group starts (Karafka `initial_offset`). */
export const DEFAULT_INITIAL_OFFSET = 'earliest' as const;

/**
 * Retries of a failing batch: Karafka's DLQ `max_retries` (2) and its pause backoff
 * (`pause_timeout` 1 s, doubling up to `pause_max_timeout` 30 s).
 */
export const DEFAULT_RETRY = { maxRetries: 2, backoffMs: 1000, maxBackoffMs: 30000, multiplier: 2 } as const;

/**
 * Producer settings when neither the cluster nor the producer sets them. acks = all and the ack timeout
 * are librdkafka's defaults. `lingerMs` 0 still batches everything enqueued in the same event-loop tick;
 * `deliveryTimeoutMs` is shorter than librdkafka's 5 minutes so a `produceSync` against a dead cluster
 * fails while a request handler is still waiting; at most 5 requests in flight is Kafka's own default.
 */
export const DEFAULT_PRODUCER_SETTINGS = {
  acks: -1,
  lingerMs: 0,
  batchNumMessages: 1000,
  ackTimeoutMs: 30000,
  deliveryTimeoutMs: 30000,
  maxInFlightRequests: 5,
  // librdkafka's default, just under the broker's own (1 MiB + 12): an oversize message is refused at its
  // call instead of failing the request it would share with other messages.
  messageMaxBytes: 1000000,
} as const;

/** Interval (ms) of `statistics.emitted` for every producer; 0 turns it off. */
export const DEFAULT_STATISTICS_INTERVAL = 5000;

/**
 * Backoff of a subscription group's connect/join loop while its cluster is unreachable, like librdkafka's
 * `reconnect.backoff.ms` / `reconnect.backoff.max.ms`: a cluster that is back is rejoined within 10 s.
 */
export const DEFAULT_RECONNECT = { initialMs: 1000, maxMs: 10000 } as const;

/** Longest a runner's `start()` (so the app's bootstrap) waits for its group to join. */
export const DEFAULT_START_TIMEOUT_MS = 30000;

/** Longest a runner waits for its consumer to disconnect once drained. */
export const DISCONNECT_TIMEOUT_MS = 10000;

/** Longest `app.close()` waits for in-flight batches before disconnecting. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 30000;

/**
 * Health checks (`nestjs-karafka/health`). The polling and consuming TTLs are Karafka's liveness listener's
 * (`polling_ttl`, `consuming_ttl`: 5 min); a rebalance stuck as long is treated the same. The broker probe is
 * a metadata request bounded by `brokerTimeoutMs`. A producer is degraded from `producerFailureThreshold`
 * failed messages within the last `producerFailureWindowMs`.
 */
export const DEFAULT_HEALTH = {
  pollingTtlMs: 300000,
  consumingTtlMs: 300000,
  rebalancingTtlMs: 300000,
  brokerTimeoutMs: 3000,
  producerFailureThreshold: 5,
  producerFailureWindowMs: 60000,
} as const;

/**
 * The Web UI's reporting (`nestjs-karafka/web`), as Karafka Web: its topic names, the 5 s tracking interval,
 * the 30 s TTL after which a silent process is gone, the `karafka_web` consumer group, and the processing
 * side's flush of the state and series twice per tracking interval (`processing.interval` 2.5 s).
 */
export const DEFAULT_WEB_REPORTING = {
  processing: false,
  trackingInterval: 5000,
  processTtlMs: 30000,
  consumerGroup: 'karafka_web',
  autoMigrate: false,
  topics: {
    reports: 'karafka_consumers_reports',
    states: 'karafka_consumers_states',
    metrics: 'karafka_consumers_metrics',
    errors: 'karafka_errors',
  },
  flushInterval: 2500,
} as const;
