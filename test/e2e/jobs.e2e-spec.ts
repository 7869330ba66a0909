import 'reflect-metadata';
import { Injectable, type INestApplicationContext, type LoggerService, type Provider } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { IsEmail, IsInt, Min } from 'class-validator';
import {
  ClusterRegistry,
  ConsumerManager,
  DEAD_LETTER_HEADERS,
  KAFKA_JOB_HEADERS,
  KafkaJob,
  KafkaJobError,
  KafkaJobs,
  KafkaTopic,
  KarafkaConfigurationError,
  KarafkaModule,
  KarafkaMonitor,
  type ConsumerErroredEvent,
  type JobExecution,
  type KarafkaModuleOptions,
} from '../../lib';
import {
  createTopic,
  primaryBrokers,
  readWithPeer,
  secondaryBrokers,
  testKafka,
  topicExists,
  uniqueName,
  waitFor,
  type PeerMessage,
} from '../support/kafka-env';
import { e2eDriverName } from '../support/e2e-driver';

/**
 * Background jobs on the two real clusters: where jobs are written (checked with an independent peer and a
 * separate admin on each cluster), that each runs once, retries then dead-letters, that a job the consuming app
 * does not know is dead-lettered with its reason, that a scheduled job never runs early (even across a restart)
 * and that bad input is refused before anything is produced. Every test has its own topics and consumer group.
 */

/** Every `perform` call, in order; injected into the jobs (so it also proves DI works in them). */
@Injectable()
class JobLog {
  readonly runs: Array<{ job: string; args: unknown; execution: JobExecution; at: number }> = [];

  add(job: string, args: unknown, execution: JobExecution): void {
    this.runs.push({ job, args, execution, at: Date.now() });
  }

  of(job: string) {
    return this.runs.filter((run) => run.job === job);
  }
}

class WelcomeArgs {
  @IsEmail()
  email!: string;

  @IsInt()
  @Min(1)
  userId!: number;
}

const primary = () => primaryBrokers();
const secondary = () => secondaryBrokers();

function baseOptions(groupId: string): KarafkaModuleOptions {
  return {
    kafka: { 'bootstrap.servers': primary().join(','), 'client.id': 'jobs-e2e' },
    clusters: { secondary: { 'bootstrap.servers': secondary().join(','), 'client.id': 'jobs-e2e' } },
    producers: { secondary: { cluster: 'secondary' } },
    consumerGroup: groupId,
    consumer: { maxWaitTime: 200 },
    statisticsInterval: 0,
    shutdownTimeout: 10_000,
    logRoutingTable: false,
  };
}

async function committedOffset(brokers: string[], groupId: string, topic: string): Promise<number> {
  const admin = testKafka(brokers).admin();
  await admin.connect();
  try {
    const [result] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return result.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  } finally {
    await admin.disconnect();
  }
}

async function endOffset(brokers: string[], topic: string): Promise<number> {
  const admin = testKafka(brokers).admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
  } finally {
    await admin.disconnect();
  }
}

const valueOf = (message: PeerMessage) => JSON.parse(message.value ?? 'null') as Record<string, unknown>;

