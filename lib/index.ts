// The public face of nestjs-karafka. Everything else under lib/ is internal.
export { KarafkaModule } from './karafka.module';
export { PRIMARY_CLUSTER } from './cluster/cluster.constants';
export { DEFAULT_PRODUCER } from './producer/producer.constants';

export type { KarafkaModuleOptions } from './karafka-options.interface';
export type { ProducerDefinitionOptions } from './producer/producer-options.interface';
export type { KafkaConfigInput, ConfigProblem } from './config/kafka-config.types';
export { KarafkaConfigurationError } from './config/karafka-configuration.error';

export { KafkaTopic } from './routing/kafka-topic.decorator';
export type {
  ConsumerRoutingDefaults,
  DeadLetterQueueOptions,
  InitialOffset,
  KafkaTopicOptions,
  RetryPolicyOptions,
} from './routing/topic-options.interface';
export type {
  RoutingTable,
  SubscriptionGroupDefinition,
  TopicRoute,
} from './routing/routing-table.interface';
export type { ClusterView } from './cluster/cluster-definition.interface';
export { ClusterRegistry } from './routing/cluster-registry';
export type { DriverLog } from './cluster/cluster-options.interface';
export type { DriverLogEntry } from './driver/kafka-driver.port';

export type { KafkaMessage } from './message/kafka-message.interface';
export type { PayloadDeserializer } from './routing/payload-deserializer.interface';
export { KafkaContext } from './consumer/kafka-context';
export { Payload, Messages, Ctx } from './consumer/consume-params.decorators';
export { KARAFKA_CONTEXT_TYPE } from './consumer/consumer.constants';
export { isKarafkaContext, getKarafkaArgs } from './consumer/consumer-handler.factory';
export { isNonRetriable } from './consumer/failure-policy';
export { NonRetriableError, DeserializationError } from './message/non-retriable.error';
export { KarafkaValidationPipe, type KarafkaValidationPipeOptions } from './consumer/karafka-validation.pipe';
export { PayloadValidationError, type InvalidPayload } from './consumer/payload-validation.error';
export { DEAD_LETTER_HEADERS } from './consumer/dead-letter';
export { ConsumerManager } from './consumer/consumer-manager';
export type { RunnerInfo, RunnerState } from './consumer/subscription-group-runner';

export { KafkaProducer } from './producer/kafka-producer';
export { KafkaProduceError } from './producer/kafka-produce.error';
export { ProducerRegistry } from './producer/producer-registry';
export { InjectProducer } from './producer/inject-producer.decorator';
export { getProducerToken } from './producer/get-producer-token.util';
export type { DeliveryReport, KafkaTransaction, ProduceMessage } from './producer/produce-message.interface';
export type { PayloadSerializer } from './producer/serialization';

export { KafkaJob } from './jobs/kafka-job.decorator';
export { KafkaJobs } from './jobs/kafka-jobs';
export { KafkaJobError, type KafkaJobErrorReason } from './jobs/kafka-job.error';
export { KAFKA_JOB_HEADERS, type JobEnvelope } from './jobs/job-envelope';
export type {
  EnqueuedJob,
  EnqueueOptions,
  JobExecution,
  KafkaJobHandler,
  KafkaJobOptions,
} from './jobs/kafka-job-options.interface';

export { KarafkaMonitor } from './instrumentation/karafka-monitor';
export type * from './instrumentation/monitor-events.interface';
export type { TracingSettings } from './instrumentation/tracing/tracing-options.interface';
export { TRACING_ATTRIBUTES } from './instrumentation/tracing/tracing-attributes';

export { KarafkaAdmin } from './admin/karafka-admin';
export { KarafkaAdminError } from './admin/karafka-admin.error';
export type {
  ClusterInfo,
  ConsumerGroupDescription,
  ConsumerGroupListing,
  CreateTopicOptions,
  PartitionDescription,
  PartitionLag,
  ReadTopicOptions,
  SeekResult,
  SeekSpec,
  SeekTarget,
  TopicDescription,
  TopicOverview,
  WatermarkOffsets,
} from './admin/karafka-admin.interface';
export { DeclarativeTopics } from './topics/declarative-topics';
export type { TopicConfigDeclaration } from './routing/topic-config.interface';
export type { StandaloneTopicDeclaration, TopicsModuleOptions } from './topics/topics-options.interface';
export type { TopicsPlan } from './topics/topics-plan.interface';
