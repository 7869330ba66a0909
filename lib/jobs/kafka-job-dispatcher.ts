import { Logger, type Type } from '@nestjs/common';
import { asError } from '../common/error-message';
import type { KafkaContext } from '../consumer/kafka-context';
import type { KarafkaMonitor } from '../instrumentation/karafka-monitor';
import type { JobEventBase } from '../instrumentation/monitor-events.interface';
import type { KafkaMessage } from '../message/kafka-message.interface';
import { decodeJobEnvelope } from './job-envelope';
import type { JobExecution } from './kafka-job-options.interface';
import { KafkaJobError } from './kafka-job.error';
import { JOBS_MESSAGES as M } from './jobs.messages';
import { validateJobArgs } from './validate-job-args';

/** A job as the dispatcher runs it: bound to its provider's instance at bootstrap. */
export interface RunnableJob {
  name: string;
  args?: Type<object>;
  perform: (args: unknown, execution: JobExecution) => unknown;
}

/**
 * A partition waiting for a scheduled job is resumed at least this often to look at the clock again, so a long
 * wait survives wall-clock corrections and never overflows a timer.
 */
export const MAX_SCHEDULE_WAIT_MS = 60_000;

const routeKey = (cluster: string, topic: string): string => `${cluster}\u0000${topic}`;

/**
 * The consumer of every job topic (one instance, one route per topic and cluster): decodes each message, finds
 * its job by name and calls `perform`. Each performed job is marked as consumed at once, so a later failure in
 * the same batch never runs it again. A message this app cannot perform (not a job message, or a job it does not
 * register on this topic) throws a `KafkaJobError`, which is non-retriable: it goes to the dead-letter topic.
 *
 * A job enqueued with `enqueueAt` that is not due yet stops the batch: the partition is sought back to it and
 * paused until it is due (at most `MAX_SCHEDULE_WAIT_MS` at a time). Jobs behind it in the same partition wait
 * too: a partition is a FIFO queue.
 *
 * Each job is published on the monitor as `job.performing`, then `job.performed` or `job.failed`.
 */
export class KafkaJobDispatcher {
  private readonly logger = new Logger('KarafkaJobs');
  private readonly routes = new Map<string, { jobs: ReadonlyMap<string, RunnableJob>; names: string[] }>();

  constructor(private readonly monitor: KarafkaMonitor) {}

  /** Called once per job route at bootstrap. */
  register(cluster: string, topic: string, jobs: readonly RunnableJob[]): void {
    this.routes.set(routeKey(cluster, topic), {
      jobs: new Map(jobs.map((job) => [job.name, job])),
      names: jobs.map((job) => job.name),
    });
  }

  async consume(messages: KafkaMessage[], ctx: KafkaContext): Promise<void> {
    const route = this.routes.get(routeKey(ctx.cluster, ctx.topic));
    if (!route)
      throw new Error(`No jobs are registered for topic '${ctx.topic}' on cluster '${ctx.cluster}'`);
    for (let index = 0; index < messages.length; index++) {
      const message = messages[index];
      const decoded = decodeJobEnvelope(message.payload);
      if (typeof decoded === 'string') {
        throw new KafkaJobError(
          M.invalidEnvelope(message.topic, message.partition, message.offset, decoded),
          'invalid-envelope',
        );
      }
      const { envelope, performAt } = decoded;
      const job = route.jobs.get(envelope.job);
      if (!job) {
        throw new KafkaJobError(
          M.unknownJob(envelope.job, envelope.id, message.topic, message.cluster, route.names),
          'unknown-job',
          envelope.job,
        );
      }
      if (performAt !== undefined) {
        const wait = performAt - Date.now();
        if (wait > 0) {
          const ms = Math.min(wait, MAX_SCHEDULE_WAIT_MS);
          this.logger.debug(
            M.scheduled(message.topic, message.partition, job.name, envelope.id, envelope.performAt!, ms),
          );
          ctx.seek(message.offset);
          ctx.pause(ms);
          return;
        }
      }
      // The batch's attempt counts retries of its first message; later ones have not failed yet.
      const attempt = index === 0 ? ctx.attempt : 1;
      const event: JobEventBase = {
        id: envelope.id,
        job: job.name,
        cluster: message.cluster,
        topic: message.topic,
        partition: message.partition,
        offset: message.offset,
        attempt,
      };
      this.monitor.emit('job.performing', event);
      const started = performance.now();
      try {
        const args = await validateJobArgs(job.name, job.args, envelope.args);
        await job.perform(args, {
          id: envelope.id,
          name: job.name,
          enqueuedAt: decoded.enqueuedAt,
          ...(performAt !== undefined ? { performAt: new Date(performAt) } : {}),
          attempt,
          cluster: message.cluster,
          topic: message.topic,
          partition: message.partition,
          offset: message.offset,
        });
      } catch (error) {
        this.monitor.emit('job.failed', {
          ...event,
          durationMs: performance.now() - started,
          error: asError(error),
        });
        throw error;
      }
      this.monitor.emit('job.performed', { ...event, durationMs: performance.now() - started });
      ctx.markAsConsumed(message);
    }
  }
}
