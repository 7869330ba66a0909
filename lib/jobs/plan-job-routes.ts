import type { Type } from '@nestjs/common';
import { didYouMean } from '../config/did-you-mean';
import type { ConfigProblem } from '../config/kafka-config.types';
import { fingerprint } from '../config/fingerprint';
import { DEFAULT_PRODUCER } from '../producer/producer.constants';
import { CONSUMER_DEFAULT_KEYS, isValidTopicName, readRoutingOptions } from '../routing/read-routing-options';
import { isPlainObject } from '../common/is-plain-object';
import { ROUTING_MESSAGES } from '../routing/routing.messages';
import type { KafkaTopicOptions } from '../routing/topic-options.interface';
import type { KafkaJobMetadata } from './kafka-job.decorator';
import { JOBS_MESSAGES as M } from './jobs.messages';

/** A `@KafkaJob` provider as the explorer found it. */
export interface DiscoveredJob {
  target: Type<unknown>;
  metadata: KafkaJobMetadata[];
  instance: unknown;
  /** False for request-scoped providers (and those depending on one): they cannot perform jobs. */
  isStatic: boolean;
}

/** A job that passed validation, bound to its producer and (through it) to its cluster. */
export interface PlannedJob {
  name: string;
  className: string;
  target: Type<unknown>;
  instance: object;
  topic: string;
  producer: string;
  cluster: string;
  args?: Type<object>;
}

/** One topic on one cluster and the jobs it carries: one route of the routing table. */
export interface JobRoutePlan {
  topic: string;
  cluster: string;
  /** Shown in the routing table and in routing problems, e.g. `jobs[SendWelcomeMail, ResetPassword]`. */
  className: string;
  /** The route's options for the routing builder: `cluster` is the producer's. */
  options: KafkaTopicOptions;
  jobs: PlannedJob[];
}

/** Options that shape the route: every job of a topic must agree on them. */
const ROUTE_KEYS = [...CONSUMER_DEFAULT_KEYS, 'consumerGroup', 'subscriptionGroup', 'config'] as const;
type RouteKey = (typeof ROUTE_KEYS)[number];
const JOB_OPTION_KEYS = [...ROUTE_KEYS, 'name', 'producer', 'args'];

/** Where a job topic's failures go unless told otherwise (on the job's own cluster, like every dead letter). */
export function defaultJobDeadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

interface RouteDraft {
  topic: string;
  cluster: string;
  jobs: PlannedJob[];
  /** Per route option: the value set and the job that set it. */
  set: Map<RouteKey, { value: unknown; by: string }>;
}

/**
 * Turns the discovered `@KafkaJob` classes into routes, purely: validates each job (options, name, producer,
 * `perform`, scope), binds it to its producer's cluster, and groups jobs by topic and cluster. A job with a
 * problem is left out (so the routing builder does not report it twice); every problem is returned, none thrown.
 */
export function planJobRoutes(input: {
  jobs: readonly DiscoveredJob[];
  /** Producer name → name of the cluster it writes to. */
  producers: ReadonlyMap<string, string>;
  /** Whether `forRoot({ consumer: { deadLetterQueue } })` gives every topic a dead-letter topic already. */
  appDeadLetterQueue: boolean;
}): { routes: JobRoutePlan[]; jobs: PlannedJob[]; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const drafts = new Map<string, RouteDraft>();

  for (const discovered of input.jobs) {
    // The explorer only hands over decorated classes; twice decorated is a problem, never a silent pick.
    if (discovered.metadata.length !== 1) {
      if (discovered.metadata.length > 1) {
        problems.push({
          where: discovered.target.name || ANONYMOUS,
          message: M.decoratedTwice(discovered.metadata.map((m) => m.topic)),
        });
      }
      continue;
    }
    const where = M.jobWhere(discovered.metadata[0].topic, discovered.target.name || ANONYMOUS);
    const report = (message: string) => problems.push({ where, message });
    const candidate = readJob(discovered, input.producers, report);
    if (!candidate) continue;

    const { job, routeOptions } = candidate;
    const key = `${job.cluster}\u0000${job.topic}`;
    let draft = drafts.get(key);
    if (!draft) {
      draft = { topic: job.topic, cluster: job.cluster, jobs: [], set: new Map() };
      drafts.set(key, draft);
    }
    const clash = draft.jobs.find((other) => other.name === job.name);
    if (clash) {
      report(M.duplicateJobName(job.name, job.topic, job.cluster, clash.className));
      continue;
    }
    const conflicts = ROUTE_KEYS.filter((option) => {
      const earlier = draft.set.get(option);
      const value = routeOptions[option];
      return earlier && value !== undefined && fingerprint(earlier.value) !== fingerprint(value);
    });
    for (const option of conflicts) {
      report(M.conflictingOption(option, job.topic, job.cluster, draft.set.get(option)!.by));
    }
    if (conflicts.length > 0) continue;
    for (const option of ROUTE_KEYS) {
      const value = routeOptions[option];
      if (value !== undefined && !draft.set.has(option)) draft.set.set(option, { value, by: job.className });
    }
    draft.jobs.push(job);
  }

  const routes = [...drafts.values()]
    .filter((draft) => draft.jobs.length > 0)
    .map(({ set, ...route }): JobRoutePlan => {
      const options: Record<string, unknown> = { cluster: route.cluster };
      for (const [option, { value }] of set) if (value !== false) options[option] = value;
      const dlqOff = set.get('deadLetterQueue')?.value === false;
      if (!dlqOff && options.deadLetterQueue === undefined && !input.appDeadLetterQueue) {
        options.deadLetterQueue = { topic: defaultJobDeadLetterTopic(route.topic) };
      }
      return {
        ...route,
        className: M.routeClassName(route.jobs.map((job) => job.className)),
        options: options as KafkaTopicOptions,
      };
    });
  return { routes, jobs: routes.flatMap((route) => route.jobs), problems };
}

