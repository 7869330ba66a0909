import { randomBytes } from 'node:crypto';
import { CompressionTypes, Kafka, logLevel } from 'kafkajs';

/**
 * Topics the benchmark fills and removes again. kafkajs is used directly: this is set-up, not a contender.
 * Every run uses fresh names, so runs never see each other's data.
 */
export function benchName(prefix: string): string {
  return `bench-${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

function admin(brokers: string) {
  return new Kafka({
    clientId: 'bench-setup',
    brokers: brokers.split(','),
    logLevel: logLevel.ERROR,
  }).admin();
}

export async function createTopics(
  brokers: string,
  topics: Array<{ topic: string; partitions: number }>,
): Promise<void> {
  const client = admin(brokers);
  await client.connect();
  try {
    await client.createTopics({
      topics: topics.map(({ topic, partitions }) => ({ topic, numPartitions: partitions })),
      waitForLeaders: true,
    });
  } finally {
    await client.disconnect();
  }
}

/** Best effort: a benchmark that cannot clean up still reports its figures. */
export async function deleteTopicsAndGroups(
  brokers: string,
  topics: string[],
  groups: string[],
): Promise<void> {
  const client = admin(brokers);
  try {
    await client.connect();
    if (groups.length > 0) await client.deleteGroups(groups).catch(() => undefined);
    if (topics.length > 0) await client.deleteTopics({ topics, timeout: 30_000 });
  } catch (error) {
    console.warn(`[bench] could not clean up on ${brokers}: ${(error as Error).message}`);
  } finally {
    await client.disconnect().catch(() => undefined);
  }
}

/** The consumed message: an order as JSON, with `note` padding the value to exactly `bytes` bytes. */
export interface BenchOrder {
  id: number;
  kind: string;
  amount: number;
  currency: string;
  customer: string;
  note: string;
}

export function orderJson(id: number, bytes: number): string {
  const order: BenchOrder = {
    id,
    kind: 'order',
    amount: (id % 10_000) / 100,
    currency: 'EUR',
    customer: `c-${id % 997}`,
    note: '',
  };
  const bare = JSON.stringify(order);
  return bytes > bare.length ? JSON.stringify({ ...order, note: 'x'.repeat(bytes - bare.length) }) : bare;
}

/**
 * Writes messages with ids `from` .. `to - 1` round-robin over the topic's partitions, in batches with a few
 * requests in flight. Resolves once all are acknowledged.
 */
export async function fillTopic(
  brokers: string,
  {
    topic,
    partitions,
    from,
    to,
    payloadBytes,
  }: { topic: string; partitions: number; from: number; to: number; payloadBytes: number },
): Promise<void> {
  const kafka = new Kafka({ clientId: 'bench-fill', brokers: brokers.split(','), logLevel: logLevel.ERROR });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const batch = 2_000;
    const inFlight = new Set<Promise<unknown>>();
    for (let start = from; start < to; start += batch) {
      const messages = [];
      for (let id = start; id < Math.min(to, start + batch); id++) {
        messages.push({ partition: id % partitions, key: String(id), value: orderJson(id, payloadBytes) });
      }
      const sent: Promise<unknown> = producer
        .send({ topic, messages, acks: -1, compression: CompressionTypes.None })
        .finally(() => inFlight.delete(sent));
      inFlight.add(sent);
      if (inFlight.size >= 4) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    await producer.disconnect();
  }
}
