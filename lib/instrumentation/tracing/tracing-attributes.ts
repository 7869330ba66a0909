/**
 * Span attribute names: OpenTelemetry's messaging conventions for Kafka, and the library's own (`karafka.*`),
 * which say which of the app's clusters, producers and subscription groups a span belongs to.
 */
export const TRACING_ATTRIBUTES = {
  system: 'messaging.system',
  operationName: 'messaging.operation.name',
  operationType: 'messaging.operation.type',
  destination: 'messaging.destination.name',
  partition: 'messaging.destination.partition.id',
  consumerGroup: 'messaging.consumer.group.name',
  offset: 'messaging.kafka.offset',
  batchCount: 'messaging.batch.message_count',
  serverAddress: 'server.address',
  serverPort: 'server.port',
  errorType: 'error.type',
  cluster: 'karafka.cluster.name',
  producer: 'karafka.producer.name',
  subscriptionGroup: 'karafka.subscription_group',
} as const;
