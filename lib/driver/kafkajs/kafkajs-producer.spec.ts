import type { Kafka } from 'kafkajs';
import type { DriverProducerEvents } from '../kafka-driver.port';
import { KafkajsProducer } from './kafkajs-producer';

/** A kafkajs client whose producer records event listeners, so a test can fire kafkajs-shaped events. */
function fakeKafka() {
  const listeners = new Map<string, (event: unknown) => void>();
  const removed: string[] = [];
  const producer = {
    on: (name: string, listener: (event: unknown) => void) => {
      listeners.set(name, listener);
      return () => removed.push(name);
    },
  };
  const kafka = { producer: () => producer } as unknown as Kafka;
  const fire = (name: string, event: unknown) => listeners.get(name)!(event);
  return { kafka, fire, removed };
}

describe('KafkajsProducer events', () => {
  it('maps kafkajs producer events to the port event shapes', () => {
    const { kafka, fire, removed } = fakeKafka();
    const producer = new KafkajsProducer(kafka, {});
    const seen: Array<DriverProducerEvents[keyof DriverProducerEvents]> = [];

    producer.on('connect', (event) => seen.push(event));
    producer.on('disconnect', (event) => seen.push(event));
    const off = producer.on('request_timeout', (event) => seen.push(event));

    fire('producer.connect', { id: '1', type: 'producer.connect', timestamp: 100, payload: null });
    fire('producer.network.request_timeout', {
      id: '2',
      type: 'producer.network.request_timeout',
      timestamp: 200,
      payload: {
        apiKey: 0,
        apiName: 'Produce',
        apiVersion: 7,
        broker: '127.0.0.1:19092',
        clientId: 'shop',
        correlationId: 42,
        createdAt: 150,
        pendingDuration: 12,
        sentAt: 162,
      },
    });
    fire('producer.disconnect', { id: '3', type: 'producer.disconnect', timestamp: 300, payload: null });
    off();

    expect(seen).toEqual([
      { timestamp: 100 },
      {
        timestamp: 200,
        broker: '127.0.0.1:19092',
        apiName: 'Produce',
        correlationId: 42,
        pendingDurationMs: 12,
      },
      { timestamp: 300 },
    ]);
    expect(removed).toEqual(['producer.network.request_timeout']);
  });
});

interface FakeProducer {
  config: { idempotent?: boolean; transactionalId?: string };
  /** sendBatch calls not yet answered, oldest first. */
  sends: Array<{ resolve: () => void; reject: (error: Error) => void }>;
  connected: boolean;
  listeners: Map<string, (event: unknown) => void>;
}

/** A kafkajs client whose producers answer sendBatch when the test says so. */
function scriptedKafka() {
  const producers: FakeProducer[] = [];
  const kafka = {
    producer: (config: FakeProducer['config']) => {
      const fake: FakeProducer = { config, sends: [], connected: false, listeners: new Map() };
      producers.push(fake);
      return {
        connect: async () => void (fake.connected = true),
        disconnect: async () => void (fake.connected = false),
        sendBatch: () =>
          new Promise((resolve, reject) =>
            fake.sends.push({
              resolve: () => resolve([{ topicName: 't', partition: 0, baseOffset: '0', errorCode: 0 }]),
              reject,
            }),
          ),
        on: (name: string, listener: (event: unknown) => void) => {
          fake.listeners.set(name, listener);
          return () => fake.listeners.delete(name);
        },
      };
    },
  } as unknown as Kafka;
  return { kafka, producers };
}

