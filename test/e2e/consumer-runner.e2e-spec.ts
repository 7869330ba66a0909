/**
 * The subscription-group runner against the two real clusters, without the Nest module: routing is built by
 * hand and handlers are plain functions, so each spec isolates one processing rule.
 */
import { KarafkaMonitor } from '../../lib/instrumentation/karafka-monitor';
import type {
  ConsumerConsumedEvent,
  ConsumerErroredEvent,
  ErrorOccurredEvent,
} from '../../lib/instrumentation/monitor-events.interface';
import type { ConsumeHandler } from '../../lib/consumer/consumer-handler.factory';
import { DEAD_LETTER_HEADERS } from '../../lib/consumer/dead-letter';
import type { KafkaContext } from '../../lib/consumer/kafka-context';
import type { KafkaMessage } from '../../lib/message/kafka-message.interface';
import { NonRetriableError } from '../../lib/message/non-retriable.error';
import { SubscriptionGroupRunner, type RunnerOptions } from '../../lib/consumer/subscription-group-runner';
import type { SubscriptionGroupDefinition } from '../../lib/routing/routing-table.interface';
import {
  RecordingDeadLetterSink,
  clusterDefinition,
  committedOffsets,
  driverClient,
  jsonRecords,
  produce,
  subscriptionGroup,
  topicRoute,
} from '../fixtures/consumer-kafka';
import {
  createTopic,
  primaryBrokers,
  readWithPeer,
  secondaryBrokers,
  topicExists,
  uniqueName,
  waitFor,
} from '../support/kafka-env';

const PRIMARY_BROKERS = primaryBrokers();
const SECONDARY_BROKERS = secondaryBrokers();
const primary = clusterDefinition('primary', PRIMARY_BROKERS);
const secondary = clusterDefinition('secondary', SECONDARY_BROKERS);

interface Call {
  topic: string;
  partition: number;
  offsets: string[];
  ids: unknown[];
  attempt: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SubscriptionGroupRunner (real brokers)', () => {
  const monitor = new KarafkaMonitor();
  const sink = new RecordingDeadLetterSink({ primary, secondary });
  const runners: SubscriptionGroupRunner[] = [];
  const consumed: ConsumerConsumedEvent[] = [];
  const errored: ConsumerErroredEvent[] = [];
  const errors: ErrorOccurredEvent[] = [];
  monitor.on('consumer.consumed', (e) => consumed.push(e));
  monitor.on('consumer.errored', (e) => errored.push(e));
  monitor.on('error.occurred', (e) => errors.push(e));

