import type { Kafka } from 'kafkajs';
import { KafkajsAdmin } from './kafkajs-admin';

/** A kafkajs admin whose calls finish only when the test says so, recording when each one starts. */
function fakeKafka() {
  const started: string[] = [];
  const pending = new Map<string, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const call = (name: string) => {
    started.push(name);
    return new Promise((resolve, reject) => pending.set(name, { resolve, reject }));
  };
  const admin = {
    fetchTopicMetadata: ({ topics }: { topics: string[] }) => call(`metadata ${topics.join(',')}`),
    fetchTopicOffsets: (topic: string) => call(`offsets ${topic}`),
    fetchTopicOffsetsByTimestamp: (topic: string) => call(`byTimestamp ${topic}`),
  };
  const kafka = { admin: () => admin } as unknown as Kafka;
  const finish = (name: string, outcome: { value?: unknown; error?: Error }) => {
    const done = pending.get(name);
    if (!done) throw new Error(`${name} has not started`);
    if (outcome.error) done.reject(outcome.error);
    else done.resolve(outcome.value);
  };
  return { kafka, started, finish };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('KafkajsAdmin: calls that read kafkajs metadata cache take turns (kafkajs#461)', () => {
  it('starts the next metadata or offsets call only once the one before it settled', async () => {
    const { kafka, started, finish } = fakeKafka();
    const admin = new KafkajsAdmin(kafka);

    const offsets = admin.fetchTopicOffsets('orders');
    const metadata = admin.fetchTopicMetadata(['audit']);
    const byTime = admin.fetchTopicOffsetsByTimestamp('orders', 1);
    await flush();
    expect(started).toEqual(['offsets orders']);

    finish('offsets orders', { value: [{ partition: 0, low: '0', high: '5', offset: '5' }] });
    await expect(offsets).resolves.toEqual([{ partition: 0, low: '0', high: '5' }]);
    await flush();
    expect(started).toEqual(['offsets orders', 'metadata audit']);

    finish('metadata audit', { value: { topics: [{ name: 'audit', partitions: [] }] } });
    await expect(metadata).resolves.toEqual([{ name: 'audit', partitions: [] }]);
    await flush();
    expect(started).toEqual(['offsets orders', 'metadata audit', 'byTimestamp orders']);
    finish('byTimestamp orders', { value: [{ partition: 0, offset: '3' }] });
    await expect(byTime).resolves.toEqual([{ partition: 0, offset: '3' }]);
  });

  it('goes on after a failed call, which still fails for its caller', async () => {
    const { kafka, started, finish } = fakeKafka();
    const admin = new KafkajsAdmin(kafka);

    const failing = admin.fetchTopicOffsets('gone');
    const next = admin.fetchTopicOffsets('orders');
    await flush();
    finish('offsets gone', { error: new Error('This server does not host this topic-partition') });
    await expect(failing).rejects.toThrow('This server does not host this topic-partition');
    await flush();
    expect(started).toEqual(['offsets gone', 'offsets orders']);
    finish('offsets orders', { value: [] });
    await expect(next).resolves.toEqual([]);
  });
});
