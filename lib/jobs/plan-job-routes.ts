import type { Type } from '@nestjs/common';
import { didYouMean } from '../config/did-you-mean';
import type { ConfigProblem } from '../config/kafka-config.types';
import { fingerprint } from '../config/normalize-kafka-config';
import { DEFAULT_PRODUCER } from '../karafka.constants';
import {
  CONSUMER_DEFAULT_KEYS,
  isPlainObject,
  isValidTopicName,
  readRoutingOptions,
} from '../routing/read-routing-options';
import { ROUTING_MESSAGES } from '../routing/routing.messages';
import type { KafkaTopicOptions } from '../routing/topic-options.interface';
import type { KafkaJobMetadata } from './kafka-job.decorator';
import { JOBS_MESSAGES as M } from './jobs.messages';

/** A `@KafkaJob` provider as the explorer found it. */
export interface DiscoveredJob {
  target: Function;
  metadata: KafkaJobMetadata[];
  instance: unknown;
  /** False for request-scoped providers (and those depending on one): they cannot perform jobs. */
  isStatic: boolean;
}

/** A job that passed validation, bound to its producer and (through it) to its cluster. */
export interface PlannedJob {
  name: string;
  className: string;
  target: Function;
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

interface RouteDraft extends JobRoutePlan {
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
    const className = discovered.target.name || '(anonymous class)';
    if (discovered.metadata.length !== 1) {
      if (discovered.metadata.length > 1) {
        problems.push({
          where: className,
          message: M.decoratedTwice(discovered.metadata.map((m) => m.topic)),
        });
      }
      continue;
    }
    const { topic, options: rawOptions } = discovered.metadata[0];
    const where = M.jobWhere(topic, className);
    const before = problems.length;
    const report = (message: string) => problems.push({ where, message });

    if (!isPlainObject(rawOptions ?? {})) {
      report(ROUTING_MESSAGES.notAnObject('options'));
      continue;
    }
    const options = (rawOptions ?? {}) as Record<string, unknown>;
    if (!isValidTopicName(topic)) report(ROUTING_MESSAGES.invalidTopicName('topic', topic));
    const dlqOff = options.deadLetterQueue === false;
    const { deadLetterQueue: _dlq, ...withoutDlq } = options;
    const valid = readRoutingOptions(dlqOff ? withoutDlq : options, JOB_OPTION_KEYS, report);

    const name = options.name ?? discovered.target.name;
    if (options.name === undefined && !discovered.target.name) report(M.anonymousClass());
    else if (typeof name !== 'string' || name.trim() === '' || name.trim() !== name) report(M.expectedName(name));

    const producer = options.producer ?? DEFAULT_PRODUCER;
    const cluster = typeof producer === 'string' ? input.producers.get(producer) : undefined;
    if (typeof producer !== 'string' || producer === '') report(M.expectedString('producer', producer));
    else if (cluster === undefined) {
      const known = [...input.producers.keys()];
      report(M.unknownProducer(producer, known, didYouMean(producer, known)));
    }
    if (options.args !== undefined && typeof options.args !== 'function') report(M.expectedArgsClass(options.args));
    for (const key of ['consumerGroup', 'subscriptionGroup'] as const) {
      const value = options[key];
      if (value !== undefined && (typeof value !== 'string' || value.trim() === '')) report(M.expectedString(key, value));
    }

    const instance = discovered.instance as { perform?: unknown } | undefined;
    if (!discovered.isStatic) report(M.notStatic(className));
    else if (!instance) report(M.noInstance(className));
    else if (typeof instance.perform !== 'function') report(M.noPerformMethod(className));

    if (problems.length > before) continue;

    const key = `${cluster}\u0000${topic}`;
    let draft = drafts.get(key);
    if (!draft) {
      draft = { topic, cluster: cluster!, className: '', options: {}, jobs: [], set: new Map() };
      drafts.set(key, draft);
    }
    const clash = draft.jobs.find((job) => job.name === name);
    if (clash) {
      report(M.duplicateJobName(name as string, topic, cluster!, clash.className));
      continue;
    }
    const own: Partial<Record<RouteKey, unknown>> = {
      ...valid,
      retry: options.retry === undefined ? undefined : valid.retry,
      deadLetterQueue: dlqOff ? false : valid.deadLetterQueue,
      consumerGroup: options.consumerGroup,
      subscriptionGroup: options.subscriptionGroup,
      config: options.config,
    };
    for (const option of ROUTE_KEYS) {
      const value = own[option];
      if (value === undefined) continue;
      const earlier = draft.set.get(option);
      if (!earlier) draft.set.set(option, { value, by: className });
      else if (fingerprint(earlier.value) !== fingerprint(value)) {
        report(M.conflictingOption(option, topic, cluster!, earlier.by));
      }
    }
    if (problems.length > before) continue;
    draft.jobs.push({
      name: name as string,
      className,
      target: discovered.target,
      instance: instance as object,
      topic,
      producer: producer as string,
      cluster: cluster!,
      ...(options.args !== undefined ? { args: options.args as Type<object> } : {}),
    });
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
