/** Every text nestjs-karafka says about background jobs, in one place. */
import { describeKind } from '../validation/describe-kind';

const quote = (value: unknown): string => (typeof value === 'string' ? `'${value}'` : String(value));
const list = (names: readonly string[]): string =>
  names.length > 0 ? names.map((n) => `'${n}'`).join(', ') : 'none';
const suggestion = (near: string | undefined): string => (near ? `; did you mean '${near}'?` : '');

export const JOBS_MESSAGES = {
  jobWhere: (topic: unknown, className: string): string => `@KafkaJob(${quote(topic)}) on ${className}`,
  routeClassName: (classNames: readonly string[]): string => `jobs[${classNames.join(', ')}]`,

  // bootstrap problems
  decoratedTwice: (topics: readonly unknown[]): string =>
    `decorated with @KafkaJob ${topics.length} times (${topics.map(quote).join(', ')}); a job has exactly one topic`,
  notStatic: (className: string): string =>
    `${className} is request-scoped or depends on a request-scoped provider; a job is performed by a static (singleton) instance`,
  noInstance: (className: string): string => `no instance of ${className} was found among the providers`,
  noPerformMethod: (className: string): string =>
    `${className} has no perform(args) method; a @KafkaJob class must define one`,
  expectedName: (value: unknown): string =>
    `name must be a non-empty string without spaces at either end, got ${JSON.stringify(value)}`,
  anonymousClass: (): string => `the class has no name; give it one or set @KafkaJob(topic, { name })`,
  expectedString: (option: string, value: unknown): string =>
    `${option} must be a non-empty string, got ${JSON.stringify(value)}`,
  unknownProducer: (name: string, known: readonly string[], near: string | undefined): string =>
    `unknown producer '${name}' (known: ${list(known)}${suggestion(near)})`,
  expectedArgsClass: (value: unknown): string =>
    `args must be a class (a class-validator DTO), got ${typeof value === 'function' ? 'a function' : JSON.stringify(value)}`,
  validationNotInstalled: (reason: string): string =>
    `args needs the packages class-validator and class-transformer (npm i class-validator class-transformer): ${reason}`,
  duplicateJobName: (name: string, topic: string, cluster: string, other: string): string =>
    `job name '${name}' is also used by ${other} on topic '${topic}' (cluster '${cluster}'); the name identifies the job in its messages, so set a distinct @KafkaJob(topic, { name })`,
  conflictingOption: (option: string, topic: string, cluster: string, other: string): string =>
    `${option} differs from the one ${other} sets; jobs on topic '${topic}' (cluster '${cluster}') share one route, so set it on one of them or identically`,

  // enqueue
  notReady: (): string =>
    `KafkaJobs is not ready: jobs are collected when KarafkaModule initialises (onModuleInit); enqueue from onApplicationBootstrap or later`,
  notAClass: (value: unknown): string =>
    `enqueue expects a @KafkaJob class, got ${typeof value === 'function' ? 'a function without @KafkaJob' : JSON.stringify(value)}`,
  notDecorated: (className: string): string =>
    `${className} is not a job: decorate it with @KafkaJob(topic) and add it to a module's providers`,
  notRegistered: (className: string): string =>
    `${className} is decorated with @KafkaJob but is not a provider of this app (add it to a module's providers)`,
  invalidArguments: (job: string, details: readonly string[]): string =>
    `Job ${job}: invalid arguments: ${details.join('; ')}`,
  argsNotAnObject: (job: string, dto: string, value: unknown): string =>
    `Job ${job}: arguments must be an object matching ${dto}, got ${describeKind(value)}`,
  argsNotJson: (job: string, reason: string): string =>
    `Job ${job}: arguments cannot be written as JSON: ${reason}`,
  invalidPerformAt: (job: string, value: unknown): string =>
    `Job ${job}: enqueueAt needs a valid Date, got ${value instanceof Date ? 'an invalid Date' : JSON.stringify(value)}`,

  // consuming
  unknownJob: (job: string, id: string, topic: string, cluster: string, known: readonly string[]): string =>
    `Job '${job}' (id ${id}) is not registered in this app for topic '${topic}' on cluster '${cluster}' (jobs here: ${list(known)}); was it enqueued by another app or version?`,
  invalidEnvelope: (topic: string, partition: number, offset: string, problem: string): string =>
    `${topic}/${partition} offset ${offset} is not a job message (${problem}); expected the JSON that KafkaJobs writes: { job, id, args, enqueuedAt, performAt? }`,
  scheduled: (
    topic: string,
    partition: number,
    job: string,
    id: string,
    performAt: string,
    ms: number,
  ): string =>
    `${topic}/${partition}: job ${job} (id ${id}) is due at ${performAt}; the partition waits ${ms} ms`,
} as const;