const ANONYMOUS = '(anonymous class)';

/** One job's own checks; undefined when it has a problem (each one reported). */
function readJob(
  discovered: DiscoveredJob,
  producers: ReadonlyMap<string, string>,
  report: (message: string) => void,
): { job: PlannedJob; routeOptions: Partial<Record<RouteKey, unknown>> } | undefined {
  const { topic, options: rawOptions } = discovered.metadata[0];
  const className = discovered.target.name || ANONYMOUS;
  if (!isPlainObject(rawOptions ?? {})) {
    report(ROUTING_MESSAGES.notAnObject('options'));
    return undefined;
  }
  let failed = false;
  const fail = (message: string) => {
    failed = true;
    report(message);
  };
  const options = (rawOptions ?? {}) as Record<string, unknown>;
  if (!isValidTopicName(topic)) fail(ROUTING_MESSAGES.invalidTopicName('topic', topic));
  const dlqOff = options.deadLetterQueue === false;
  const { deadLetterQueue: _dlq, ...withoutDlq } = options;
  const valid = readRoutingOptions(dlqOff ? withoutDlq : options, JOB_OPTION_KEYS, fail);

  const name = options.name ?? discovered.target.name;
  if (options.name === undefined && !discovered.target.name) fail(M.anonymousClass());
  else if (typeof name !== 'string' || name.trim() === '' || name.trim() !== name) fail(M.expectedName(name));

  const producer = options.producer ?? DEFAULT_PRODUCER;
  const cluster = typeof producer === 'string' ? producers.get(producer) : undefined;
  if (typeof producer !== 'string' || producer === '') fail(M.expectedString('producer', producer));
  else if (cluster === undefined) {
    const known = [...producers.keys()];
    fail(M.unknownProducer(producer, known, didYouMean(producer, known)));
  }
  if (options.args !== undefined && typeof options.args !== 'function')
    fail(M.expectedArgsClass(options.args));
  for (const key of ['consumerGroup', 'subscriptionGroup'] as const) {
    const value = options[key];
    if (value !== undefined && (typeof value !== 'string' || value.trim() === ''))
      fail(M.expectedString(key, value));
  }

  const instance = discovered.instance as { perform?: unknown } | undefined;
  if (!discovered.isStatic) fail(M.notStatic(className));
  else if (!instance) fail(M.noInstance(className));
  else if (typeof instance.perform !== 'function') fail(M.noPerformMethod(className));

  if (failed) return undefined;
  return {
    job: {
      name: name as string,
      className,
      target: discovered.target,
      instance: instance as object,
      topic,
      producer: producer as string,
      cluster: cluster as string,
      ...(options.args !== undefined ? { args: options.args as Type<object> } : {}),
    },
    routeOptions: {
      maxMessages: valid.maxMessages,
      maxWaitTime: valid.maxWaitTime,
      initialOffset: valid.initialOffset,
      concurrency: valid.concurrency,
      retry: options.retry === undefined ? undefined : valid.retry,
      deadLetterQueue: dlqOff ? false : valid.deadLetterQueue,
      consumerGroup: options.consumerGroup,
      subscriptionGroup: options.subscriptionGroup,
      config: options.config,
    },
  };
}