  beforeEach(() => {
    consumed.length = 0;
    errored.length = 0;
    errors.length = 0;
  });

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop(10000)));
  });

  afterAll(() => sink.close());

  /** Starts a runner whose handler records every call, then calls `handle`. */
  async function run(
    group: SubscriptionGroupDefinition,
    handle: (messages: KafkaMessage[], ctx: KafkaContext) => unknown = () => undefined,
    options: RunnerOptions & { readsPayload?: (message: KafkaMessage) => boolean } = {},
  ): Promise<{ runner: SubscriptionGroupRunner; calls: Call[] }> {
    const calls: Call[] = [];
    const { readsPayload = () => true, ...runnerOptions } = options;
    const handler: ConsumeHandler = async (messages, ctx) => {
      calls.push({
        topic: ctx.topic,
        partition: ctx.partition,
        offsets: messages.map((m) => m.offset),
        ids: messages.map((m) => (readsPayload(m) ? (m.payload as { id: unknown }).id : undefined)),
        attempt: ctx.attempt,
      });
      await handle(messages, ctx);
    };
    const runner = new SubscriptionGroupRunner(group, {
      client: driverClient(group.cluster),
      handlers: new Map(group.topics.map((route) => [route.topic, handler])),
      monitor,
      deadLetterSink: sink,
      options: runnerOptions,
    });
    runners.push(runner);
    await runner.start();
    return { runner, calls };
  }

  const idsOf = (calls: Call[]) => calls.flatMap((call) => call.ids);

  it('delivers every message once, in batches of at most maxMessages of one partition, decoded, and commits them', async () => {
    const topic = uniqueName('plain');
    const groupId = uniqueName('group');
    await createTopic(PRIMARY_BROKERS, topic, 2);
    await produce(PRIMARY_BROKERS, topic, jsonRecords(22, 2));
    const seen: KafkaMessage[] = [];
    const group = subscriptionGroup([topicRoute(topic, primary, groupId, { maxMessages: 5 })]);
    const { runner, calls } = await run(group, (messages) => void seen.push(...messages));

    await waitFor(() => seen.length >= 22, { description: `22 messages (have ${seen.length})` });
    expect(runner.info()).toMatchObject({
      state: 'running',
      consumers: 1,
      cluster: 'primary',
      groupId,
      topics: [topic],
    });
    expect(calls.every((call) => call.offsets.length <= 5)).toBe(true);
    expect(calls.some((call) => call.offsets.length === 5)).toBe(true);

    const json = seen;
    expect(json.map((m) => (m.payload as { id: number }).id).sort((a, b) => a - b)).toEqual([
      ...Array(22).keys(),
    ]);
    for (const message of json) {
      const id = (message.payload as { id: number }).id;
      expect(message).toMatchObject({
        key: `k${id}`,
        topic,
        partition: id % 2,
        cluster: 'primary',
        headers: {},
      });
      expect(message.rawPayload?.toString()).toBe(JSON.stringify({ id }));
      expect(message.timestamp).toBeInstanceOf(Date);
      expect(Math.abs(message.timestamp.getTime() - Date.now())).toBeLessThan(5 * 60_000);
    }

    await waitFor(
      async () => {
        const offsets = await committedOffsets(PRIMARY_BROKERS, groupId, topic);
        return offsets[0] === '11' && offsets[1] === '11';
      },
      { description: 'offsets 11 and 11 committed' },
    );
    expect(consumed.reduce((sum, e) => sum + e.count, 0)).toBe(22);
    expect(
      consumed.every((e) => e.cluster === 'primary' && e.subscriptionGroup === group.id && e.topic === topic),
    ).toBe(true);
  });

  it('with concurrency N processes N partitions at once, each still in order; with the default, one at a time', async () => {
    const groupId = uniqueName('group');
    const parallel = uniqueName('parallel');
    const serial = uniqueName('serial');
    await Promise.all([createTopic(PRIMARY_BROKERS, parallel, 3), createTopic(PRIMARY_BROKERS, serial, 3)]);
    await Promise.all([
      produce(PRIMARY_BROKERS, parallel, jsonRecords(30, 3)),
      produce(PRIMARY_BROKERS, serial, jsonRecords(30, 3)),
    ]);

    // Every call of the parallel group waits until three are in progress at once: it can only finish if the
    // runner really hands three partitions to consume concurrently.
    let active = 0;
    let mostActive = 0;
    let release!: () => void;
    const allThreeIn = new Promise<void>((resolve) => (release = resolve));
    const { calls } = await run(
      subscriptionGroup([topicRoute(parallel, primary, groupId, { maxMessages: 5, concurrency: 3 })]),
      async () => {
        active += 1;
        mostActive = Math.max(mostActive, active);
        if (active === 3) release();
        await allThreeIn;
        active -= 1;
      },
    );
    await waitFor(() => idsOf(calls).length >= 30, {
      description: `30 messages (have ${idsOf(calls).length})`,
    });
    expect(mostActive).toBe(3);

    // The serial group yields to the event loop inside every call, so overlapping calls would show.
    let serialActive = 0;
    let serialMost = 0;
    const { calls: serialCalls } = await run(
      subscriptionGroup([topicRoute(serial, primary, uniqueName('group'), { maxMessages: 5 })]),
      async () => {
        serialActive += 1;
        serialMost = Math.max(serialMost, serialActive);
        for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
        serialActive -= 1;
      },
    );
    await waitFor(() => idsOf(serialCalls).length >= 30, {
      description: `30 serial messages (have ${idsOf(serialCalls).length})`,
    });
    expect(serialMost).toBe(1);

    for (const observed of [calls, serialCalls]) {
      expect(idsOf(observed).sort((a, b) => (a as number) - (b as number))).toEqual([...Array(30).keys()]);
      for (const partition of [0, 1, 2]) {
        const offsets = observed
          .filter((call) => call.partition === partition)
          .flatMap((call) => call.offsets);
        expect(offsets).toEqual([...Array(10).keys()].map(String));
      }
    }
    await waitFor(
      async () =>
        Object.values(await committedOffsets(PRIMARY_BROKERS, groupId, parallel)).join() === '10,10,10',
      { description: 'offset 10 committed on every partition of the parallel topic' },
    );
  });

  it('retries with backoff, then dead-letters the first message after the last markAsConsumed on the topic’s own cluster', async () => {
    const topic = uniqueName('orders-secondary');
    const dlq = `${topic}.dlq`;
    const groupId = uniqueName('group');
    await createTopic(SECONDARY_BROKERS, topic, 1);
    await createTopic(SECONDARY_BROKERS, dlq, 1);
    await produce(SECONDARY_BROKERS, topic, [
      ...jsonRecords(2),
      { key: 'k2', value: JSON.stringify({ id: 2, poison: true }), headers: { trace: 't-2' } },
      ...jsonRecords(3, 1, 3),
    ]);
    const processed: number[] = [];
    const route = topicRoute(topic, secondary, groupId, {
      retry: { maxRetries: 5, backoffMs: 50, maxBackoffMs: 200, multiplier: 2 },
      deadLetterQueue: { topic: dlq, maxRetries: 2 },
    });
    const { calls } = await run(subscriptionGroup([route]), (messages, ctx) => {
      for (const message of messages) {
        const payload = message.payload as { id: number; poison?: boolean };
        if (payload.poison) throw new Error(`cannot process order ${payload.id}`);
        processed.push(payload.id);
        ctx.markAsConsumed(message);
      }
    });

    await waitFor(() => processed.includes(5), { description: `order 5 processed (have ${processed})` });
    // Three attempts at the poison message (1 + dlq.maxRetries); the retries start with it, then the rest follows.
    expect(calls.filter((call) => call.ids.includes(2)).map((call) => [call.ids[0], call.attempt])).toEqual([
      [0, 1],
      [2, 2],
      [2, 3],
    ]);
    expect([...new Set(processed)].sort()).toEqual([0, 1, 3, 4, 5]);
    expect(errored.map((e) => e.action)).toEqual(['retry', 'retry', 'dead-letter']);
    expect(errored.every((e) => e.offset === '2' && e.cluster === 'secondary')).toBe(true);

    const [letter] = await readWithPeer(SECONDARY_BROKERS, dlq, 1);
    expect(letter.key).toBe('k2');
    expect(JSON.parse(letter.value as string)).toEqual({ id: 2, poison: true });
    expect(letter.headers).toMatchObject({
      trace: 't-2',
      [DEAD_LETTER_HEADERS.topic]: topic,
      [DEAD_LETTER_HEADERS.partition]: '0',
      [DEAD_LETTER_HEADERS.offset]: '2',
      [DEAD_LETTER_HEADERS.consumerGroup]: groupId,
      [DEAD_LETTER_HEADERS.cluster]: 'secondary',
      [DEAD_LETTER_HEADERS.attempts]: '3',
      [DEAD_LETTER_HEADERS.errorClass]: 'Error',
      [DEAD_LETTER_HEADERS.errorMessage]: 'cannot process order 2',
    });
    expect(sink.sent.filter((s) => s.topic === dlq).map((s) => s.cluster)).toEqual(['secondary']);
    expect(await topicExists(PRIMARY_BROKERS, dlq)).toBe(false);
    await waitFor(async () => (await committedOffsets(SECONDARY_BROKERS, groupId, topic))[0] === '6', {
      description: 'offset 6 committed',
    });
  });

  it('without markAsConsumed dead-letters the first message of the failing batch (Karafka’s rule), one at a time', async () => {
    const topic = uniqueName('unmarked');
    const dlq = `${topic}.dlq`;
    const groupId = uniqueName('group');
    await createTopic(PRIMARY_BROKERS, topic, 1);
    await createTopic(PRIMARY_BROKERS, dlq, 1);
    await produce(PRIMARY_BROKERS, topic, jsonRecords(6));
    const route = topicRoute(topic, primary, groupId, {
      maxMessages: 3,
      retry: { maxRetries: 1, backoffMs: 50, maxBackoffMs: 100, multiplier: 1 },
      deadLetterQueue: { topic: dlq, maxRetries: 1 },
    });
    const { calls } = await run(subscriptionGroup([route]), (messages) => {
      if (messages.some((m) => (m.payload as { id: number }).id === 2))
        throw new Error('batch contains order 2');
    });

    await waitFor(() => calls.some((call) => call.ids.includes(5)), { description: 'order 5 delivered' });
    const letters = await readWithPeer(PRIMARY_BROKERS, dlq, 3);
    expect(letters.map((l) => JSON.parse(l.value as string).id)).toEqual([0, 1, 2]);
    expect(letters.every((l) => l.headers[DEAD_LETTER_HEADERS.attempts] === '2')).toBe(true);
    // Each dead-lettered message led two failing batches (1 + maxRetries); batches after a retry are fetched anew.
    const firstIds = calls.map((call) => call.ids[0]);
    expect([0, 1, 2].map((id) => firstIds.filter((first) => first === id).length)).toEqual([2, 2, 2]);
    await waitFor(async () => (await committedOffsets(PRIMARY_BROKERS, groupId, topic))[0] === '6', {
      description: 'offset 6 committed',
    });
    expect(calls.at(-1)?.ids.at(-1)).toBe(5);
  });

  it('sends a non-retriable failure straight to the DLQ, isolating the invalid message from the valid ones', async () => {
    const topic = uniqueName('validation');
    const dlq = `${topic}.dlq`;
    const groupId = uniqueName('group');
    await createTopic(PRIMARY_BROKERS, topic, 1);
    await createTopic(PRIMARY_BROKERS, dlq, 1);
    await produce(PRIMARY_BROKERS, topic, [
      ...jsonRecords(3),
      { key: 'k3', value: JSON.stringify({ id: 3, invalid: true }) },
      ...jsonRecords(2, 1, 4),
    ]);
    const processed: number[] = [];
    const route = topicRoute(topic, primary, groupId, { deadLetterQueue: { topic: dlq, maxRetries: 3 } });
    const { calls } = await run(subscriptionGroup([route]), (messages) => {
      const invalid = messages.filter((m) => (m.payload as { invalid?: boolean }).invalid);
      if (invalid.length > 0) throw new NonRetriableError(`${invalid.length} invalid order(s) in the batch`);
      processed.push(...messages.map((m) => (m.payload as { id: number }).id));
    });

    const [letter] = await readWithPeer(PRIMARY_BROKERS, dlq, 1);
    expect(JSON.parse(letter.value as string)).toEqual({ id: 3, invalid: true });
    expect(letter.headers).toMatchObject({
      [DEAD_LETTER_HEADERS.attempts]: '1',
      [DEAD_LETTER_HEADERS.errorClass]: 'NonRetriableError',
      [DEAD_LETTER_HEADERS.offset]: '3',
    });
    await waitFor(() => processed.length >= 5, { description: `5 valid orders (have ${processed})` });
    expect(processed.sort()).toEqual([0, 1, 2, 4, 5]);
    // One batch call, then one call per message: no retries of a batch that can never succeed.
    expect(calls.map((call) => call.ids)).toEqual([[0, 1, 2, 3, 4, 5], [0], [1], [2], [3], [4], [5]]);
    expect(errored.map((e) => [e.action, e.offset])).toEqual([['dead-letter', '3']]);
    await waitFor(async () => (await committedOffsets(PRIMARY_BROKERS, groupId, topic))[0] === '6', {
      description: 'offset 6 committed',
    });
  });

  it.each([
    ['decoded before consume', false],
    ['decoded where consume reads it (lazyPayload)', true],
  ])(
    'dead-letters a value that is not JSON (default deserializer), %s, with the reason, and consumes the others',
    async (_, lazyPayload) => {
      const topic = uniqueName('not-json');
      const dlq = `${topic}.dlq`;
      const groupId = uniqueName('group');
      await createTopic(PRIMARY_BROKERS, topic, 1);
      await createTopic(PRIMARY_BROKERS, dlq, 1);
      await produce(PRIMARY_BROKERS, topic, [
        ...jsonRecords(2),
        { key: 'text', value: 'plain text', headers: { kind: 'text' } },
        ...jsonRecords(2, 1, 3),
      ]);
      const route = topicRoute(topic, primary, groupId, {
        deadLetterQueue: { topic: dlq, maxRetries: 3 },
        lazyPayload,
      });
      const { calls } = await run(subscriptionGroup([route]));

      const [letter] = await readWithPeer(PRIMARY_BROKERS, dlq, 1);
      expect(letter.value).toBe('plain text');
      expect(letter.headers).toMatchObject({
        kind: 'text',
        [DEAD_LETTER_HEADERS.offset]: '2',
        [DEAD_LETTER_HEADERS.attempts]: '1',
        [DEAD_LETTER_HEADERS.errorClass]: 'DeserializationError',
      });
      expect(letter.headers[DEAD_LETTER_HEADERS.errorMessage]).toContain('offset 2: the deserializer failed');
      await waitFor(async () => (await committedOffsets(PRIMARY_BROKERS, groupId, topic))[0] === '5', {
        description: 'offset 5 committed',
      });
      // No consume call reads the undecodable value and returns: the messages around it are consumed as batches.
      expect(calls.map((call) => call.ids)).toEqual([
        [0, 1],
        [3, 4],
      ]);
      expect(errored.map((e) => [e.action, e.offset])).toEqual([['dead-letter', '2']]);
    },
  );

  it('with lazyPayload, decodes nothing a handler does not read: an undecodable value it never reads is consumed', async () => {
    const topic = uniqueName('lazy-keys');
    const groupId = uniqueName('group');
    await createTopic(PRIMARY_BROKERS, topic, 1);
    await produce(PRIMARY_BROKERS, topic, [
      ...jsonRecords(2),
      { key: 'text', value: 'plain text' },
      ...jsonRecords(2, 1, 3),
    ]);
    let decoded = 0;
    const deserializer = (value: Buffer | null) => {
      decoded += 1;
      return JSON.parse(String(value)) as unknown;
    };
    const route = topicRoute(topic, primary, groupId, { deserializer, lazyPayload: true });
    const keys: Array<string | null> = [];
    await run(subscriptionGroup([route]), (messages) => void keys.push(...messages.map((m) => m.key)), {
      readsPayload: (message) => message.key !== 'text' && message.key !== 'k4',
    });

    await waitFor(async () => (await committedOffsets(PRIMARY_BROKERS, groupId, topic))[0] === '5', {
      description: 'offset 5 committed',
    });
    expect(keys).toEqual(['k0', 'k1', 'text', 'k3', 'k4']);
    // Only the three payloads the handler read were decoded; nothing failed.
    expect(decoded).toBe(3);
    expect(errored).toEqual([]);
  });

  it('dead-letters a message its deserializer cannot decode, without calling consume with it', async () => {
    const topic = uniqueName('undecodable');
    const dlq = `${topic}.dlq`;
    const groupId = uniqueName('group');
    await createTopic(PRIMARY_BROKERS, topic, 1);
    await createTopic(PRIMARY_BROKERS, dlq, 1);
    await produce(PRIMARY_BROKERS, topic, [{ value: 'v1:a' }, { value: 'garbage' }, { value: 'v1:c' }]);
    const deserializer = (value: Buffer | null) => {
      const text = value?.toString() ?? '';
      if (!text.startsWith('v1:')) throw new Error(`unknown format '${text}'`);
      return { id: text.slice(3) };
    };
    const route = topicRoute(topic, primary, groupId, {
      deserializer,
      deadLetterQueue: { topic: dlq, maxRetries: 3 },
    });
    const { calls } = await run(subscriptionGroup([route]));

    const [letter] = await readWithPeer(PRIMARY_BROKERS, dlq, 1);
    expect(letter.value).toBe('garbage');
    expect(letter.headers[DEAD_LETTER_HEADERS.errorClass]).toBe('DeserializationError');
    expect(letter.headers[DEAD_LETTER_HEADERS.errorMessage]).toContain("unknown format 'garbage'");
    await waitFor(() => idsOf(calls).includes('c'), { description: 'message c delivered' });
    expect(calls.map((call) => call.ids)).toEqual([['a'], ['c']]);
  });

  it('with no DLQ keeps the failing partition paused and retrying past maxRetries, while other partitions flow', async () => {
    const topic = uniqueName('no-dlq');
    const groupId = uniqueName('group');
    await createTopic(PRIMARY_BROKERS, topic, 2);
    await produce(PRIMARY_BROKERS, topic, jsonRecords(2, 2));
    let failuresLeft = 4;
    let partition1DoneWhileFailing = false;
    const route = topicRoute(topic, primary, groupId, {
      retry: { maxRetries: 1, backoffMs: 100, maxBackoffMs: 400, multiplier: 2 },
    });
    const { calls } = await run(subscriptionGroup([route]), (messages, ctx) => {
      if (ctx.partition === 1) {
        partition1DoneWhileFailing = failuresLeft > 0;
        return;
      }
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error('database unavailable');
      }
    });

    await waitFor(() => calls.some((call) => call.partition === 0 && call.attempt === 5), {
      description: 'the fifth attempt on partition 0',
    });
    expect(calls.filter((call) => call.partition === 0).map((call) => call.attempt)).toEqual([1, 2, 3, 4, 5]);
    expect(partition1DoneWhileFailing).toBe(true);
    expect(errored.map((e) => e.action)).toEqual(['retry', 'pause', 'pause', 'pause']);
    await waitFor(
      async () => {
        const offsets = await committedOffsets(PRIMARY_BROKERS, groupId, topic);
        return offsets[0] === '1' && offsets[1] === '1';
      },
      { description: 'both partitions committed' },
    );
  });

  it('ctx.seek re-reads from the given offset and ctx.pause holds the partition for the given time', async () => {
    const topic = uniqueName('seek-pause');
    const groupId = uniqueName('group');
    await createTopic(PRIMARY_BROKERS, topic, 1);
    await produce(PRIMARY_BROKERS, topic, jsonRecords(4));
    let sought = false;
    let pausedAt = 0;
    const route = topicRoute(topic, primary, groupId, { maxMessages: 2 });
    const { calls } = await run(subscriptionGroup([route]), (messages, ctx) => {
      const ids = messages.map((m) => (m.payload as { id: number }).id);
      if (ids.includes(3) && !sought) {
        sought = true;
        ctx.seek(1);
      } else if (ids.includes(3) && pausedAt === 0) {
        pausedAt = Date.now();
        ctx.pause(1500);
      }
    });

    await waitFor(() => pausedAt > 0, { description: 'the pause' });
    await produce(PRIMARY_BROKERS, topic, jsonRecords(1, 1, 4));
    await waitFor(() => idsOf(calls).includes(4), { description: 'order 4 delivered after the pause' });
    const resumedAt = Date.now();
    expect(calls.map((call) => call.ids)).toEqual([[0, 1], [2, 3], [1, 2], [3], [4]]);
    expect(resumedAt - pausedAt).toBeGreaterThanOrEqual(1400);
    await waitFor(async () => (await committedOffsets(PRIMARY_BROKERS, groupId, topic))[0] === '5', {
      description: 'offset 5 committed',
    });
  });

  it('seek to the batch’s first offset plus pause delivers the same batch again once the pause ends', async () => {
    const topic = uniqueName('back-off');
    const groupId = uniqueName('group');
    await createTopic(PRIMARY_BROKERS, topic, 1);
    await produce(PRIMARY_BROKERS, topic, jsonRecords(3));
    let backedOffAt = 0;
    const { calls } = await run(subscriptionGroup([topicRoute(topic, primary, groupId)]), (messages, ctx) => {
      if (backedOffAt === 0) {
        backedOffAt = Date.now();
        ctx.seek(messages[0].offset);
        ctx.pause(1000);
      }
    });

    await waitFor(() => calls.length === 2, { description: 'the batch delivered again' });
    const againAt = Date.now();
    expect(calls.map((call) => call.ids)).toEqual([
      [0, 1, 2],
      [0, 1, 2],
    ]);
    expect(againAt - backedOffAt).toBeGreaterThanOrEqual(900);
    await waitFor(async () => (await committedOffsets(PRIMARY_BROKERS, groupId, topic))[0] === '3', {
      description: 'offset 3 committed',
    });
  });

  it('stop() lets the batch in progress finish and commit; a new member continues with no loss and no duplicate', async () => {
    const topic = uniqueName('drain');
    const groupId = uniqueName('group');
    await createTopic(PRIMARY_BROKERS, topic, 1);
    await produce(PRIMARY_BROKERS, topic, jsonRecords(30));
    const route = topicRoute(topic, primary, groupId, { maxMessages: 5 });
    const finished: number[] = [];
    let inFlight = false;
    const slow = async (messages: KafkaMessage[]) => {
      inFlight = true;
      await sleep(300);
      finished.push(...messages.map((m) => (m.payload as { id: number }).id));
      inFlight = false;
    };
    const first = await run(subscriptionGroup([route]), slow);
    await waitFor(() => first.calls.length >= 2 && inFlight, { description: 'the second batch in progress' });
    await first.runner.stop(10000);
    expect(inFlight).toBe(false);
    expect(first.runner.info()).toMatchObject({ state: 'stopped', consumers: 0 });
    const drained = finished.length;
    expect(drained).toBeGreaterThanOrEqual(10);
    expect(drained).toBeLessThan(30);
    expect((await committedOffsets(PRIMARY_BROKERS, groupId, topic))[0]).toBe(String(drained));

    const second = await run(subscriptionGroup([route]), slow);
    await waitFor(() => finished.length >= 30, { description: `30 orders (have ${finished.length})` });
    expect(second.calls[0].ids[0]).toBe(drained);
    expect(finished).toEqual([...Array(30).keys()]);
  });

  it('stop(timeout) gives up on a batch that does not finish; it is not committed and is delivered again', async () => {
    const topic = uniqueName('hung');
    const groupId = uniqueName('group');
    await createTopic(PRIMARY_BROKERS, topic, 1);
    await produce(PRIMARY_BROKERS, topic, jsonRecords(3));
    let release!: () => void;
    const hung = new Promise<void>((resolve) => (release = resolve));
    let returned = false;
    const first = await run(subscriptionGroup([topicRoute(topic, primary, groupId)]), async () => {
      await hung;
      returned = true;
    });
    await waitFor(() => first.calls.length === 1, { description: 'the batch in progress' });
    await first.runner.stop(500);
    expect(first.runner.info().state).toBe('stopped');
    expect((await committedOffsets(PRIMARY_BROKERS, groupId, topic))[0]).toBe('-1');
    // The abandoned batch completing later must not commit: the next member would then skip it.
    release();
    await waitFor(() => returned, { description: 'the abandoned batch to return' });

    const second = await run(subscriptionGroup([topicRoute(topic, primary, groupId)]));
    await waitFor(() => second.calls.length >= 1, { description: 'redelivery' });
    expect(second.calls[0].ids).toEqual([0, 1, 2]);
  });

  it('an unreachable cluster does not block start and keeps retrying, while a group on another cluster consumes', async () => {
    const nowhere = clusterDefinition('nowhere', ['127.0.0.1:1']);
    nowhere.config.connection.retry = { retries: 1, initialRetryTime: 100, maxRetryTime: 200 };
    const down = subscriptionGroup([topicRoute('anything', nowhere, uniqueName('group'))]);
    const unreachable = await run(down, undefined, {
      startTimeoutMs: 3000,
      reconnect: { initialMs: 100, maxMs: 500 },
    });
    expect(unreachable.runner.info().state).not.toBe('running');

    const topic = uniqueName('healthy');
    await createTopic(PRIMARY_BROKERS, topic, 1);
    await produce(PRIMARY_BROKERS, topic, jsonRecords(3));
    const healthy = await run(subscriptionGroup([topicRoute(topic, primary, uniqueName('group'))]));
    await waitFor(() => idsOf(healthy.calls).length === 3, { description: 'the healthy group consuming' });

    await waitFor(
      () => errors.filter((e) => e.type === 'connection' && e.cluster === 'nowhere').length >= 2,
      { description: 'repeated connection errors for cluster nowhere' },
    );
    expect(unreachable.runner.info()).toMatchObject({ cluster: 'nowhere', brokers: ['127.0.0.1:1'] });
    expect(['connecting', 'reconnecting']).toContain(unreachable.runner.info().state);
    expect(healthy.runner.info().state).toBe('running');
  });

  it('reports a consumer the driver refuses to create, naming the cluster, instead of retrying forever', async () => {
    const misconfigured = clusterDefinition('primary', PRIMARY_BROKERS);
    const route = topicRoute(uniqueName('never'), misconfigured, uniqueName('group'), {
      kafka: { ...misconfigured.config, consumer: { sessionTimeout: 3000, heartbeatInterval: 5000 } },
    });
    const { runner, calls } = await run(subscriptionGroup([route]));
    expect(runner.info()).toMatchObject({ state: 'stopped', consumers: 0 });
    expect(errors).toEqual([
      expect.objectContaining({
        type: 'connection',
        cluster: 'primary',
        error: expect.objectContaining({ message: expect.stringContaining('heartbeatInterval') }),
      }),
    ]);
    expect(calls).toEqual([]);
  });
});
