import 'reflect-metadata';
import { IsInt } from 'class-validator';
import { KafkaContext } from '../consumer/kafka-context';
import type { KafkaMessage } from '../message/kafka-message.interface';
import { createJobEnvelope, encodeJobEnvelope } from './job-envelope';
import type { JobExecution } from './kafka-job-options.interface';
import { KafkaJobDispatcher, MAX_SCHEDULE_WAIT_MS } from './kafka-job-dispatcher';
import { KafkaJobError } from './kafka-job.error';
import { KarafkaMonitor } from '../instrumentation/karafka-monitor';

class CountArgs {
  @IsInt()
  count!: number;
}

const enqueuedAt = new Date('2030-01-01T00:00:00Z');

function message(offset: number, payload: unknown): KafkaMessage {
  return {
    payload,
    rawPayload: null,
    key: null,
    headers: {},
    rawKey: null,
    rawHeaders: {},
    topic: 'work',
    partition: 2,
    offset: String(offset),
    timestamp: enqueuedAt,
    cluster: 'primary',
  };
}

const jobMessage = (offset: number, job: string, args: unknown, performAt?: Date) =>
  message(offset, JSON.parse(encodeJobEnvelope(createJobEnvelope(job, args, enqueuedAt, performAt))));

/** A real KafkaContext over a control that records what the dispatcher asked of the partition. */
function context(messages: KafkaMessage[], attempt = 1, topic = 'work') {
  const control = { resolved: [] as string[], paused: [] as number[], sought: [] as string[] };
  const ctx = new KafkaContext('primary', 'group', 'group@primary#0', topic, 2, messages, attempt, {
    resolve: (offset) => void control.resolved.push(offset),
    pause: (ms) => void control.paused.push(ms),
    seek: (offset) => void control.sought.push(offset),
    heartbeat: async () => undefined,
  });
  return { ctx, control };
}

