import { errorMessage } from '../common/error-message';
import { Injectable, type Type } from '@nestjs/common';
import type { DeliveryReport, ProduceMessage } from '../producer/produce-message.interface';
import { createJobEnvelope, encodeJobEnvelope, jobHeaders, type JobEnvelope } from './job-envelope';
import type { EnqueuedJob, EnqueueOptions, JobArgs, KafkaJobHandler } from './kafka-job-options.interface';
import { KafkaJobRegistry, type RegisteredJob } from './kafka-job-registry';
import { KafkaJobError } from './kafka-job.error';
import { JOBS_MESSAGES as M } from './jobs.messages';
import { validateJobArgs } from './validate-job-args';

/**
 * Enqueues background jobs (Karafka's ActiveJob adapter). Each job is written by its own producer: the primary
 * producer, i.e. the **primary cluster**, unless its `@KafkaJob` names another. Every call resolves once the
 * broker has acknowledged the job, and rejects before producing anything when the class is not a registered job
 * or its args fail validation.
 */
@Injectable()
export class KafkaJobs {
  constructor(private readonly registry: KafkaJobRegistry) {}

  /** Enqueues one job, to be performed as soon as a consumer gets to it. Every failure is a rejection. */
  async enqueue<J extends KafkaJobHandler>(
    job: Type<J>,
    args: JobArgs<J>,
    options?: EnqueueOptions,
  ): Promise<EnqueuedJob> {
    return this.enqueueOne(this.registry.get(job), args, undefined, options);
  }

  /**
   * Enqueues one job that must not run before `performAt`. Its partition waits for it (jobs behind it in the
   * same partition wait too); a date in the past runs it at once.
   */
  async enqueueAt<J extends KafkaJobHandler>(
    job: Type<J>,
    args: JobArgs<J>,
    performAt: Date,
    options?: EnqueueOptions,
  ): Promise<EnqueuedJob> {
    const registered = this.registry.get(job);
    if (!(performAt instanceof Date) || !Number.isFinite(performAt.getTime())) {
      throw new KafkaJobError(
        M.invalidPerformAt(registered.name, performAt),
        'invalid-arguments',
        registered.name,
        ['performAt'],
      );
    }
    return this.enqueueOne(registered, args, performAt, options);
  }

  /** Enqueues one job per args, in one go: all are validated first, so one bad args enqueues none. */
  async enqueueMany<J extends KafkaJobHandler>(
    job: Type<J>,
    argsList: ReadonlyArray<JobArgs<J>>,
    options?: EnqueueOptions,
  ): Promise<EnqueuedJob[]> {
    const registered = this.registry.get(job);
    const now = new Date();
    const prepared = await Promise.all(
      argsList.map((args) => this.prepare(registered, args, now, undefined, options)),
    );
    const reports = await registered.producerInstance.produceManySync(prepared.map((p) => p.message));
    return prepared.map((p, index) => this.result(registered, p, reports[index]));
  }

  private async enqueueOne(
    job: RegisteredJob,
    args: unknown,
    performAt: Date | undefined,
    options: EnqueueOptions | undefined,
  ): Promise<EnqueuedJob> {
    const prepared = await this.prepare(job, args, new Date(), performAt, options);
    return this.result(job, prepared, await job.producerInstance.produceSync(prepared.message));
  }

  private async prepare(
    job: RegisteredJob,
    args: unknown,
    now: Date,
    performAt: Date | undefined,
    options: EnqueueOptions | undefined,
  ): Promise<{ envelope: JobEnvelope; message: ProduceMessage }> {
    await validateJobArgs(job.name, job.args, args);
    const envelope = createJobEnvelope(job.name, args, now, performAt);
    let payload: string;
    try {
      payload = encodeJobEnvelope(envelope);
    } catch (error) {
      throw new KafkaJobError(M.argsNotJson(job.name, errorMessage(error)), 'invalid-arguments', job.name);
    }
    return {
      envelope,
      message: {
        topic: job.topic,
        // A string goes out as it is, whatever serializer the job's producer has.
        payload,
        headers: jobHeaders(envelope),
        ...(options?.key !== undefined ? { key: options.key } : {}),
      },
    };
  }

  private result(
    job: RegisteredJob,
    prepared: { envelope: JobEnvelope },
    report: DeliveryReport,
  ): EnqueuedJob {
    const { envelope } = prepared;
    return {
      id: envelope.id,
      job: job.name,
      topic: report.topic,
      cluster: job.producerInstance.cluster,
      producer: job.producer,
      partition: report.partition,
      ...(report.offset !== undefined ? { offset: report.offset } : {}),
      ...(envelope.performAt !== undefined ? { performAt: new Date(envelope.performAt) } : {}),
    };
  }
}
