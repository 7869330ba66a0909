import { FakeDriverProducer, testDefinition } from '../../test/unit/producer/fake-driver-producer';
import type { ProducerSettings } from '../config/kafka-config.types';
import { KarafkaMonitor } from '../instrumentation/karafka-monitor';
import type { KarafkaEventName, KarafkaEvents } from '../instrumentation/monitor-events.interface';
import { DriverError } from '../driver/driver-error';
import { KafkaProduceError } from './kafka-produce.error';
import { KafkaProducer } from './kafka-producer';
import type { ProducerDefinition } from './producer-definition.interface';

function setup(settings: ProducerSettings = {}, definition: Partial<ProducerDefinition> = {}) {
  const driver = new FakeDriverProducer();
  const monitor = new KarafkaMonitor();
  const producer = new KafkaProducer(testDefinition({ settings, ...definition }), driver, monitor);
  const events: Array<{ event: KarafkaEventName; payload: unknown }> = [];
  const listen = <E extends KarafkaEventName>(event: E): Array<KarafkaEvents[E]> => {
    const seen: Array<KarafkaEvents[E]> = [];
    monitor.on(event, (payload) => {
      seen.push(payload);
      events.push({ event, payload });
    });
    return seen;
  };
  return { driver, monitor, producer, listen };
}

const messages = (count: number, topic = 't') =>
  Array.from({ length: count }, (_, i) => ({ topic, payload: `m${i}` }));

