import type { Type } from '@nestjs/common';
import type {
  ConsumerRoutingDefaults,
  DeadLetterQueueOptions,
  KafkaTopicOptions,
} from '../routing/topic-options.interface';

/**
 * Options of `@KafkaJob(topic, options)`. There is no `cluster`: a job is consumed from the cluster its producer
 * writes to, so the two can never disagree. Jobs sharing a topic share one route: a routing option set on one of
 * them applies to all, and two of them setting it differently is a bootstrap error.
 */
export interface KafkaJobOptions
  extends
    Omit<ConsumerRoutingDefaults, 'deadLetterQueue'>,
    Pick<KafkaTopicOptions, 'consumerGroup' | 'subscriptionGroup' | 'config'> {
  /** The name written into each job message and used to find the job when consuming. Default: the class name. */
  name?: string;
  /**
   * The producer that enqueues the job (a key of `forRoot({ producers })`). Default: the primary producer,
   * which writes to the **primary cluster**. The job's topic is consumed from that producer's cluster.
   */
  producer?: string;
  /** A class-validator DTO: args are validated when enqueued (and again before `perform`, which gets an instance). */
  args?: Type<object>;
  /**
   * Where jobs that keep failing (or that this app does not know) go. Default: `<topic>.dlq` on the job's cluster,
   * unless `forRoot({ consumer: { deadLetterQueue } })` sets one for every topic. `false`: no job-specific
   * dead-letter topic (a failing job then pauses its partition and is retried until it succeeds).
   */
  deadLetterQueue?: DeadLetterQueueOptions | false;
}

/** What a job class provides: `perform` runs once per enqueued job. */
export interface KafkaJobHandler<A = any> {
  perform(args: A, execution: JobExecution): unknown;
}

/** The args type of a job class's `perform`. */
export type JobArgs<J> = J extends { perform(args: infer A, ...rest: any[]): unknown } ? A : never;

/** The second argument of `perform`: which job run this is and where its message came from. */
export interface JobExecution {
  /** Unique id given at enqueue time (use it to make `perform` idempotent: Kafka delivers at least once). */
  id: string;
  /** The job's name (as written in the message). */
  name: string;
  enqueuedAt: Date;
  performAt?: Date;
  /** 1 on the first run, +1 per retry. */
  attempt: number;
  cluster: string;
  topic: string;
  partition: number;
  offset: string;
}

/** Options of one `enqueue` call. */
export interface EnqueueOptions {
  /** Message key: jobs with the same key go to the same partition and run in order. Default: none (spread). */
  key?: string;
}

/** Where an enqueued job was written. */
export interface EnqueuedJob {
  id: string;
  /** The job's name. */
  job: string;
  topic: string;
  cluster: string;
  producer: string;
  partition: number;
  offset?: string;
  performAt?: Date;
}
