export { KafkaJob } from './kafka-job.decorator';
export { KafkaJobs } from './kafka-jobs';
export { KafkaJobError, type KafkaJobErrorReason } from './kafka-job.error';
export { KAFKA_JOB_HEADERS, type JobEnvelope } from './job-envelope';
export type {
  EnqueuedJob,
  EnqueueOptions,
  JobArgs,
  JobExecution,
  KafkaJobHandler,
  KafkaJobOptions,
} from './kafka-job-options.interface';
export { KafkaJobRegistry } from './kafka-job-registry';
export { defaultJobDeadLetterTopic, type DiscoveredJob } from './plan-job-routes';
