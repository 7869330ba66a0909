import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { IsInt } from 'class-validator';
import { resolveClusters } from '../cluster/resolve-clusters';
import type { KarafkaModuleOptions } from '../karafka-options.interface';
import { InMemoryClient } from '../driver/in-memory/in-memory-driver';
import { InMemoryCluster } from '../driver/in-memory/in-memory-cluster';
import { KarafkaMonitor } from '../instrumentation/karafka-monitor';
import type { ConsumerErroredEvent } from '../instrumentation/monitor-events.interface';
import { buildRoutingTable } from '../routing/build-routing-table';
import type { KafkaTopicOptions } from '../routing/topic-options.interface';
import type { ConsumeHandler } from './consumer-handler.factory';
import { DEAD_LETTER_HEADERS, type DeadLetterSink } from './dead-letter';
import { KarafkaValidationPipe } from './karafka-validation.pipe';
import { NonRetriableError } from '../message/non-retriable.error';
import { SubscriptionGroupRunner, type RunnerOptions } from './subscription-group-runner';

class OrderDto {
  @IsInt()
  id!: number;
}

class OrdersConsumer {}

function group(
  topicOptions: KafkaTopicOptions = { deadLetterQueue: { topic: 'orders.dlq' }, maxMessages: 1000 },
) {
  const options: KarafkaModuleOptions = {
    kafka: { 'bootstrap.servers': '127.0.0.1:19092', 'client.id': 'review' },
    consumerGroup: 'review',
  };
  const { clusters } = resolveClusters(options);
  const { table, problems } = buildRoutingTable({
    options,
    clusters,
    declarations: [
      {
        topic: 'orders',
        options: topicOptions,
        className: 'OrdersConsumer',
        target: OrdersConsumer,
        hasConsumeMethod: true,
      },
    ],
  });
  expect(problems).toEqual([]);
  return table.subscriptionGroups[0];
}

const json = (value: unknown) => ({ value: Buffer.from(JSON.stringify(value)) });

