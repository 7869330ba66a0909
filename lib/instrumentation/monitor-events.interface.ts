/** Payloads of the events every producer and consumer publishes on the `KarafkaMonitor`. */

export interface ProducerEventBase {
  /** `default` for the primary producer, otherwise the name given in `forRoot({ producers })`. */
  producer: string;
  cluster: string;
}

export interface MessageProducedEvent extends ProducerEventBase {
  topic: string;
  /** Messages handed to the producer in this call. */
  count: number;
  mode: 'sync' | 'async' | 'transaction';
}

export interface MessageAcknowledgedEvent extends ProducerEventBase {
  topic: string;
  partition: number;
  /** Offset of the first acknowledged message of this topic-partition in the request. */
  offset?: string;
  count: number;
  latencyMs: number;
}

export interface MessageFailedEvent extends ProducerEventBase {
  topic: string;
  /** Messages of this topic in the failed request (or the refused call). */
  count: number;
  error: Error;
}

export interface ProducerStatistics {
  sent: number;
  acked: number;
  failed: number;
  bytes: number;
  inFlight: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
}

export interface StatisticsEmittedEvent extends ProducerEventBase {
  statistics: ProducerStatistics;
}

export interface SubscriptionGroupEventBase {
  cluster: string;
  groupId: string;
  subscriptionGroup: string;
}

export interface ConsumerEventBase extends SubscriptionGroupEventBase {
  topic: string;
  partition: number;
}

/** One fetch round of a subscription group's consumer ended, empty or not: the consumer is polling. */
export interface ConsumerPolledEvent extends SubscriptionGroupEventBase {
  /** Topic-partition batches the round returned. */
  batches: number;
  durationMs: number;
}

/** `consume` is about to be called with `count` messages. */
export interface ConsumerConsumingEvent extends ConsumerEventBase {
  count: number;
  firstOffset: string;
}

/** States as in `RunnerInfo.state`: idle, connecting, running, reconnecting, stopping, stopped. */
export interface ConsumerStateChangedEvent extends SubscriptionGroupEventBase {
  state: string;
  previous: string;
}

/** The group started rebalancing: the member's partitions are about to be revoked. */
export type ConsumerRebalancingEvent = SubscriptionGroupEventBase;

/** The member (re)joined its group with these partitions, by topic. */
export interface ConsumerRebalancedEvent extends SubscriptionGroupEventBase {
  assignment: Record<string, number[]>;
}

export interface ConsumerConsumedEvent extends ConsumerEventBase {
  count: number;
  firstOffset: string;
  lastOffset: string;
  /** The partition's high watermark when the batch was fetched: `highWatermark - lastOffset - 1` is the lag. */
  highWatermark: string;
  durationMs: number;
}

export interface ConsumerErroredEvent extends ConsumerEventBase {
  error: Error;
  attempt: number;
  /** What happens next: another attempt, the dead-letter topic, or a paused partition. */
  action: 'retry' | 'dead-letter' | 'pause';
  offset?: string;
}

export type ErrorSource = 'producer' | 'consumer' | 'admin' | 'jobs' | 'connection';

export interface ErrorOccurredEvent {
  type: ErrorSource;
  error: Error;
  cluster?: string;
  producer?: string;
  topic?: string;
  subscriptionGroup?: string;
  groupId?: string;
}

/** One job performed by the jobs' dispatcher (`@KafkaJob`), on the consuming side. */
export interface JobEventBase {
  /** The job's id, the same on every attempt (its envelope's). */
  id: string;
  /** The job's name (`@KafkaJob({ name })`, the class name by default). */
  job: string;
  cluster: string;
  topic: string;
  partition: number;
  offset: string;
  attempt: number;
}

/** `perform` is about to be called (its args not validated yet). */
export type JobPerformingEvent = JobEventBase;

export interface JobPerformedEvent extends JobEventBase {
  durationMs: number;
}

/** Its args were invalid or `perform` threw; the batch fails with `error` (retried or dead-lettered). */
export interface JobFailedEvent extends JobEventBase {
  durationMs: number;
  error: Error;
}

export interface KarafkaEvents {
  'message.produced': MessageProducedEvent;
  'message.acknowledged': MessageAcknowledgedEvent;
  'message.failed': MessageFailedEvent;
  'statistics.emitted': StatisticsEmittedEvent;
  'error.occurred': ErrorOccurredEvent;
  'consumer.polled': ConsumerPolledEvent;
  'consumer.consuming': ConsumerConsumingEvent;
  'consumer.consumed': ConsumerConsumedEvent;
  'consumer.errored': ConsumerErroredEvent;
  'consumer.state.changed': ConsumerStateChangedEvent;
  'consumer.rebalancing': ConsumerRebalancingEvent;
  'consumer.rebalanced': ConsumerRebalancedEvent;
  'job.performing': JobPerformingEvent;
  'job.performed': JobPerformedEvent;
  'job.failed': JobFailedEvent;
}

export type KarafkaEventName = keyof KarafkaEvents;