describe('KafkaJobDispatcher', () => {
  let performed: Array<{ job: string; args: unknown; execution: JobExecution }>;
  let dispatcher: KafkaJobDispatcher;
  const record = (job: string) => (args: unknown, execution: JobExecution) =>
    void performed.push({ job, args, execution });

  beforeEach(() => {
    performed = [];
    dispatcher = new KafkaJobDispatcher(new KarafkaMonitor());
    dispatcher.register('primary', 'work', [
      { name: 'A', perform: record('A') },
      { name: 'B', perform: record('B') },
      { name: 'Counted', args: CountArgs, perform: record('Counted') },
    ]);
    dispatcher.register('secondary', 'work', [
      { name: 'OnlyOnSecondary', perform: record('OnlyOnSecondary') },
    ]);
  });

  it('performs each job by name, with its args and execution, and marks each one consumed', async () => {
    const messages = [
      jobMessage(10, 'A', { n: 1 }),
      jobMessage(11, 'B', [2]),
      jobMessage(12, 'A', undefined),
    ];
    const { ctx, control } = context(messages, 3);
    await dispatcher.consume(messages, ctx);

    expect(performed.map(({ job, args }) => [job, args])).toEqual([
      ['A', { n: 1 }],
      ['B', [2]],
      ['A', undefined],
    ]);
    expect(performed[0].execution).toEqual({
      id: (messages[0].payload as { id: string }).id,
      name: 'A',
      enqueuedAt,
      attempt: 3,
      cluster: 'primary',
      topic: 'work',
      partition: 2,
      offset: '10',
    });
    expect(performed[1].execution.attempt).toBe(1);
    expect(control.resolved).toEqual(['10', '11', '12']);
  });

  it('hands a DTO job an instance of its DTO, and refuses args that fail it as non-retriable', async () => {
    const good = [jobMessage(1, 'Counted', { count: 2 })];
    await dispatcher.consume(good, context(good).ctx);
    expect(performed[0].args).toBeInstanceOf(CountArgs);

    const bad = [jobMessage(2, 'Counted', { count: 'two' })];
    await expect(dispatcher.consume(bad, context(bad).ctx)).rejects.toMatchObject({
      reason: 'invalid-arguments',
      fields: ['count'],
    });
    expect(performed).toHaveLength(1);
  });

  it('throws a non-retriable KafkaJobError for a job not registered on this topic and cluster, after marking the ones before it', async () => {
    const messages = [jobMessage(5, 'A', {}), jobMessage(6, 'OnlyOnSecondary', {}), jobMessage(7, 'B', {})];
    const { ctx, control } = context(messages);
    const error = await dispatcher.consume(messages, ctx).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(KafkaJobError);
    expect(error).toMatchObject({ reason: 'unknown-job', job: 'OnlyOnSecondary' });
    expect((error as Error).message).toBe(
      `Job 'OnlyOnSecondary' (id ${(messages[1].payload as { id: string }).id}) is not registered in this app for topic 'work' on cluster 'primary' (jobs here: 'A', 'B', 'Counted'); was it enqueued by another app or version?`,
    );
    expect(performed.map((p) => p.job)).toEqual(['A']);
    expect(control.resolved).toEqual(['5']);
  });

  it('refuses a message that is not a job envelope, naming its offset', async () => {
    const messages = [message(9, { hello: 'world' })];
    await expect(dispatcher.consume(messages, context(messages).ctx)).rejects.toMatchObject({
      reason: 'invalid-envelope',
      message: expect.stringContaining(
        `work/2 offset 9 is not a job message ('job' must be a non-empty string`,
      ),
    });
  });

  it('stops at a job that is not due: seeks back to it and pauses until it is due, leaving it and later jobs unperformed', async () => {
    const dueIn = 10_000;
    const messages = [
      jobMessage(20, 'A', {}),
      jobMessage(21, 'B', {}, new Date(Date.now() + dueIn)),
      jobMessage(22, 'A', {}),
    ];
    const { ctx, control } = context(messages);
    await dispatcher.consume(messages, ctx);

    expect(performed.map((p) => p.job)).toEqual(['A']);
    expect(control.resolved).toEqual(['20']);
    expect(control.sought).toEqual(['21']);
    expect(control.paused).toHaveLength(1);
    expect(control.paused[0]).toBeGreaterThan(dueIn - 1000);
    expect(control.paused[0]).toBeLessThanOrEqual(dueIn);
  });

  it('waits at most MAX_SCHEDULE_WAIT_MS at a time, and performs a job whose time has come', async () => {
    const far = [jobMessage(30, 'A', {}, new Date(Date.now() + 24 * 3600_000))];
    const { ctx, control } = context(far);
    await dispatcher.consume(far, ctx);
    expect(control.paused).toEqual([MAX_SCHEDULE_WAIT_MS]);
    expect(performed).toEqual([]);

    const due = [jobMessage(31, 'A', {}, new Date(Date.now() - 1))];
    await dispatcher.consume(due, context(due).ctx);
    expect(performed).toHaveLength(1);
    expect(performed[0].execution.performAt).toBeInstanceOf(Date);
  });

  it('publishes each job as performing, then performed or failed, with its id, place and attempt', async () => {
    const monitor = new KarafkaMonitor();
    const events: Array<[string, Record<string, unknown>]> = [];
    for (const name of ['job.performing', 'job.performed', 'job.failed'] as const)
      monitor.on(name, (event) => void events.push([name, event as never]));
    const observed = new KafkaJobDispatcher(monitor);
    observed.register('primary', 'work', [
      { name: 'A', perform: record('A') },
      { name: 'Counted', args: CountArgs, perform: record('Counted') },
    ]);
    const messages = [jobMessage(40, 'A', {}), jobMessage(41, 'Counted', { count: 'two' })];
    await expect(observed.consume(messages, context(messages, 2).ctx)).rejects.toMatchObject({
      reason: 'invalid-arguments',
    });

    const place = (offset: string, attempt: number) => ({
      cluster: 'primary',
      topic: 'work',
      partition: 2,
      offset,
      attempt,
    });
    const idOf = (index: number) => (messages[index].payload as { id: string }).id;
    expect(events).toEqual([
      ['job.performing', { id: idOf(0), job: 'A', ...place('40', 2) }],
      ['job.performed', { id: idOf(0), job: 'A', ...place('40', 2), durationMs: expect.any(Number) }],
      ['job.performing', { id: idOf(1), job: 'Counted', ...place('41', 1) }],
      [
        'job.failed',
        {
          id: idOf(1),
          job: 'Counted',
          ...place('41', 1),
          durationMs: expect.any(Number),
          error: expect.objectContaining({ reason: 'invalid-arguments' }),
        },
      ],
    ]);
  });

  it('lets a failing perform fail the batch after marking the jobs before it', async () => {
    dispatcher.register('primary', 'boom', [
      { name: 'Ok', perform: record('Ok') },
      {
        name: 'Fails',
        perform: () => {
          throw new Error('smtp down');
        },
      },
    ]);
    const messages = [jobMessage(1, 'Ok', {}), jobMessage(2, 'Fails', {})].map((m) => ({
      ...m,
      topic: 'boom',
    }));
    const { ctx, control } = context(messages, 1, 'boom');
    await expect(dispatcher.consume(messages, ctx)).rejects.toThrow('smtp down');
    expect(control.resolved).toEqual(['1']);
  });
});
