import type { KafkaConfigInput } from '../config/kafka-config.types';
import type { PayloadDeserializer } from './payload-deserializer.interface';
import type { TopicConfigDeclaration } from './topic-config.interface';

export type InitialOffset = 'earliest' | 'latest';

export interface RetryPolicyOptions {
  /** Attempts after the first failure before the batch's failing message is dead-lettered (or the partition pauses). */
  maxRetries?: number;
  /** First backoff in ms; doubles (×`multiplier`) per attempt up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  multiplier?: number;
}

export interface DeadLetterQueueOptions {
  /** Topic on the *same cluster* as the failing topic. */
  topic: string;
  /** Retries before dead-lettering; overrides `retry.maxRetries`. */
  maxRetries?: number;
}

/** Settings that can be given per topic or as defaults for all topics (`forRoot({ consumer })`). */
export interface ConsumerRoutingDefaults {
  /** Max messages per batch handed to `consume`. Part of the subscription-group key. */
  maxMessages?: number;
  /** Max ms the broker waits to fill a fetch. Part of the subscription-group key. */
  maxWaitTime?: number;
  /** Where a new consumer group starts. Default `earliest` (Karafka's default). Part of the key. */
  initialOffset?: InitialOffset;
  /**
   * How many partitions of the subscription group are processed at once (each partition still in order, one
   * batch at a time). Default 1. Worth raising when `consume` waits on I/O. Part of the subscription-group key.
   */
  concurrency?: number;
  retry?: RetryPolicyOptions;
  deadLetterQueue?: DeadLetterQueueOptions;
}

export interface KafkaTopicOptions extends ConsumerRoutingDefaults {
  /** A cluster by name (`primary` or a key of `forRoot({ clusters })`). */
  cluster?: string;
  /** Inline cluster settings. Replaces the root/`cluster` settings unless `inherit: true`. */
  kafka?: KafkaConfigInput;
  /** Merge `kafka` into the root (or named cluster's) settings instead of replacing them. */
  inherit?: boolean;
  /** Consumer group id for this topic; defaults to `forRoot({ consumerGroup })`. */
  consumerGroup?: string;
  /** Forces a separate subscription group (separate kafkajs consumer) with this name. */
  subscriptionGroup?: string;
  /** How message values are decoded. Default `json` (a value that is not JSON is a `DeserializationError`). */
  deserializer?: PayloadDeserializer;
  /**
   * Decode each value when its `payload` is first read, as Karafka does, instead of before `consume` is called.
   * A handler that never reads a payload (it routes by key or headers, or forwards `rawPayload`) then pays no
   * decoding; an undecodable value fails the batch where it is read (a `DeserializationError`, dead-lettered
   * at its first attempt as usual) and is consumed as is when it is never read. `payload` is then a getter of
   * the message's class: `{ ...message }` and deep equality leave it out, `JSON.stringify` keeps it.
   * Default `false`.
   */
  lazyPayload?: boolean;
  /** Turn the topic off without removing the class. */
  active?: boolean;
  /** Declares the topic itself (partitions, replication, topic configs) on this route's cluster; see `topics migrate`. */
  config?: TopicConfigDeclaration;
}