/** Waits until `condition` holds, yielding to the runner and the in-memory consumer between checks. */
async function until(condition: () => boolean, what = 'the condition'): Promise<void> {
  for (let i = 0; i < 100000; i++) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

interface Started {
  runner: SubscriptionGroupRunner;
  client: InMemoryClient;
  cluster: InMemoryCluster;
  errored: ConsumerErroredEvent[];
}

async function startRunner(
  handler: ConsumeHandler,
  options: {
    topic?: KafkaTopicOptions;
    deadLetterSink?: DeadLetterSink;
    runner?: RunnerOptions;
    produce?: Array<{ value: Buffer }>;
    monitor?: KarafkaMonitor;
  } = {},
): Promise<Started> {
  const cluster = new InMemoryCluster({ maxBatchSize: 1000 });
  cluster.createTopic('orders', 1);
  if (options.produce) cluster.append('orders', options.produce);
  const client = new InMemoryClient(cluster);
  const monitor = options.monitor ?? new KarafkaMonitor();
  const errored: ConsumerErroredEvent[] = [];
  monitor.on('consumer.errored', (event) => errored.push(event));
  const runner = new SubscriptionGroupRunner(group(options.topic), {
    client,
    handlers: new Map([['orders', handler]]),
    monitor,
    // By default dead letters go to the same in-memory cluster, as they go to the topic's own cluster.
    deadLetterSink: options.deadLetterSink ?? {
      send: async (_cluster, topic, record) => cluster.append(topic, [record]),
    },
    options: options.runner,
  });
  await runner.start();
  return { runner, client, cluster, errored };
}

const committed = (cluster: InMemoryCluster) => cluster.committedOffset('review', 'orders', 0);
const dlqOffsets = (cluster: InMemoryCluster) =>
  cluster.messages('orders.dlq', 0).map((m) => String(m.headers[DEAD_LETTER_HEADERS.offset]));

describe('SubscriptionGroupRunner with a PayloadValidationError (in-memory driver)', () => {
  const pipe = new KarafkaValidationPipe({ items: OrderDto });
  // A dead letter is logged as a warning each; a thousand of them say nothing here.
  beforeAll(() => Logger.overrideLogger(['error']));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose']));

  /** Starts a runner over `ids`, logging consume calls, dead letters and heartbeats in order; resolves when done. */
  async function consumeAll(ids: unknown[], handler: ConsumeHandler, log: string[]) {
    const { runner, client, cluster } = await startRunner(handler, {
      deadLetterSink: { send: async () => void log.push('dead-letter') },
    });
    client.lastConsumer?.onHeartbeat(() => void log.push('heartbeat'));
    cluster.append(
      'orders',
      ids.map((id) => json({ id })),
    );
    await until(() => committed(cluster) === String(ids.length), 'every offset committed');
    await runner.stop(1000);
    expect(committed(cluster)).toBe(String(ids.length));
  }

  it('consumes each run of valid messages as one batch, dead-letters each invalid one, heartbeating between', async () => {
    const log: string[] = [];
    const handler: ConsumeHandler = async (messages) => {
      const orders = (await pipe.transform(messages.map((m) => m.payload))) as OrderDto[];
      log.push(`consume ${orders.map((order) => order.id).join(',')}`);
    };
    await consumeAll(['bad', 1, 2, 'bad', 'bad', 3, 'bad'], handler, log);
    expect(log).toEqual([
      'dead-letter',
      'heartbeat',
      'consume 1,2',
      'heartbeat',
      'dead-letter',
      'heartbeat',
      'dead-letter',
      'heartbeat',
      'consume 3',
      'heartbeat',
      'dead-letter',
      'heartbeat',
      // the end of the fetched batch's chunk
      'heartbeat',
    ]);
  });

  it('validates each payload at most twice, however many are invalid', async () => {
    let validated = 0;
    const handler: ConsumeHandler = async (messages) => {
      validated += messages.length;
      await pipe.transform(messages.map((m) => m.payload));
    };
    const log: string[] = [];
    await consumeAll(Array(1000).fill('bad'), handler, log);
    expect({
      validated,
      deadLetters: log.filter((entry) => entry === 'dead-letter').length,
      heartbeats: log.filter((entry) => entry === 'heartbeat').length,
    }).toEqual({
      validated: 2000,
      deadLetters: 1000,
      heartbeats: 1001,
    });
  });
});

describe("SubscriptionGroupRunner's rules (in-memory driver, fake timers)", () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose']));
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] }));
  afterEach(() => jest.useRealTimers());

  const withDlq: KafkaTopicOptions = { deadLetterQueue: { topic: 'orders.dlq' } };
  const ids = (messages: Array<{ payload: unknown }>) =>
    messages.map((m) => (m.payload as { id: number }).id);

  it('retries a failing message with backoff, then dead-letters it and commits past it', async () => {
    const attempts: number[] = [];
    const started = await startRunner(
      async (_messages, ctx) => {
        attempts.push(ctx.attempt);
        throw new Error('database down');
      },
      { topic: withDlq, produce: [json({ id: 0 })] },
    );
    const { runner, cluster, errored } = started;
    await until(() => attempts.length === 1);
    await jest.advanceTimersByTimeAsync(999);
    expect(attempts).toEqual([1]);
    await jest.advanceTimersByTimeAsync(1);
    await until(() => attempts.length === 2);
    await jest.advanceTimersByTimeAsync(2000);
    await until(() => committed(cluster) === '1', 'the dead letter committed');
    expect(attempts).toEqual([1, 2, 3]);
    expect(errored.map((e) => e.action)).toEqual(['retry', 'retry', 'dead-letter']);
    const [letter] = cluster.messages('orders.dlq', 0);
    expect(String(letter.headers[DEAD_LETTER_HEADERS.errorMessage])).toBe('database down');
    expect(String(letter.headers[DEAD_LETTER_HEADERS.attempts])).toBe('3');
    await runner.stop(1000);
  });

  it('dead-letters a non-retriable error at once and consumes the rest', async () => {
    const consumed: number[] = [];
    const { runner, cluster, errored } = await startRunner(
      async (messages) => {
        if (ids(messages).includes(1)) throw new NonRetriableError('never valid');
        consumed.push(...ids(messages));
      },
      { topic: { ...withDlq, maxMessages: 1 }, produce: [json({ id: 0 }), json({ id: 1 }), json({ id: 2 })] },
    );
    await until(() => committed(cluster) === '3');
    expect(consumed).toEqual([0, 2]);
    expect(dlqOffsets(cluster)).toEqual(['1']);
    expect(errored.map((e) => [e.action, e.attempt])).toEqual([['dead-letter', 1]]);
    await runner.stop(1000);
  });

  it('dead-letters exactly the message that is not JSON, with the reason, and consumes the others', async () => {
    const consumed: number[] = [];
    const { runner, cluster } = await startRunner(async (messages) => void consumed.push(...ids(messages)), {
      topic: withDlq,
      produce: [json({ id: 0 }), json({ id: 1 }), { value: Buffer.from('{not json') }, json({ id: 3 })],
    });
    await until(() => committed(cluster) === '4');
    expect(consumed).toEqual([0, 1, 3]);
    expect(dlqOffsets(cluster)).toEqual(['2']);
    const [letter] = cluster.messages('orders.dlq', 0);
    expect(String(letter.headers[DEAD_LETTER_HEADERS.errorClass])).toBe('DeserializationError');
    expect(String(letter.headers[DEAD_LETTER_HEADERS.errorMessage])).toMatch(
      /offset 2: the deserializer failed/,
    );
    expect(letter.value?.toString()).toBe('{not json');
    await runner.stop(1000);
  });

  it('without a dead-letter queue keeps the partition paused and retries until the message succeeds', async () => {
    let calls = 0;
    const { runner, client, cluster, errored } = await startRunner(
      async () => {
        calls += 1;
        if (calls <= 4) throw new Error('flaky');
      },
      { topic: { retry: { maxRetries: 1, backoffMs: 100, maxBackoffMs: 200 } }, produce: [json({ id: 0 })] },
    );
    await until(() => calls === 1);
    expect(client.lastConsumer?.pausedPartitions()).toEqual(['orders/0']);
    for (const delay of [100, 200, 200, 200]) await jest.advanceTimersByTimeAsync(delay);
    await until(() => committed(cluster) === '1');
    expect(calls).toBe(5);
    expect(errored.map((e) => e.action)).toEqual(['retry', 'pause', 'pause', 'pause']);
    expect(client.lastConsumer?.pausedPartitions()).toEqual([]);
    await runner.stop(1000);
  });

  it('retries from the first message after the last markAsConsumed, committing the marked ones', async () => {
    const calls: number[][] = [];
    const { runner, cluster } = await startRunner(
      async (messages, ctx) => {
        calls.push(ids(messages));
        if (calls.length === 1) {
          ctx.markAsConsumed(messages[1]);
          throw new Error('failed at the third');
        }
      },
      { topic: withDlq, produce: [0, 1, 2, 3].map((id) => json({ id })) },
    );
    await until(() => calls.length === 1);
    expect(committed(cluster)).toBe('2');
    await jest.advanceTimersByTimeAsync(1000);
    await until(() => committed(cluster) === '4');
    expect(calls).toEqual([
      [0, 1, 2, 3],
      [2, 3],
    ]);
    await runner.stop(1000);
  });

  it('ctx.pause holds the partition back for its time; ctx.seek moves where the next fetch starts', async () => {
    const calls: number[][] = [];
    const { runner, cluster } = await startRunner(
      async (messages, ctx) => {
        calls.push(ids(messages));
        if (calls.length === 1) ctx.pause(5000);
        if (calls.length === 2) ctx.seek(0);
      },
      { produce: [json({ id: 0 })] },
    );
    await until(() => committed(cluster) === '1');
    cluster.append('orders', [json({ id: 1 })]);
    await jest.advanceTimersByTimeAsync(4999);
    expect(calls).toEqual([[0]]);
    await jest.advanceTimersByTimeAsync(1);
    await until(() => calls.length === 3);
    // The seek committed its offset and the next fetch started there.
    expect(calls).toEqual([[0], [1], [0, 1]]);
    await until(() => committed(cluster) === '2');
    await runner.stop(1000);
  });

  it('on stop, lets the batch in progress finish and commit, and consumes nothing after it', async () => {
    let release!: () => void;
    const calls: number[][] = [];
    const { runner, cluster } = await startRunner(
      async (messages) => {
        calls.push(ids(messages));
        await new Promise<void>((resolve) => (release = resolve));
      },
      { produce: [json({ id: 0 }), json({ id: 1 })] },
    );
    await until(() => calls.length === 1);
    const stopped = runner.stop(5000);
    cluster.append('orders', [json({ id: 2 })]);
    release();
    await stopped;
    expect(calls).toEqual([[0, 1]]);
    expect(committed(cluster)).toBe('2');
    expect(runner.info()).toMatchObject({ state: 'stopped', consumers: 0 });
  });

  describe('heartbeats while a consume call runs', () => {
    /** A runner whose `consume` runs until the test releases it; `heartbeats` counts what reached the driver. */
    async function slowConsume(topic: KafkaTopicOptions = {}) {
      let release: (() => void) | undefined;
      const started = await startRunner(() => new Promise<void>((resolve) => (release = resolve)), {
        topic,
        produce: [json({ id: 0 })],
      });
      await until(() => release !== undefined, 'the consume call started');
      const consumer = started.client.lastConsumer!;
      return { ...started, consumer, release: () => release!() };
    }
    const everySecond: KafkaTopicOptions = { kafka: { 'heartbeat.interval.ms': 1000 }, inherit: true };

    it('every heartbeat interval until the call returns, then no more', async () => {
      const { runner, cluster, consumer, release } = await slowConsume(everySecond);
      await jest.advanceTimersByTimeAsync(999);
      expect(consumer.heartbeats).toBe(0);
      await jest.advanceTimersByTimeAsync(1);
      expect(consumer.heartbeats).toBe(1);
      // A call of 10 s, ten heartbeat intervals.
      await jest.advanceTimersByTimeAsync(9000);
      expect(consumer.heartbeats).toBe(10);
      release();
      await until(() => committed(cluster) === '1', 'the batch committed');
      // ...and the one between chunks.
      expect(consumer.heartbeats).toBe(11);
      await jest.advanceTimersByTimeAsync(10_000);
      expect(consumer.heartbeats).toBe(11);
      await runner.stop(1000);
    });

    it("at Kafka's default interval (3 s) when the cluster sets none", async () => {
      const { runner, consumer, release } = await slowConsume();
      await jest.advanceTimersByTimeAsync(2999);
      expect(consumer.heartbeats).toBe(0);
      await jest.advanceTimersByTimeAsync(1);
      expect(consumer.heartbeats).toBe(1);
      release();
      await runner.stop(1000);
    });

    it('none once stop gave up waiting for the call', async () => {
      const { runner, consumer, release } = await slowConsume(everySecond);
      const stopped = runner.stop(1500);
      await jest.advanceTimersByTimeAsync(1500);
      await stopped;
      const atStop = consumer.heartbeats;
      await jest.advanceTimersByTimeAsync(5000);
      expect(consumer.heartbeats).toBe(atStop);
      release();
    });

    it('a failed heartbeat (the group rebalancing) neither fails the call nor stops the next ones', async () => {
      const { runner, cluster, consumer, release, errored } = await slowConsume(everySecond);
      let failures = 0;
      consumer.onHeartbeat(() => {
        if (failures++ === 0) throw new Error('The group is rebalancing, so a rejoin is needed');
      });
      await jest.advanceTimersByTimeAsync(3000);
      expect(consumer.heartbeats).toBe(3);
      release();
      await until(() => committed(cluster) === '1', 'the batch committed');
      expect(errored).toEqual([]);
      await runner.stop(1000);
    });
  });

  it('reconnects with backoff after a crash the driver does not recover from', async () => {
    const calls: number[][] = [];
    const { runner, client, cluster } = await startRunner(
      async (messages) => void calls.push(ids(messages)),
      {
        runner: { reconnect: { initialMs: 100, maxMs: 150 } },
        produce: [json({ id: 0 })],
      },
    );
    await until(() => committed(cluster) === '1');
    expect(runner.info()).toMatchObject({ state: 'running', assignment: { orders: [0] } });
    cluster.failConnects(new Error('ECONNREFUSED'), 2);
    await client.lastConsumer?.crash(new Error('coordinator gone'));
    await until(() => runner.info().state === 'reconnecting');
    expect(client.consumers).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(100); // attempt 1 fails to connect
    await until(() => client.consumers.length === 2);
    await jest.advanceTimersByTimeAsync(149);
    expect(client.consumers).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1); // attempt 2 (backoff 200, capped at 150) fails too
    await until(() => client.consumers.length === 3);
    await jest.advanceTimersByTimeAsync(150);
    await until(() => runner.info().state === 'running');
    expect(client.consumers).toHaveLength(4);
    cluster.append('orders', [json({ id: 1 })]);
    await until(() => committed(cluster) === '2');
    // Consumption resumed from the committed offset: nothing was delivered twice.
    expect(calls).toEqual([[0], [1]]);
    // Each new consumer is told which member the group may still hold, so the driver can make it leave.
    const [first] = client.consumers;
    expect(client.consumers.map((consumer) => consumer.previousMemberId)).toEqual([
      undefined,
      first.memberId,
      first.memberId,
      first.memberId,
    ]);
    await runner.stop(1000);
  });
});

