export type {
  ConsumerRoutingDefaults,
  DeadLetterQueueOptions,
  InitialOffset,
  KafkaTopicOptions,
  RetryPolicyOptions,
} from './topic-options.interface';
export type {
  RoutingTable,
  SubscriptionGroupDefinition,
  TopicDeclaration,
  TopicRoute,
} from './routing-table.interface';
export type { ClusterDefinition } from '../cluster/cluster-definition.interface';
export { buildRoutingTable } from './build-routing-table';
export { formatRoutingTable, type ProducerRoutingLine } from './format-routing-table';
