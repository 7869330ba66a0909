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

export interface ConsumerEventBase {
  cluster: string;
  groupId: string;
  subscriptionGroup: string;
  topic: string;
  partition: number;
}

export interface ConsumerConsumedEvent extends ConsumerEventBase {
  count: number;
  firstOffset: string;
  lastOffset: string;
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

export interface KarafkaEvents {
  'message.produced': MessageProducedEvent;
  'message.acknowledged': MessageAcknowledgedEvent;
  'statistics.emitted': StatisticsEmittedEvent;
  'error.occurred': ErrorOccurredEvent;
  'consumer.consumed': ConsumerConsumedEvent;
  'consumer.errored': ConsumerErroredEvent;
}

export type KarafkaEventName = keyof KarafkaEvents;