describe('what a runner tells the monitor and health checks (in-memory driver)', () => {
  it('publishes its state changes, the join, each poll, and each consume call before and after', async () => {
    const monitor = new KarafkaMonitor();
    const seen: string[] = [];
    monitor.on(
      'consumer.state.changed',
      ({ previous, state }) => void seen.push(`state ${previous}→${state}`),
    );
    monitor.on(
      'consumer.rebalanced',
      ({ assignment }) => void seen.push(`joined ${JSON.stringify(assignment)}`),
    );
    monitor.on('consumer.polled', ({ batches }) => void seen.push(`polled ${batches}`));
    monitor.on(
      'consumer.consuming',
      ({ count, firstOffset }) => void seen.push(`consuming ${count}@${firstOffset}`),
    );
    monitor.on('consumer.consumed', ({ count, lastOffset, highWatermark, subscriptionGroup }) =>
      seen.push(`consumed ${count} to ${lastOffset} of ${highWatermark} in ${subscriptionGroup}`),
    );
    const { runner, cluster } = await startRunner(async () => undefined, { monitor });
    cluster.append('orders', [json({ id: 1 }), json({ id: 2 })]);
    await until(() => committed(cluster) === '2', 'both offsets committed');
    await runner.stop(1000);
    expect(seen.slice(0, 4)).toEqual([
      'state idle→connecting',
      'state connecting→running',
      'joined {"orders":[0]}',
      'polled 0',
    ]);
    expect(seen).toEqual(
      expect.arrayContaining([
        'polled 1',
        'consuming 2@0',
        `consumed 2 to 1 of 2 in ${runner.id}`,
        'state running→stopping',
      ]),
    );
    expect(seen.indexOf('consuming 2@0')).toBeLessThan(seen.indexOf(`consumed 2 to 1 of 2 in ${runner.id}`));
    expect(seen[seen.length - 1]).toBe('state stopping→stopped');
  });

  it("tells since when a consume call runs, when it last polled, and each partition's lag", async () => {
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const { runner, cluster } = await startRunner(async () => {
      calls++;
      if (calls === 1) await blocked;
    });
    const before = Date.now();
    cluster.append('orders', [json({ id: 1 }), json({ id: 2 }), json({ id: 3 })]);
    await until(() => calls === 1, 'the first consume call');
    const busy = runner.info();
    expect(busy.consumingSince).toBeGreaterThanOrEqual(before);
    expect(busy.lastPollAt).toBeGreaterThanOrEqual(before);
    expect(busy.state).toBe('running');
    expect(busy.partitions).toEqual([
      { topic: 'orders', partition: 0, highWatermark: '3', consumedOffset: undefined, lag: 3 },
    ]);
    release();
    await until(() => committed(cluster) === '3', 'every offset committed');
    const idle = runner.info();
    expect(idle.consumingSince).toBeUndefined();
    expect(idle.partitions).toEqual([
      { topic: 'orders', partition: 0, highWatermark: '3', consumedOffset: '2', lag: 0 },
    ]);
    await runner.stop(1000);
  });
});
