import { errorMessage } from '../common/error-message';
import { Logger } from '@nestjs/common';
import type { ConfigProblem } from '../config/kafka-config.types';
import type { RoutingOptions } from '../routing/routing-options.interface';
import type { KarafkaMonitor } from '../instrumentation/karafka-monitor';
import type { KafkaProducer } from '../producer/kafka-producer';
import type { ProducerRegistry } from '../producer/producer-registry';
import { isPlainObject } from '../common/is-plain-object';
import type { DiscoveredConsumer } from '../routing/routing-table.interface';
import { KafkaJobDispatcher } from './kafka-job-dispatcher';
import type { KafkaJobHandler } from './kafka-job-options.interface';
import { getKafkaJobMetadata } from './kafka-job.decorator';
import { KafkaJobError } from './kafka-job.error';
import { JOBS_MESSAGES as M } from './jobs.messages';
import { planJobRoutes, type DiscoveredJob, type PlannedJob } from './plan-job-routes';
import { loadValidationPackages } from '../validation/validation-packages';

/** A job ready to be enqueued: its plan plus the producer instance, resolved once at bootstrap. */
export interface RegisteredJob extends PlannedJob {
  producerInstance: KafkaProducer;
}

/**
 * The app's jobs, collected once when the module initialises: which class is which job, which producer enqueues
 * it, and the dispatcher that performs them. The orchestrator hands its routes to the routing builder like any
 * other consumer's, so job topics get the same subscription groups, retries, dead letters and bootstrap checks.
 */
export class KafkaJobRegistry {
  private readonly logger = new Logger('KarafkaJobs');
  private readonly jobs = new Map<unknown, RegisteredJob>();
  private readonly dispatcher: KafkaJobDispatcher;
  private prepared = false;

  constructor(
    private readonly producers: ProducerRegistry,
    private readonly options: RoutingOptions,
    monitor: KarafkaMonitor,
  ) {
    this.dispatcher = new KafkaJobDispatcher(monitor);
  }

  /**
   * Validates and binds every discovered job. Returns the job routes as one consumer (the dispatcher, with one
   * declaration per topic and cluster) and every problem found; the caller reports them with the others.
   */
  prepare(discovered: readonly DiscoveredJob[]): {
    consumers: DiscoveredConsumer[];
    problems: ConfigProblem[];
  } {
    const producerClusters = new Map(
      this.producers.names().map((name) => [name, this.producers.get(name).cluster]),
    );
    const consumer: unknown = this.options.consumer;
    const plan = planJobRoutes({
      jobs: discovered,
      producers: producerClusters,
      appDeadLetterQueue: isPlainObject(consumer) && consumer.deadLetterQueue !== undefined,
    });
    const problems = [...plan.problems];
    for (const job of plan.jobs) {
      if (!job.args) continue;
      try {
        loadValidationPackages();
      } catch (error) {
        problems.push({
          where: M.jobWhere(job.topic, job.className),
          message: M.validationNotInstalled(errorMessage(error)),
        });
      }
    }
    for (const route of plan.routes) {
      this.dispatcher.register(
        route.cluster,
        route.topic,
        route.jobs.map((job) => {
          const instance = job.instance as KafkaJobHandler;
          return { name: job.name, args: job.args, perform: instance.perform.bind(instance) };
        }),
      );
    }
    for (const job of plan.jobs)
      this.jobs.set(job.target, { ...job, producerInstance: this.producers.get(job.producer) });
    this.prepared = true;
    if (this.options.logRoutingTable !== false && plan.jobs.length > 0) {
      const lines = plan.jobs.map(
        (job) => `  ${job.name} → topic ${job.topic} via producer '${job.producer}' (cluster ${job.cluster})`,
      );
      this.logger.log(['Jobs (enqueued by their producer, consumed from its cluster):', ...lines].join('\n'));
    }
    const declarations = plan.routes.map((route) => ({
      topic: route.topic,
      options: route.options,
      className: route.className,
      target: KafkaJobDispatcher,
      hasConsumeMethod: true,
    }));
    return {
      consumers: declarations.length > 0 ? [{ instance: this.dispatcher, declarations }] : [],
      problems,
    };
  }

  /** Names of the producers that enqueue the app's jobs (the Web UI shows them as job producers). */
  jobProducers(): string[] {
    return [...new Set([...this.jobs.values()].map((job) => job.producer))];
  }

  /** The registered job of `jobClass`; a clear `KafkaJobError` for anything else. */
  get(jobClass: unknown): RegisteredJob {
    if (!this.prepared) throw new KafkaJobError(M.notReady(), 'not-a-job');
    const job = typeof jobClass === 'function' ? this.jobs.get(jobClass) : undefined;
    if (job) return job;
    if (typeof jobClass !== 'function') throw new KafkaJobError(M.notAClass(jobClass), 'not-a-job');
    const className = jobClass.name || '(anonymous class)';
    const decorated = getKafkaJobMetadata(jobClass).length > 0;
    throw new KafkaJobError(
      decorated ? M.notRegistered(className) : M.notDecorated(className),
      'not-a-job',
      className,
    );
  }
}