describe('KafkaProducer', () => {
  describe('produceAsync batching', () => {
    it('sends everything enqueued in one tick as one request, in order, and reports each offset', async () => {
      const { driver, producer } = setup();

      const deliveries = [
        producer.produceAsync({ topic: 'a', payload: 'a0', key: 'k' }),
        producer.produceAsync({ topic: 'b', payload: 'b0' }),
        producer.produceAsync({ topic: 'a', payload: 'a1', key: 'kk' }),
        producer.produceAsync({ topic: 'a', payload: 'a2', key: 'k' }),
      ];
      expect(driver.batches).toHaveLength(0);

      const reports = await Promise.all(deliveries);
      expect(driver.batches).toHaveLength(1);
      expect(driver.sentValues()).toEqual(['a:a0', 'a:a1', 'a:a2', 'b:b0']);
      expect(driver.batches[0]).toMatchObject({ acks: -1, timeout: 30000 });
      expect(reports).toEqual([
        { topic: 'a', partition: 1, offset: '0' },
        { topic: 'b', partition: 0, offset: '0' },
        { topic: 'a', partition: 0, offset: '0' },
        { topic: 'a', partition: 1, offset: '1' },
      ]);
    });

    it('splits a burst into requests of at most batchNumMessages', async () => {
      const { driver, producer } = setup({ batchNumMessages: 10 });

      await Promise.all(messages(25).map((m) => producer.produceAsync(m)));

      expect(driver.batches.map((b) => b.topicMessages[0].messages.length)).toEqual([10, 10, 5]);
      expect(driver.sentValues()).toEqual(messages(25).map((m) => `t:${m.payload}`));
    });

    it('keeps up to maxInFlightRequests requests in flight and accumulates the rest into full batches', async () => {
      const { driver, producer } = setup({ batchNumMessages: 10, maxInFlightRequests: 2 });
      await producer.connect();
      driver.hold = true;

      const first = messages(25).map((m) => producer.produceAsync(m));
      await new Promise((resolve) => setImmediate(resolve));
      expect(driver.heldCount).toBe(2);

      // Enqueued while both slots are busy: joins the waiting messages instead of going out alone.
      const late = producer.produceAsync({ topic: 't', payload: 'late' });
      await new Promise((resolve) => setImmediate(resolve));
      expect(driver.heldCount).toBe(2);

      driver.hold = false;
      driver.release();
      await Promise.all([...first, late]);
      expect(driver.batches.map((b) => b.topicMessages[0].messages.length)).toEqual([10, 10, 6]);
    });

    it('waits lingerMs for more messages when set', async () => {
      const { driver, producer } = setup({ lingerMs: 30 });

      const first = producer.produceAsync({ topic: 't', payload: 'a' });
      await new Promise((resolve) => setImmediate(resolve));
      expect(driver.batches).toHaveLength(0);
      const second = producer.produceAsync({ topic: 't', payload: 'b' });

      await Promise.all([first, second]);
      expect(driver.batches).toHaveLength(1);
      expect(driver.sentValues()).toEqual(['t:a', 't:b']);
    });

    it('passes compression and acks from the settings', async () => {
      const { driver, producer } = setup({ compression: 'gzip', acks: 1, ackTimeoutMs: 1234 });

      await producer.produceAsync({ topic: 't', payload: 'x' });

      expect(driver.batches[0]).toMatchObject({ compression: 'gzip', acks: 1, timeout: 1234 });
    });
  });

  describe('produceSync', () => {
    it('sends at once, behind async messages of the same tick, in the same request', async () => {
      const { driver, producer } = setup();
      await producer.connect();

      const queued = producer.produceAsync({ topic: 't', payload: 'async' });
      const report = producer.produceSync({ topic: 't', payload: 'sync' });
      expect(driver.batches).toHaveLength(1);

      expect(await report).toEqual({ topic: 't', partition: 0, offset: '1' });
      expect(await queued).toEqual({ topic: 't', partition: 0, offset: '0' });
    });

    it('produceManySync sends all messages and resolves with every report in order', async () => {
      const { driver, producer } = setup({ batchNumMessages: 2 });

      const reports = await producer.produceManySync(messages(3));

      expect(driver.batches).toHaveLength(2);
      expect(reports.map((r) => r.offset)).toEqual(['0', '1', '2']);
    });

    it('produceManyAsync joins the messages enqueued in the same tick', async () => {
      const { driver, producer } = setup();

      const single = producer.produceAsync({ topic: 't', payload: 'one' });
      const many = producer.produceManyAsync(messages(2, 'u'));

      expect(await many).toEqual([
        { topic: 'u', partition: 0, offset: '0' },
        { topic: 'u', partition: 0, offset: '1' },
      ]);
      expect(await single).toEqual({ topic: 't', partition: 0, offset: '0' });
      expect(driver.batches).toHaveLength(1);
    });

    it('produceManySync with an empty list resolves with no reports and sends nothing', async () => {
      const { driver, producer } = setup();

      expect(await producer.produceManySync([])).toEqual([]);
      expect(driver.batches).toHaveLength(0);
    });
  });

  describe('payloads', () => {
    it('JSON-encodes objects, keeps strings and Buffers, sends null as a tombstone', async () => {
      const { driver, producer } = setup();
      const buffer = Buffer.from([1, 2, 3]);

      await producer.produceManySync([
        {
          topic: 't',
          payload: { id: 1 },
          key: 'k',
          headers: { h: 'v' },
          partition: 0,
          timestamp: new Date(1700000000000),
        },
        { topic: 't', payload: 'text' },
        { topic: 't', payload: buffer, key: Buffer.from('b') },
        { topic: 't', payload: null, key: 'gone' },
        { topic: 't', payload: 42, timestamp: 1700000000001 },
      ]);

      const records = driver.batches[0].topicMessages[0].messages;
      expect(records[0]).toMatchObject({
        key: 'k',
        value: '{"id":1}',
        partition: 0,
        headers: { h: 'v' },
        timestamp: '1700000000000',
      });
      expect(records[1].value).toBe('text');
      expect(records[2].value).toBe(buffer);
      expect(records[3]).toMatchObject({ key: 'gone', value: null });
      expect(records[4]).toMatchObject({ value: '42', timestamp: '1700000000001' });
    });

    it('uses the producer serializer, and a topic serializer over it', async () => {
      const { driver, producer } = setup(
        {},
        {
          serializer: (payload, { topic }) => `${topic}|${JSON.stringify(payload)}`,
          topicSerializers: { special: () => Buffer.from('S') },
        },
      );

      await producer.produceManySync([
        { topic: 'plain', payload: { a: 1 } },
        { topic: 'special', payload: { a: 1 } },
        { topic: 'plain', payload: 'raw string' },
      ]);

      expect(driver.sentValues()).toEqual(['plain:plain|{"a":1}', 'plain:raw string', 'special:S']);
    });

    it('rejects a bad message at once with an error naming producer, cluster and topic, and sends nothing', async () => {
      const { driver, producer, listen } = setup();
      const errors = listen('error.occurred');

      await expect(producer.produceAsync({ topic: 'orders', payload: undefined })).rejects.toThrow(
        `Producer 'default' (cluster 'primary') cannot produce to topic 'orders': payload is undefined (use null for a tombstone)`,
      );
      await expect(producer.produceSync({ topic: '', payload: 1 })).rejects.toThrow(
        'cannot produce this message: it has no topic (got "")',
      );
      await expect(producer.produceSync({ topic: 'orders', payload: 1, key: 7 as never })).rejects.toThrow(
        'key must be a string, a Buffer or null, got number',
      );
      await expect(producer.produceSync({ topic: 'orders', payload: { n: BigInt(1) } })).rejects.toThrow(
        `cannot produce to topic 'orders': Do not know how to serialize a BigInt`,
      );
      await expect(producer.produceSync({ topic: 'orders', payload: 1, timestamp: 'soon' })).rejects.toThrow(
        'timestamp soon is not a date or a number of ms',
      );

      expect(driver.batches).toHaveLength(0);
      expect(errors.map((e) => [e.type, e.producer, e.cluster, e.topic])).toEqual([
        ['producer', 'default', 'primary', 'orders'],
        ['producer', 'default', 'primary', undefined],
        ['producer', 'default', 'primary', 'orders'],
        ['producer', 'default', 'primary', 'orders'],
        ['producer', 'default', 'primary', 'orders'],
      ]);
    });

    it('refuses a topic name Kafka would refuse, and an oversize message, without failing the others', async () => {
      const { driver, producer } = setup({ messageMaxBytes: 1000 });

      const results = await Promise.allSettled([
        producer.produceAsync({ topic: 'orders', payload: 'small' }),
        producer.produceAsync({
          topic: 'orders',
          payload: 'x'.repeat(990),
          headers: { trace: 'y'.repeat(20) },
        }),
        producer.produceAsync({ topic: 'bad topic!', payload: 1 }),
        producer.produceAsync({ topic: 'x'.repeat(250), payload: 1 }),
        producer.produceAsync({ topic: '..', payload: 1 }),
        producer.produceAsync({ topic: 'orders', payload: 'x'.repeat(900), key: 'k' }),
      ]);

      expect(results.map((r) => r.status)).toEqual([
        'fulfilled',
        'rejected',
        'rejected',
        'rejected',
        'rejected',
        'fulfilled',
      ]);
      const reasons = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).message] : []));
      expect(reasons[0]).toBe(
        `Producer 'default' (cluster 'primary') cannot produce to topic 'orders': it is 1015 bytes (key, value and headers), over 'message.max.bytes' (1000); the broker would refuse it, and with it the other messages of its request`,
      );
      expect(reasons[1]).toContain(`"bad topic!" is not a valid Kafka topic name`);
      expect(reasons[2]).toContain(`"${'x'.repeat(60)}…" is not a valid Kafka topic name`);
      expect(reasons[3]).toContain(`".." is not a valid Kafka topic name`);
      expect(driver.sentValues()).toEqual(['orders:small', `orders:${'x'.repeat(900)}`]);
    });

    it('when the broker refuses a request for one oversize record, sends the others alone and fails only that one', async () => {
      const { driver, producer, listen } = setup();
      const failed = listen('message.failed');
      const tooLarge = new DriverError(
        'The request included a message larger than the max message size the server will accept',
        {
          kind: 'message-too-large',
          retriable: false,
          type: 'MESSAGE_TOO_LARGE',
        },
      );
      driver.refuseRecord = (record) => (String(record.value).length > 100 ? tooLarge : undefined);

      const [small, big, many] = await Promise.allSettled([
        producer.produceAsync({ topic: 'orders', payload: 'small' }),
        producer.produceAsync({ topic: 'orders', payload: 'x'.repeat(200) }),
        producer.produceManyAsync([
          { topic: 'audit', payload: 'a1' },
          { topic: 'audit', payload: 'a2' },
        ]),
      ]);

      expect(small).toMatchObject({ status: 'fulfilled', value: { topic: 'orders', offset: '0' } });
      expect(big.status).toBe('rejected');
      expect(((big as PromiseRejectedResult).reason as Error).message).toBe(
        `Producer 'default' (cluster 'primary') could not deliver to topic 'orders': ${tooLarge.message}`,
      );
      expect(many).toMatchObject({ status: 'fulfilled', value: [{ topic: 'audit' }, { topic: 'audit' }] });
      // One refused request of four messages, then each message alone.
      expect(driver.batches.map((b) => b.topicMessages.flatMap((t) => t.messages).length)).toEqual([
        4, 1, 1, 1, 1,
      ]);
      expect(failed.map((e) => [e.topic, e.count])).toEqual([['orders', 1]]);
      expect(producer.statistics()).toMatchObject({ sent: 4, acked: 3, failed: 1, inFlight: 0 });
    });

    it('produceManySync with one bad message rejects the call and enqueues none of them', async () => {
      const { driver, producer } = setup();

      await expect(
        producer.produceManySync([
          { topic: 't', payload: 1 },
          { topic: 't', payload: undefined },
        ]),
      ).rejects.toThrow('payload is undefined');
      await producer.flush();
      expect(driver.batches).toHaveLength(0);
    });
  });

  describe('failures', () => {
    it('rejects every message of a failed request with an error naming producer, cluster and topic, and emits error.occurred and message.failed per topic', async () => {
      const { driver, producer, listen } = setup({}, { name: 'audit' });
      const errors = listen('error.occurred');
      const failed = listen('message.failed');
      driver.sendError = new Error('NOT_LEADER_FOR_PARTITION');

      const results = await Promise.allSettled([
        producer.produceAsync({ topic: 'a', payload: 1 }),
        producer.produceAsync({ topic: 'b', payload: 2 }),
        producer.produceAsync({ topic: 'a', payload: 3 }),
      ]);

      const reasons = results.map((r) => (r as PromiseRejectedResult).reason as KafkaProduceError);
      expect(reasons.map((e) => e.message)).toEqual([
        `Producer 'audit' (cluster 'primary') could not deliver to topic 'a': NOT_LEADER_FOR_PARTITION`,
        `Producer 'audit' (cluster 'primary') could not deliver to topic 'b': NOT_LEADER_FOR_PARTITION`,
        `Producer 'audit' (cluster 'primary') could not deliver to topic 'a': NOT_LEADER_FOR_PARTITION`,
      ]);
      expect(reasons[0]).toBeInstanceOf(KafkaProduceError);
      expect(reasons[0]).toMatchObject({ producer: 'audit', cluster: 'primary', topic: 'a' });
      expect(errors.map((e) => [e.producer, e.topic, e.error.message])).toEqual([
        ['audit', 'a', reasons[0].message],
        ['audit', 'b', reasons[1].message],
      ]);
      expect(failed.map((e) => [e.producer, e.cluster, e.topic, e.count, e.error])).toEqual([
        ['audit', 'primary', 'a', 2, reasons[0]],
        ['audit', 'primary', 'b', 1, reasons[1]],
      ]);
      expect(producer.statistics()).toMatchObject({ sent: 3, acked: 0, failed: 3, inFlight: 0 });
    });

    it('fails a delivery that gets no answer within deliveryTimeoutMs, naming the brokers', async () => {
      const { driver, producer } = setup({ deliveryTimeoutMs: 50 });
      driver.hold = true;

      await expect(producer.produceSync({ topic: 'slow', payload: 1 })).rejects.toThrow(
        `Producer 'default' (cluster 'primary') got no acknowledgement for topic 'slow' within 50 ms (delivery timeout); ` +
          `is cluster 'primary' (127.0.0.1:19092) reachable?`,
      );
      expect(producer.statistics()).toMatchObject({ failed: 1, inFlight: 0 });
    });

    it('fails messages whose deadline passed while waiting for a slot without sending them', async () => {
      const { driver, producer } = setup({
        deliveryTimeoutMs: 50,
        maxInFlightRequests: 1,
        batchNumMessages: 1,
      });
      await producer.connect();
      driver.hold = true;
      jest.useFakeTimers();
      try {
        const results = Promise.allSettled([
          producer.produceAsync({ topic: 't', payload: 1 }),
          producer.produceAsync({ topic: 't', payload: 2 }),
        ]);
        await jest.advanceTimersByTimeAsync(50);

        expect((await results).map((r) => r.status)).toEqual(['rejected', 'rejected']);
        expect(driver.batches).toHaveLength(1);
      } finally {
        jest.useRealTimers();
      }
    });

    it('does not crash the process when nobody awaits a failed produceAsync', async () => {
      const { driver, producer, listen } = setup();
      const errors = listen('error.occurred');
      const unhandled = jest.fn();
      process.on('unhandledRejection', unhandled);
      driver.sendError = new Error('boom');
      try {
        void producer.produceAsync({ topic: 't', payload: 1 });
        await producer.flush();
        await new Promise((resolve) => setImmediate(resolve));
        expect(errors).toHaveLength(1);
        expect(unhandled).not.toHaveBeenCalled();
      } finally {
        process.off('unhandledRejection', unhandled);
      }
    });

    it('connects lazily once, and retries connecting after a failed attempt', async () => {
      const { driver, producer } = setup();
      driver.connectError = new Error('ECONNREFUSED');

      await expect(producer.produceSync({ topic: 't', payload: 1 })).rejects.toThrow(
        `Producer 'default' (cluster 'primary') could not deliver to topic 't': Producer 'default' (cluster 'primary') could not connect to 127.0.0.1:19092: ECONNREFUSED`,
      );
      driver.connectError = undefined;
      await Promise.all([
        producer.produceSync({ topic: 't', payload: 2 }),
        producer.produceSync({ topic: 't', payload: 3 }),
      ]);

      expect(driver.connects).toBe(2);
      expect(driver.sentValues()).toEqual(['t:2', 't:3']);
    });
  });

  describe('flush and close', () => {
    it('flush resolves once everything enqueued is acknowledged', async () => {
      const { driver, producer } = setup({ batchNumMessages: 3, lingerMs: 60000 });
      await producer.connect();
      driver.hold = true;
      const settled: string[] = [];
      messages(7).forEach((m) => producer.produceAsync(m).then(() => settled.push(m.payload)));

      const flushed = producer.flush();
      await new Promise((resolve) => setImmediate(resolve));
      expect(settled).toEqual([]);
      driver.hold = false;
      driver.release();
      await flushed;

      expect(settled).toHaveLength(7);
    });

    it('flush with nothing enqueued resolves at once', async () => {
      const { producer } = setup();
      await expect(producer.flush()).resolves.toBeUndefined();
    });

    it('close flushes, disconnects, and then refuses messages with a clear error', async () => {
      const { driver, producer, listen } = setup();
      const errors = listen('error.occurred');
      const delivered = producer.produceAsync({ topic: 't', payload: 'last' });

      await producer.close();

      await expect(delivered).resolves.toMatchObject({ topic: 't' });
      expect(driver.disconnects).toBe(1);
      await expect(producer.produceAsync({ topic: 't', payload: 'late' })).rejects.toThrow(
        `Producer 'default' (cluster 'primary') is closed and accepts no more messages`,
      );
      await expect(producer.produceManySync(messages(2))).rejects.toThrow('is closed');
      await expect(producer.connect()).rejects.toThrow('is closed');
      expect(errors).toHaveLength(2);
      expect(driver.sentValues()).toEqual(['t:last']);
    });

    it('close of a producer that never connected does not disconnect', async () => {
      const { driver, producer } = setup();
      await producer.close();
      expect(driver.disconnects).toBe(0);
    });
  });

  describe('transactions', () => {
    const tx = { transactionalId: 'tx-1', idempotent: true };

    it('refuses transactions on a producer without transactional.id', async () => {
      const { producer } = setup();
      await expect(producer.transaction(async () => undefined)).rejects.toThrow(
        `Producer 'default' (cluster 'primary') has no 'transactional.id'`,
      );
    });

    it('commits when the callback returns, with every send inside the transaction', async () => {
      const { driver, producer } = setup(tx);

      const result = await producer.transaction(async (t) => {
        const one = await t.produceSync({ topic: 'a', payload: 1 });
        const many = await t.produceManySync([
          { topic: 'a', payload: 2 },
          { topic: 'b', payload: 3 },
        ]);
        return [one, ...many];
      });

      expect(result.map((r) => `${r.topic}@${r.offset}`)).toEqual(['a@0', 'a@1', 'b@0']);
      expect(driver.transactions).toHaveLength(1);
      expect(driver.transactions[0].outcome).toBe('committed');
      expect(driver.transactions[0].sent.map((s) => s.acks)).toEqual([-1, -1, -1]);
      expect(driver.batches).toHaveLength(0);
    });

    it('aborts and rethrows when the callback throws', async () => {
      const { driver, producer } = setup(tx);

      await expect(
        producer.transaction(async (t) => {
          await t.produceSync({ topic: 'a', payload: 1 });
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');

      expect(driver.transactions[0].outcome).toBe('aborted');
    });

    it('aborts when a send failed even if the callback swallowed it, and waits for sends it did not await', async () => {
      const { driver, producer } = setup(tx);

      await expect(
        producer.transaction(async (t) => {
          await t.produceSync({ topic: 'a', payload: undefined }).catch(() => undefined);
        }),
      ).rejects.toThrow('payload is undefined');
      expect(driver.transactions[0].outcome).toBe('aborted');

      await producer.transaction(async (t) => {
        void t.produceSync({ topic: 'a', payload: 'not awaited' });
      });
      expect(driver.transactions[1]).toMatchObject({
        outcome: 'committed',
        sent: [{ topicMessages: [{ topic: 'a' }] }],
      });
    });

    it('runs transactions of one producer one after another and refuses a transaction object used after its end', async () => {
      const { driver, producer } = setup(tx);
      const order: string[] = [];
      let leaked: Parameters<Parameters<KafkaProducer['transaction']>[0]>[0] | undefined;

      await Promise.all([
        producer.transaction(async (t) => {
          leaked = t;
          order.push('first:start');
          await new Promise((resolve) => setTimeout(resolve, 10));
          order.push('first:end');
        }),
        producer.transaction(async () => {
          order.push('second');
        }),
      ]);

      expect(order).toEqual(['first:start', 'first:end', 'second']);
      expect(driver.transactions.map((t) => t.outcome)).toEqual(['committed', 'committed']);
      await expect(leaked!.produceSync({ topic: 'a', payload: 1 })).rejects.toThrow(
        'this transaction has already ended',
      );
    });
  });

  describe('instrumentation', () => {
    it('emits message.produced per call and message.acknowledged per topic-partition of each request', async () => {
      const { producer, listen } = setup({}, { name: 'audit' });
      const produced = listen('message.produced');
      const acknowledged = listen('message.acknowledged');

      await Promise.all([
        producer.produceAsync({ topic: 'a', payload: 1, key: 'k' }),
        producer.produceAsync({ topic: 'a', payload: 2, key: 'kk' }),
        producer.produceAsync({ topic: 'a', payload: 3, key: 'k' }),
      ]);
      await producer.produceManySync([
        { topic: 'a', payload: 4, key: 'k' },
        { topic: 'b', payload: 5 },
      ]);

      expect(produced.map((e) => [e.producer, e.cluster, e.topic, e.count, e.mode])).toEqual([
        ['audit', 'primary', 'a', 1, 'async'],
        ['audit', 'primary', 'a', 1, 'async'],
        ['audit', 'primary', 'a', 1, 'async'],
        ['audit', 'primary', 'a', 1, 'sync'],
        ['audit', 'primary', 'b', 1, 'sync'],
      ]);
      expect(
        acknowledged.map(({ topic, partition, offset, count }) => [topic, partition, offset, count]),
      ).toEqual([
        ['a', 0, '0', 1],
        ['a', 1, '0', 2],
        ['a', 1, '2', 1],
        ['b', 0, '0', 1],
      ]);
      expect(
        acknowledged.every((e) => e.producer === 'audit' && e.cluster === 'primary' && e.latencyMs >= 0),
      ).toBe(true);
    });

    it('counts sent, acked, failed, bytes and in-flight messages, with latency percentiles', async () => {
      const { driver, producer } = setup();
      await producer.produceManySync([
        { topic: 't', payload: 'abc', key: 'k' },
        { topic: 't', payload: { é: 1 } },
      ]);
      driver.hold = true;
      void producer.produceAsync({ topic: 't', payload: '12345' });
      await new Promise((resolve) => setImmediate(resolve));

      const statistics = producer.statistics();
      expect(statistics).toMatchObject({
        sent: 3,
        acked: 2,
        failed: 0,
        inFlight: 1,
        bytes: 3 + 1 + Buffer.byteLength('{"é":1}') + 5,
      });
      expect(statistics.latencyMs.max).toBeGreaterThan(0);
      expect(statistics.latencyMs.p50).toBeLessThanOrEqual(statistics.latencyMs.max);
      driver.release();
    });

    it('emitStatistics publishes statistics.emitted and starts a new latency window', async () => {
      const { producer, listen } = setup();
      const emitted = listen('statistics.emitted');
      await producer.produceSync({ topic: 't', payload: 1 });

      producer.emitStatistics();
      producer.emitStatistics();

      expect(emitted).toHaveLength(2);
      expect(emitted[0]).toMatchObject({
        producer: 'default',
        cluster: 'primary',
        statistics: { sent: 1, acked: 1 },
      });
      expect(emitted[0].statistics.latencyMs.max).toBeGreaterThan(0);
      expect(emitted[1].statistics).toMatchObject({ sent: 1, acked: 1, latencyMs: { p50: 0, max: 0 } });
    });

    it('builds no event payloads when nobody listens', async () => {
      const { monitor, producer, driver } = setup();
      const emit = jest.spyOn(monitor, 'emit');
      driver.sendError = new Error('boom');

      await producer.produceManySync(messages(3)).catch(() => undefined);
      producer.emitStatistics();

      expect(emit).not.toHaveBeenCalled();
    });
  });
});