const batch = { topicMessages: [{ topic: 't', messages: [{ value: 'v' }] }] };
/** Lets queued promise callbacks run (the producer chains its sends). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('KafkajsProducer, idempotent and not transactional', () => {
  it('sends one batch at a time: the next goes once the previous is answered', async () => {
    const { kafka, producers } = scriptedKafka();
    const producer = new KafkajsProducer(kafka, { idempotent: true });
    await producer.connect();

    const first = producer.sendBatch(batch);
    const second = producer.sendBatch(batch);
    await settle();
    expect(producers[0].sends).toHaveLength(1);

    producers[0].sends.shift()!.resolve();
    await expect(first).resolves.toHaveLength(1);
    await settle();
    expect(producers[0].sends).toHaveLength(1);
    producers[0].sends.shift()!.resolve();
    await expect(second).resolves.toHaveLength(1);
    expect(producers).toHaveLength(1);
  });

  it('after a failed send, sends through a fresh connected kafkajs producer and closes the old one', async () => {
    const { kafka, producers } = scriptedKafka();
    const producer = new KafkajsProducer(kafka, { idempotent: true });
    await producer.connect();

    const failed = producer.sendBatch(batch);
    const next = producer.sendBatch(batch);
    await settle();
    producers[0].sends.shift()!.reject(new Error('connection closed'));
    await expect(failed).rejects.toThrow('connection closed');
    await settle();

    expect(producers).toHaveLength(2);
    expect(producers[1].config).toMatchObject({ idempotent: true });
    expect(producers[1].connected).toBe(true);
    expect(producers[0].connected).toBe(false);
    expect(producers[0].sends).toHaveLength(0);
    producers[1].sends.shift()!.resolve();
    await expect(next).resolves.toHaveLength(1);
    // Answered sends do not replace it again.
    void producer.sendBatch(batch);
    await settle();
    expect(producers).toHaveLength(2);
  });

  it('moves the port listeners to the fresh producer, and unsubscribing detaches them there', async () => {
    const { kafka, producers } = scriptedKafka();
    const producer = new KafkajsProducer(kafka, { idempotent: true });
    await producer.connect();
    const seen: number[] = [];
    const off = producer.on('connect', ({ timestamp }) => seen.push(timestamp));

    const failed = producer.sendBatch(batch);
    await settle();
    producers[0].sends.shift()!.reject(new Error('connection closed'));
    await expect(failed).rejects.toThrow();
    void producer.sendBatch(batch);
    await settle();

    expect(producers[0].listeners.has('producer.connect')).toBe(false);
    producers[1].listeners.get('producer.connect')!({ timestamp: 7 });
    expect(seen).toEqual([7]);
    off();
    expect(producers[1].listeners.has('producer.connect')).toBe(false);
  });

  it('keeps the old producer when the fresh one cannot connect, and tries again on the next send', async () => {
    const { kafka, producers } = scriptedKafka();
    const producer = new KafkajsProducer(kafka, { idempotent: true });
    await producer.connect();
    const failed = producer.sendBatch(batch);
    await settle();
    producers[0].sends.shift()!.reject(new Error('connection closed'));
    await expect(failed).rejects.toThrow();

    const original = kafka.producer;
    let refuse = true;
    (kafka as { producer: unknown }).producer = (config: FakeProducer['config']) => {
      const made = original(config) as unknown as { connect: () => Promise<void> };
      if (refuse) made.connect = () => Promise.reject(new Error('ECONNREFUSED'));
      return made;
    };
    await expect(producer.sendBatch(batch)).rejects.toThrow('ECONNREFUSED');
    refuse = false;
    const sent = producer.sendBatch(batch);
    await settle();
    expect(producers).toHaveLength(3);
    producers[2].sends.shift()!.resolve();
    await expect(sent).resolves.toHaveLength(1);
  });

  it('drops a queued send whose caller stopped waiting before its turn, without replacing the producer', async () => {
    const { kafka, producers } = scriptedKafka();
    const producer = new KafkajsProducer(kafka, { idempotent: true });
    await producer.connect();
    const abort = new AbortController();

    const first = producer.sendBatch(batch);
    const abandoned = producer.sendBatch({ ...batch, signal: abort.signal });
    const third = producer.sendBatch(batch);
    await settle();
    abort.abort();
    producers[0].sends.shift()!.resolve();
    await expect(first).resolves.toHaveLength(1);
    await expect(abandoned).rejects.toMatchObject({
      kind: 'timeout',
      message: expect.stringContaining('not sent'),
    });
    await settle();
    // The third is next: the dropped one never reached kafkajs.
    expect(producers[0].sends).toHaveLength(1);
    producers[0].sends.shift()!.resolve();
    await expect(third).resolves.toHaveLength(1);
    expect(producers).toHaveLength(1);
  });
});

describe('KafkajsProducer, not idempotent or transactional', () => {
  it.each([
    ['not idempotent', {}],
    ['transactional', { transactionalId: 'tx' }],
  ])('%s: sends concurrently and keeps its kafkajs producer after a failure', async (_, settings) => {
    const { kafka, producers } = scriptedKafka();
    const producer = new KafkajsProducer(kafka, settings);
    await producer.connect();

    const first = producer.sendBatch(batch);
    const second = producer.sendBatch(batch);
    await settle();
    expect(producers[0].sends).toHaveLength(2);
    producers[0].sends.shift()!.reject(new Error('connection closed'));
    await expect(first).rejects.toThrow();
    producers[0].sends.shift()!.resolve();
    await expect(second).resolves.toHaveLength(1);
    void producer.sendBatch(batch);
    await settle();
    expect(producers).toHaveLength(1);
  });
});