describe('background jobs (e2e)', () => {
  const apps: INestApplicationContext[] = [];

  async function start(
    providers: Provider[],
    options: Partial<KarafkaModuleOptions> & { consumerGroup: string },
    logger?: LoggerService,
  ): Promise<INestApplicationContext> {
    const moduleRef = await Test.createTestingModule({
      imports: [
        KarafkaModule.forRoot({ driver: e2eDriverName(), ...baseOptions(options.consumerGroup), ...options }),
      ],
      providers: [JobLog, ...providers],
    }).compile();
    if (logger) moduleRef.useLogger(logger);
    // Only a started app is closed after the test: closing one whose bootstrap failed would run its init again.
    await moduleRef.init();
    apps.push(moduleRef);
    return moduleRef;
  }

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  it('writes jobs to the primary cluster by default, consumes them from there and performs each exactly once', async () => {
    const topic = uniqueName('jobs.default');
    const group = uniqueName('jobs-default');

    @KafkaJob(topic)
    class SendWelcome {
      constructor(private readonly log: JobLog) {}
      perform(args: { user: number }, execution: JobExecution): void {
        this.log.add('SendWelcome', args, execution);
      }
    }
    @KafkaJob(topic)
    class SendReset {
      constructor(private readonly log: JobLog) {}
      async perform(args: { user: number }, execution: JobExecution): Promise<void> {
        this.log.add('SendReset', args, execution);
      }
    }

    const logged: string[] = [];
    const capture = (message: unknown) => void logged.push(String(message));
    const app = await start(
      [SendWelcome, SendReset],
      { consumerGroup: group, logRoutingTable: true },
      { log: capture, warn: capture, error: capture },
    );
    const jobs = app.get(KafkaJobs);
    const enqueued = [
      await jobs.enqueue(SendWelcome, { user: 1 }),
      await jobs.enqueue(SendReset, { user: 2 }),
      await jobs.enqueue(SendWelcome, { user: 3 }),
    ];
    for (const job of enqueued) expect(job).toMatchObject({ topic, cluster: 'primary', producer: 'default' });

    const log = app.get(JobLog);
    await waitFor(() => log.runs.length >= 3, { description: '3 performed jobs' });
    // Exactly once: the group has committed every job, so none can be delivered again, and each ran one time.
    await waitFor(async () => (await committedOffset(primary(), group, topic)) === 3, {
      description: `group ${group} to commit 3 offsets`,
    });
    expect(log.runs.map((run) => run.execution.id).sort()).toEqual(enqueued.map((job) => job.id).sort());
    expect(log.runs.map((run) => [run.job, run.args])).toEqual(
      expect.arrayContaining([
        ['SendWelcome', { user: 1 }],
        ['SendReset', { user: 2 }],
        ['SendWelcome', { user: 3 }],
      ]),
    );
    for (const run of log.runs)
      expect(run.execution).toMatchObject({ cluster: 'primary', topic, attempt: 1 });

    // The messages are on primary (read by an independent client), and the topic does not exist on secondary.
    const onPrimary = await readWithPeer(primary(), topic, 3);
    expect(onPrimary.map(valueOf)).toEqual(
      enqueued.map((job, i) => ({
        job: job.job,
        id: job.id,
        args: { user: i + 1 },
        enqueuedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      })),
    );
    expect(
      onPrimary.map((m) => [m.headers[KAFKA_JOB_HEADERS.name], m.headers[KAFKA_JOB_HEADERS.id]]),
    ).toEqual(enqueued.map((job) => [job.job, job.id]));
    expect(await topicExists(secondary(), topic)).toBe(false);

    // One route in the ordinary routing table (with the default dead-letter topic), logged with the others.
    const routes = app
      .get(ClusterRegistry)
      .subscriptionGroups()
      .flatMap((g) => g.topics.map((route) => ({ route, group: g })));
    expect(routes).toHaveLength(1);
    expect(routes[0].route).toMatchObject({
      topic,
      className: 'jobs[SendWelcome, SendReset]',
      cluster: { name: 'primary' },
      groupId: group,
      deadLetterQueue: { topic: `${topic}.dlq`, maxRetries: 2 },
    });
    expect(app.get(ConsumerManager).runners()).toEqual([
      expect.objectContaining({ cluster: 'primary', topics: [topic], state: 'running' }),
    ]);
    expect(logged.join('\n')).toContain(`${topic} → jobs[SendWelcome, SendReset] (retries=2`);
    expect(logged.join('\n')).toContain(
      `SendWelcome → topic ${topic} via producer 'default' (cluster primary)`,
    );
  });

  it('writes a job redirected to the secondary producer to secondary only, and consumes it from secondary', async () => {
    const topic = uniqueName('jobs.redirected');
    const group = uniqueName('jobs-redirected');

    @KafkaJob(topic, { producer: 'secondary' })
    class BuildReport {
      constructor(private readonly log: JobLog) {}
      perform(args: { report: string }, execution: JobExecution): void {
        this.log.add('BuildReport', args, execution);
      }
    }

    const app = await start([BuildReport], { consumerGroup: group });
    const enqueued = await app.get(KafkaJobs).enqueue(BuildReport, { report: 'daily' });
    expect(enqueued).toMatchObject({ topic, cluster: 'secondary', producer: 'secondary' });

    const log = app.get(JobLog);
    await waitFor(() => log.runs.length >= 1, { description: 'the job to run' });
    await waitFor(async () => (await committedOffset(secondary(), group, topic)) === 1, {
      description: 'the job to be committed on secondary',
    });
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]).toMatchObject({
      args: { report: 'daily' },
      execution: { id: enqueued.id, cluster: 'secondary', topic },
    });

    const [onSecondary] = await readWithPeer(secondary(), topic, 1);
    expect(valueOf(onSecondary)).toMatchObject({ job: 'BuildReport', id: enqueued.id });
    expect(await topicExists(primary(), topic)).toBe(false);
    expect(app.get(ConsumerManager).runners()).toEqual([
      expect.objectContaining({ cluster: 'secondary', topics: [topic], state: 'running' }),
    ]);
  });

  it('retries a failing job, then dead-letters it on its own cluster with the reason, and the queue moves on', async () => {
    const topic = uniqueName('jobs.failing');
    const group = uniqueName('jobs-failing');
    await createTopic(primary(), topic, 1);

    @KafkaJob(topic, { retry: { maxRetries: 2, backoffMs: 100, maxBackoffMs: 400 } })
    class Flaky {
      constructor(private readonly log: JobLog) {}
      perform(args: { to: string }, execution: JobExecution): void {
        this.log.add('Flaky', args, execution);
        throw new Error(`SMTP is down, cannot mail ${args.to}`);
      }
    }
    @KafkaJob(topic)
    class Fine {
      constructor(private readonly log: JobLog) {}
      perform(args: unknown, execution: JobExecution): void {
        this.log.add('Fine', args, execution);
      }
    }

    const app = await start([Flaky, Fine], { consumerGroup: group });
    const jobs = app.get(KafkaJobs);
    const failing = await jobs.enqueue(Flaky, { to: 'ann@example.com' });
    const fine = await jobs.enqueue(Fine, { n: 1 });

    const log = app.get(JobLog);
    // One partition: Fine runs only once Flaky has left it, i.e. after it was dead-lettered.
    await waitFor(() => log.of('Fine').length >= 1, { description: 'the job after the failing one to run' });
    expect(log.of('Flaky').map((run) => run.execution.attempt)).toEqual([1, 2, 3]);
    expect(log.of('Fine').map((run) => run.execution.id)).toEqual([fine.id]);

    const [dead] = await readWithPeer(primary(), `${topic}.dlq`, 1);
    expect(valueOf(dead)).toMatchObject({ job: 'Flaky', id: failing.id, args: { to: 'ann@example.com' } });
    expect(dead.headers).toMatchObject({
      [KAFKA_JOB_HEADERS.name]: 'Flaky',
      [KAFKA_JOB_HEADERS.id]: failing.id,
      [DEAD_LETTER_HEADERS.topic]: topic,
      [DEAD_LETTER_HEADERS.cluster]: 'primary',
      [DEAD_LETTER_HEADERS.attempts]: '3',
      [DEAD_LETTER_HEADERS.errorMessage]: 'SMTP is down, cannot mail ann@example.com',
    });
    expect(await topicExists(secondary(), `${topic}.dlq`)).toBe(false);
    await waitFor(async () => (await committedOffset(primary(), group, topic)) === 2, {
      description: 'both jobs to be committed',
    });
    expect(log.of('Flaky')).toHaveLength(3);
  });

  it('dead-letters a job the consuming app does not register, at once and with the reason, and runs the others', async () => {
    const topic = uniqueName('jobs.unknown');
    const group = uniqueName('jobs-unknown');
    await createTopic(primary(), topic, 1);

    // The enqueuing app knows both jobs (and consumes nothing); the worker app only knows Known.
    @KafkaJob(topic)
    class Ghost {
      perform(): void {}
    }
    @KafkaJob(topic)
    class Known {
      constructor(private readonly log: JobLog) {}
      perform(args: unknown, execution: JobExecution): void {
        this.log.add('Known', args, execution);
      }
    }

    const enqueuer = await start([Ghost, Known], {
      consumerGroup: uniqueName('jobs-enqueuer'),
      autoStartConsumers: false,
    });
    const worker = await start([Known], { consumerGroup: group });
    const jobs = enqueuer.get(KafkaJobs);
    const ghost = await jobs.enqueue(Ghost, undefined);
    const known = await jobs.enqueue(Known, { n: 2 });

    const log = worker.get(JobLog);
    await waitFor(() => log.runs.length >= 1, { description: 'the known job to run in the worker' });
    expect(log.runs.map((run) => run.execution.id)).toEqual([known.id]);

    const [dead] = await readWithPeer(primary(), `${topic}.dlq`, 1);
    expect(valueOf(dead)).toMatchObject({ job: 'Ghost', id: ghost.id });
    expect(dead.headers).toMatchObject({
      [DEAD_LETTER_HEADERS.errorClass]: 'KafkaJobError',
      [DEAD_LETTER_HEADERS.attempts]: '1',
      [DEAD_LETTER_HEADERS.errorMessage]: `Job 'Ghost' (id ${ghost.id}) is not registered in this app for topic '${topic}' on cluster 'primary' (jobs here: 'Known'); was it enqueued by another app or version?`,
    });
    await waitFor(async () => (await committedOffset(primary(), group, topic)) === 2, {
      description: 'both messages to be committed',
    });
  });

  it('without a dead-letter topic, keeps an unknown job in place and retries it, never dropping it', async () => {
    const topic = uniqueName('jobs.unknown-nodlq');
    const group = uniqueName('jobs-unknown-nodlq');
    await createTopic(primary(), topic, 1);

    @KafkaJob(topic, { deadLetterQueue: false, retry: { backoffMs: 100, maxBackoffMs: 200 } })
    class Ghost {
      perform(): void {}
    }
    @KafkaJob(topic, { deadLetterQueue: false, retry: { backoffMs: 100, maxBackoffMs: 200 } })
    class Known {
      constructor(private readonly log: JobLog) {}
      perform(args: unknown, execution: JobExecution): void {
        this.log.add('Known', args, execution);
      }
    }

    const enqueuer = await start([Ghost, Known], {
      consumerGroup: uniqueName('jobs-enqueuer'),
      autoStartConsumers: false,
    });
    const worker = await start([Known], { consumerGroup: group });
    const errored: ConsumerErroredEvent[] = [];
    worker.get(KarafkaMonitor).on('consumer.errored', (event) => void errored.push(event));
    const ghost = await enqueuer.get(KafkaJobs).enqueue(Ghost, undefined);
    await enqueuer.get(KafkaJobs).enqueue(Known, {});

    await waitFor(() => errored.length >= 3, { description: 'the unknown job to be retried' });
    expect(errored.slice(0, 3)).toEqual(
      [1, 2, 3].map((attempt) =>
        expect.objectContaining({
          topic,
          offset: ghost.offset,
          attempt,
          action: 'pause',
          error: expect.any(KafkaJobError),
        }),
      ),
    );
    expect(errored[0].error.message).toContain(`Job 'Ghost' (id ${ghost.id}) is not registered in this app`);
    // Nothing behind it ran and nothing was committed past it; there is no dead-letter topic anywhere.
    expect(worker.get(JobLog).runs).toEqual([]);
    expect(await committedOffset(primary(), group, topic)).toBe(0);
    expect(await topicExists(primary(), `${topic}.dlq`)).toBe(false);
  });

  it('never runs a scheduled job early, not even across a restart, and keeps its partition in order', async () => {
    const topic = uniqueName('jobs.scheduled');
    const group = uniqueName('jobs-scheduled');
    await createTopic(primary(), topic, 1);

    @KafkaJob(topic)
    class Remind {
      constructor(private readonly log: JobLog) {}
      perform(args: { step: string }, execution: JobExecution): void {
        this.log.add(args.step, args, execution);
      }
    }

    const first = await start([Remind], { consumerGroup: group });
    const jobs = first.get(KafkaJobs);
    const before = await jobs.enqueue(Remind, { step: 'before' });
    const dueAt = new Date(Date.now() + 10_000);
    const scheduled = await jobs.enqueueAt(Remind, { step: 'scheduled' }, dueAt);
    const after = await jobs.enqueue(Remind, { step: 'after' });
    expect(scheduled.performAt).toEqual(dueAt);

    // The job before it runs at once; the scheduled one holds its place, committed up to it, not past it.
    const firstLog = first.get(JobLog);
    await waitFor(() => firstLog.of('before').length === 1, {
      description: 'the job before the scheduled one',
    });
    expect(firstLog.of('before')[0].at).toBeLessThan(dueAt.getTime());
    await waitFor(async () => (await committedOffset(primary(), group, topic)) === 1, {
      description: 'the offset of the scheduled job to be committed',
    });
    expect(firstLog.runs.map((run) => run.job)).toEqual(['before']);

    // A new member of the group (a restart) picks the partition up at the scheduled job and waits for it too.
    await first.close();
    apps.splice(apps.indexOf(first), 1);
    expect(firstLog.runs.map((run) => run.job)).toEqual(['before']);
    const second = await start([Remind], { consumerGroup: group });
    const log = second.get(JobLog);
    await waitFor(() => log.runs.length >= 2, {
      timeoutMs: 60_000,
      description: 'the scheduled job and the one after it',
    });
    await waitFor(async () => (await committedOffset(primary(), group, topic)) === 3, {
      description: 'all three jobs to be committed',
    });

    expect(log.runs.map((run) => [run.job, run.execution.id])).toEqual([
      ['scheduled', scheduled.id],
      ['after', after.id],
    ]);
    const [ran, next] = log.runs;
    expect(ran.at).toBeGreaterThanOrEqual(dueAt.getTime());
    expect(ran.execution.performAt).toEqual(dueAt);
    // FIFO per partition: the job enqueued after the scheduled one waited for it.
    expect(next.at).toBeGreaterThanOrEqual(ran.at);
    expect(before.partition).toBe(after.partition);
  });

  it('refuses invalid args and non-job classes before producing anything, naming the job and the fields', async () => {
    const topic = uniqueName('jobs.validated');
    const group = uniqueName('jobs-validated');
    await createTopic(primary(), topic, 1);

    @KafkaJob(topic, { args: WelcomeArgs })
    class SendWelcome {
      constructor(private readonly log: JobLog) {}
      perform(args: WelcomeArgs, execution: JobExecution): void {
        this.log.add('SendWelcome', args, execution);
      }
    }
    class NotAJob {
      perform(): void {}
    }

    const app = await start([SendWelcome], { consumerGroup: group });
    const jobs = app.get(KafkaJobs);

    const invalid = await jobs.enqueue(SendWelcome, { email: 'nope', userId: 0 }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(KafkaJobError);
    expect(invalid).toMatchObject({
      reason: 'invalid-arguments',
      job: 'SendWelcome',
      fields: ['email', 'userId'],
      message:
        'Job SendWelcome: invalid arguments: email: email must be an email; userId: userId must not be less than 1',
    });
    await expect(
      jobs.enqueueMany(SendWelcome, [
        { email: 'a@example.com', userId: 1 },
        { email: 'b@example.com', userId: -5 },
      ]),
    ).rejects.toThrow('Job SendWelcome: invalid arguments: userId: userId must not be less than 1');
    await expect(
      jobs.enqueueAt(SendWelcome, { email: 'a@example.com', userId: 1 }, new Date('not a date')),
    ).rejects.toThrow('Job SendWelcome: enqueueAt needs a valid Date, got an invalid Date');
    await expect(jobs.enqueue(NotAJob, undefined)).rejects.toThrow(
      "NotAJob is not a job: decorate it with @KafkaJob(topic) and add it to a module's providers",
    );
    expect(await endOffset(primary(), topic)).toBe(0);

    const valid = await jobs.enqueue(SendWelcome, { email: 'ann@example.com', userId: 7 });
    const log = app.get(JobLog);
    await waitFor(() => log.runs.length >= 1, { description: 'the valid job to run' });
    expect(log.runs[0].args).toBeInstanceOf(WelcomeArgs);
    expect(log.runs[0].args).toEqual(
      Object.assign(new WelcomeArgs(), { email: 'ann@example.com', userId: 7 }),
    );
    expect(log.runs[0].execution.id).toBe(valid.id);
    expect(await endOffset(primary(), topic)).toBe(1);
  });

  it('reports job problems at bootstrap together with the routing problems, before connecting', async () => {
    const topic = uniqueName('jobs.broken');

    @KafkaJob(topic, { producer: 'secondry', retry: { maxRetries: 1 } })
    class Misrouted {
      perform(): void {}
    }
    @KafkaJob(topic, { retry: { maxRetries: 3 } })
    class Disagrees {
      perform(): void {}
    }
    @KafkaJob(`${topic}.self`, { deadLetterQueue: { topic: `${topic}.self` } })
    class DeadLettersToItself {
      perform(): void {}
    }
    @KafkaJob(`${topic}.noperform`)
    class NoPerform {}
    @KafkaJob(topic, { retry: { maxRetries: 1 } })
    class Agrees {
      perform(): void {}
    }
    @KafkaTopic(`${topic}.consumer`, { maxMessages: 0 })
    class BadConsumer {
      consume(): void {}
    }

    const error = await start([Misrouted, Agrees, Disagrees, DeadLettersToItself, NoPerform, BadConsumer], {
      consumerGroup: uniqueName('jobs-broken'),
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(KarafkaConfigurationError);
    expect((error as KarafkaConfigurationError).problems).toEqual([
      {
        where: `@KafkaJob('${topic}') on Misrouted`,
        message: "unknown producer 'secondry' (known: 'default', 'secondary'; did you mean 'secondary'?)",
      },
      {
        where: `@KafkaJob('${topic}') on Disagrees`,
        message: `retry differs from the one Agrees sets; jobs on topic '${topic}' (cluster 'primary') share one route, so set it on one of them or identically`,
      },
      {
        where: `@KafkaJob('${topic}.noperform') on NoPerform`,
        message: 'NoPerform has no perform(args) method; a @KafkaJob class must define one',
      },
      {
        where: `@KafkaTopic('${topic}.consumer') on BadConsumer`,
        message: expect.stringContaining('maxMessages must be an integer'),
      },
      {
        where: `@KafkaTopic('${topic}.self') on jobs[DeadLettersToItself]`,
        message: expect.stringContaining('deadLetterQueue.topic is the topic itself'),
      },
    ]);
  });
});
