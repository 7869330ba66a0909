export type {
  ConsumerRoutingDefaults,
  DeadLetterQueueOptions,
  InitialOffset,
  KafkaTopicOptions,
  RetryPolicyOptions,
} from './topic-options.interface';
export type {
  ClusterDefinition,
  RoutingTable,
  SubscriptionGroupDefinition,
  TopicDeclaration,
  TopicRoute,
} from './routing-table.interface';
export { buildRoutingTable } from './build-routing-table';
export { formatRoutingTable, type ProducerRoutingLine } from './format-routing-table';
