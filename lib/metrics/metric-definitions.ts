/** The library's Prometheus metrics as data: name, help, label names and, for histograms, buckets (seconds). */

const GROUP = ['cluster', 'consumer_group', 'subscription_group'] as const;
const TOPIC = [...GROUP, 'topic'] as const;
const PARTITION = [...TOPIC, 'partition'] as const;
const PRODUCER = ['cluster', 'producer'] as const;
const PRODUCER_TOPIC = [...PRODUCER, 'topic'] as const;

export const COUNTERS = {
  consumed: {
    name: 'karafka_messages_consumed_total',
    help: 'Messages handed to consume() that it returned from, per partition.',
    labelNames: PARTITION,
  },
  retries: {
    name: 'karafka_consumer_retries_total',
    help: 'Failed consume() calls whose message is tried again (retry with backoff, or a paused partition without a dead-letter topic).',
    labelNames: PARTITION,
  },
  deadLettered: {
    name: 'karafka_messages_dead_lettered_total',
    help: 'Messages the failure policy sent to their dead-letter topic.',
    labelNames: PARTITION,
  },
  rebalances: {
    name: 'karafka_consumer_rebalances_total',
    help: 'Times the subscription group (re)joined its consumer group with a new assignment.',
    labelNames: GROUP,
  },
  produced: {
    name: 'karafka_messages_produced_total',
    help: 'Messages handed to a producer (every producer: default, named, dead-letter, jobs).',
    labelNames: PRODUCER_TOPIC,
  },
  acknowledged: {
    name: 'karafka_messages_acknowledged_total',
    help: 'Messages the brokers acknowledged.',
    labelNames: PRODUCER_TOPIC,
  },
  failed: {
    name: 'karafka_messages_failed_total',
    help: 'Messages a producer could not deliver.',
    labelNames: PRODUCER_TOPIC,
  },
  errors: {
    name: 'karafka_errors_total',
    help: 'Errors published on the KarafkaMonitor, by source (producer, consumer, connection, admin, jobs).',
    labelNames: ['type', 'cluster'],
  },
} as const;

export const GAUGES = {
  lag: {
    name: 'karafka_consumer_lag',
    help: 'Messages behind the high watermark of the last fetch, per assigned partition (no broker round trip).',
    labelNames: PARTITION,
  },
  up: {
    name: 'karafka_subscription_group_up',
    help: '1 while the subscription group has joined its consumer group and is fetching, else 0.',
    labelNames: GROUP,
  },
} as const;

export const HISTOGRAMS = {
  batchDuration: {
    name: 'karafka_consumer_batch_duration_seconds',
    help: 'Time consume() took per batch, in seconds.',
    labelNames: TOPIC,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  },
  produceLatency: {
    name: 'karafka_produce_latency_seconds',
    help: 'Time from sending a request to its acknowledgement, in seconds (one observation per request and partition).',
    labelNames: PRODUCER,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  },
} as const;
