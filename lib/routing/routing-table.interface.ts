import type { Type } from '@nestjs/common';
import type { ClusterDefinition } from '../cluster/cluster-definition.interface';
import type { NormalizedKafkaConfig } from '../config/kafka-config.types';
import type {
  DeadLetterQueueOptions,
  InitialOffset,
  KafkaTopicOptions,
  RetryPolicyOptions,
} from './topic-options.interface';
import type { PayloadDeserializer } from './payload-deserializer.interface';
import type { TopicConfigDeclaration } from './topic-config.interface';

/** What the explorer found on one `@KafkaTopic` class (before validation and grouping). */
export interface TopicDeclaration {
  topic: string;
  options: KafkaTopicOptions;
  /** Class name, for error messages. */
  className: string;
  /** The class, for resolving the instance. */
  target: Type<unknown>;
  /** Whether the class has a `consume` method (validated by the routing builder). */
  hasConsumeMethod: boolean;
  /** True when the provider is request-scoped (or depends on one): a consumer needs one long-lived instance. */
  requestScoped?: boolean;
}

/** A discovered consumer: its declarations and the live instance that handles them. */
export interface DiscoveredConsumer {
  declarations: TopicDeclaration[];
  instance: object;
}

/** One topic after routing: where it is consumed, with every default applied. */
export interface TopicRoute {
  topic: string;
  className: string;
  target: Type<unknown>;
  cluster: ClusterDefinition;
  groupId: string;
  maxMessages: number;
  maxWaitTime: number;
  initialOffset: InitialOffset;
  /** Partitions processed at once. */
  concurrency: number;
  retry: Required<RetryPolicyOptions>;
  deadLetterQueue?: DeadLetterQueueOptions & { maxRetries: number };
  deserializer: PayloadDeserializer;
  /** Values are decoded when `payload` is first read (`@KafkaTopic({ lazyPayload })`). */
  lazyPayload: boolean;
  /** The effective kafka settings (root/cluster/inline after replace-or-inherit). */
  kafka: NormalizedKafkaConfig;
  /** The topic's declared shape (`@KafkaTopic(name, { config })`), managed by `topics migrate`/`align`. */
  config?: TopicConfigDeclaration;
}

/** One kafkajs consumer: topics of one group on one cluster with equal consumer settings. */
export interface SubscriptionGroupDefinition {
  /** Unique and stable within the app, e.g. `shop@primary#0` or the explicit subscriptionGroup name. */
  id: string;
  cluster: ClusterDefinition;
  groupId: string;
  kafka: NormalizedKafkaConfig;
  maxMessages: number;
  maxWaitTime: number;
  initialOffset: InitialOffset;
  /** Partitions processed at once (kafkajs `partitionsConsumedConcurrently`). */
  concurrency: number;
  topics: TopicRoute[];
}

/** cluster → consumer group → subscription group → topics. */
export interface RoutingTable {
  clusters: ClusterDefinition[];
  subscriptionGroups: SubscriptionGroupDefinition[];
}
