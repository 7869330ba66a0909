import 'reflect-metadata';
import { KafkaJob, getKafkaJobMetadata } from './kafka-job.decorator';
import type { KafkaJobOptions } from './kafka-job-options.interface';
import { planJobRoutes, type DiscoveredJob } from './plan-job-routes';

const producers = new Map([
  ['default', 'primary'],
  ['secondary', 'secondary'],
  ['audit', 'secondary'],
]);

/** A decorated job class named `name`, discovered with a live instance. */
function job(
  name: string,
  topic: string,
  options?: KafkaJobOptions,
  overrides: Partial<DiscoveredJob> = {},
): DiscoveredJob {
  const target = {
    [name]: class {
      perform(): void {}
    },
  }[name];
  KafkaJob(topic, options)(target);
  return {
    target,
    metadata: getKafkaJobMetadata(target),
    instance: new target(),
    isStatic: true,
    ...overrides,
  };
}

function plan(jobs: DiscoveredJob[], appDeadLetterQueue = false) {
  return planJobRoutes({ jobs, producers, appDeadLetterQueue });
}

describe('planJobRoutes', () => {
  it('routes a job to the primary producer’s cluster by default, with a <topic>.dlq dead-letter topic', () => {
    const { routes, jobs, problems } = plan([job('SendMail', 'mailers')]);
    expect(problems).toEqual([]);
    expect(routes).toEqual([
      {
        topic: 'mailers',
        cluster: 'primary',
        className: 'jobs[SendMail]',
        options: { cluster: 'primary', deadLetterQueue: { topic: 'mailers.dlq' } },
        jobs: [
          expect.objectContaining({
            name: 'SendMail',
            producer: 'default',
            cluster: 'primary',
            topic: 'mailers',
          }),
        ],
      },
    ]);
    expect(jobs).toHaveLength(1);
  });

  it('consumes a job from the cluster of the producer it names', () => {
    const { routes } = plan([job('Report', 'reports', { producer: 'secondary' })]);
    expect(routes.map((r) => [r.topic, r.cluster, r.options.cluster])).toEqual([
      ['reports', 'secondary', 'secondary'],
    ]);
  });

  it('groups jobs of one topic and cluster into one route, and keeps one topic on two clusters apart', () => {
    const { routes, problems } = plan([
      job('A', 'work', { retry: { maxRetries: 5 } }),
      job('B', 'work'),
      job('C', 'work', { producer: 'audit' }),
    ]);
    expect(problems).toEqual([]);
    expect(routes.map((r) => [r.topic, r.cluster, r.className, r.jobs.map((j) => j.name)])).toEqual([
      ['work', 'primary', 'jobs[A, B]', ['A', 'B']],
      ['work', 'secondary', 'jobs[C]', ['C']],
    ]);
    // An option set on one job of a route applies to the route.
    expect(routes[0].options.retry).toEqual({ maxRetries: 5 });
    expect(routes[1].options.retry).toBeUndefined();
  });

  it('passes the routing options through, and a job’s own dead-letter topic replaces the default', () => {
    const { routes, problems } = plan([
      job('A', 'work', {
        consumerGroup: 'workers',
        subscriptionGroup: 'jobs',
        maxMessages: 10,
        maxWaitTime: 200,
        initialOffset: 'latest',
        deadLetterQueue: { topic: 'dead-jobs', maxRetries: 1 },
        config: { partitions: 3 },
      }),
    ]);
    expect(problems).toEqual([]);
    expect(routes[0].options).toEqual({
      cluster: 'primary',
      consumerGroup: 'workers',
      subscriptionGroup: 'jobs',
      maxMessages: 10,
      maxWaitTime: 200,
      initialOffset: 'latest',
      deadLetterQueue: { topic: 'dead-jobs', maxRetries: 1 },
      config: { partitions: 3 },
    });
  });

  it('adds no dead-letter topic with deadLetterQueue: false, nor when forRoot gives every topic one', () => {
    expect(plan([job('A', 'a', { deadLetterQueue: false }), job('B', 'a')]).routes[0].options).toEqual({
      cluster: 'primary',
    });
    expect(plan([job('A', 'a')], true).routes[0].options).toEqual({ cluster: 'primary' });
  });

  it('uses the explicit name instead of the class name', () => {
    const { routes } = plan([job('SendMail', 'mailers', { name: 'mail.send' })]);
    expect(routes[0].jobs[0]).toMatchObject({ name: 'mail.send', className: 'SendMail' });
  });

  it('reports every problem of every job at once, naming the job, and leaves those jobs out', () => {
    const { routes, problems } = plan([
      job('Typo', 'a', { producer: 'secondry' }),
      job('BadTopic', 'not a topic'),
      job('BadRetry', 'b', { retry: { maxRetries: -1 }, maxMessages: 0 }),
      job('UnknownKey', 'c', { cluster: 'secondary' } as KafkaJobOptions),
      job('NoPerform', 'd', {}, { instance: {} }),
      job('Scoped', 'e', {}, { isStatic: false, instance: undefined }),
      job('BadArgs', 'f', { args: 'Dto' as never }),
      job('BadName', 'g', { name: ' x' }),
      job('BadGroup', 'h', { consumerGroup: '' }),
      job('Fine', 'ok'),
    ]);
    expect(routes.map((r) => r.topic)).toEqual(['ok']);
    expect(problems).toEqual([
      {
        where: "@KafkaJob('a') on Typo",
        message:
          "unknown producer 'secondry' (known: 'default', 'secondary', 'audit'; did you mean 'secondary'?)",
      },
      {
        where: "@KafkaJob('not a topic') on BadTopic",
        message: expect.stringContaining('not a valid Kafka topic name'),
      },
      {
        where: "@KafkaJob('b') on BadRetry",
        message: expect.stringContaining('maxMessages must be an integer'),
      },
      {
        where: "@KafkaJob('b') on BadRetry",
        message: expect.stringContaining('retry.maxRetries must be an integer'),
      },
      { where: "@KafkaJob('c') on UnknownKey", message: "unknown option 'cluster'" },
      {
        where: "@KafkaJob('d') on NoPerform",
        message: expect.stringContaining('NoPerform has no perform(args) method'),
      },
      { where: "@KafkaJob('e') on Scoped", message: expect.stringContaining('Scoped is request-scoped') },
      {
        where: "@KafkaJob('f') on BadArgs",
        message: 'args must be a class (a class-validator DTO), got "Dto"',
      },
      {
        where: "@KafkaJob('g') on BadName",
        message: expect.stringContaining('name must be a non-empty string'),
      },
      { where: "@KafkaJob('h') on BadGroup", message: 'consumerGroup must be a non-empty string, got ""' },
    ]);
  });

  it('reports jobs of one route that disagree on a route option, and duplicate job names', () => {
    const { routes, problems } = plan([
      job('A', 'work', { retry: { maxRetries: 1 }, consumerGroup: 'g1' }),
      job('B', 'work', { retry: { maxRetries: 2 } }),
      job('C', 'work', { consumerGroup: 'g2' }),
      job('D', 'work', { deadLetterQueue: false }),
      job('E', 'work', { deadLetterQueue: { topic: 'dead' } }),
      job('F', 'work', { name: 'A' }),
    ]);
    expect(problems).toEqual([
      {
        where: "@KafkaJob('work') on B",
        message: expect.stringMatching(
          /^retry differs from the one A sets; jobs on topic 'work' \(cluster 'primary'\) share one route/,
        ),
      },
      {
        where: "@KafkaJob('work') on C",
        message: expect.stringMatching(/^consumerGroup differs from the one A sets/),
      },
      {
        where: "@KafkaJob('work') on E",
        message: expect.stringMatching(/^deadLetterQueue differs from the one D sets/),
      },
      {
        where: "@KafkaJob('work') on F",
        message: expect.stringMatching(/^job name 'A' is also used by A on topic 'work'/),
      },
    ]);
    expect(routes[0].jobs.map((j) => j.className)).toEqual(['A', 'D']);
  });

  it('reports a class decorated twice', () => {
    const twice = job('Twice', 'a');
    KafkaJob('b')(twice.target);
    const { routes, problems } = plan([{ ...twice, metadata: getKafkaJobMetadata(twice.target) }]);
    expect(routes).toEqual([]);
    expect(problems).toEqual([
      { where: 'Twice', message: "decorated with @KafkaJob 2 times ('b', 'a'); a job has exactly one topic" },
    ]);
  });
});
