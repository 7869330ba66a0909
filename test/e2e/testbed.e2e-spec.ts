/**
 * Proves the test bed itself: two independent real clusters, each holding only what was sent to it,
 * read back by kafkajs and by independent peers (kcat / Kafka's console consumer); and that kafkajs
 * 2.2.4 works against this Kafka version (groups, admin, idempotent and transactional producers).
 */
import type { Consumer, IHeaders, KafkaMessage } from 'kafkajs';
import {
  createTopic,
  peerTool,
  primaryBrokers,
  readWithPeer,
  secondaryBrokers,
  testKafka,
  topicExists,
  uniqueName,
  waitFor,
} from '../support/kafka-env';

interface Received {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

function decode(message: KafkaMessage, partition: number): Received {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? ({} as IHeaders))) {
    headers[name] = String(value);
  }
  return {
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? null,
    value: message.value?.toString('utf8') ?? null,
    headers,
  };
}

/** Consumes from the beginning with a fresh kafkajs group until `count` records arrived. */
async function consumeWithKafkajs(
  brokers: string[],
  topic: string,
  count: number,
  options: { readUncommitted?: boolean; until?: (received: Received[]) => boolean } = {},
): Promise<{ received: Received[]; groupId: string; consumer: Consumer }> {
  const groupId = uniqueName('testbed-group');
  const consumer = testKafka(brokers).consumer({
    groupId,
    maxWaitTimeInMs: 100,
    readUncommitted: options.readUncommitted ?? false,
  });
  const received: Received[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message, partition }) => {
      received.push(decode(message, partition));
    },
  });
  const done = options.until ?? ((all: Received[]) => all.length >= count);
  await waitFor(() => done(received), { timeoutMs: 30_000, description: `${count} records from '${topic}'` });
  return { received, groupId, consumer };
}

const clusters = [
  { name: 'primary', brokers: () => primaryBrokers(), other: () => secondaryBrokers() },
  { name: 'secondary', brokers: () => secondaryBrokers(), other: () => primaryBrokers() },
];

describe('test bed: two independent Kafka clusters', () => {
  it('are two different clusters', async () => {
    const ids = await Promise.all(
      [primaryBrokers(), secondaryBrokers()].map(async (brokers) => {
        const admin = testKafka(brokers).admin();
        await admin.connect();
        try {
          return (await admin.describeCluster()).clusterId;
        } finally {
          await admin.disconnect();
        }
      }),
    );
    expect(ids[0]).toEqual(expect.any(String));
    expect(ids[1]).toEqual(expect.any(String));
    expect(ids[0]).not.toEqual(ids[1]);
  });

  describe.each(clusters)('$name cluster', ({ name, brokers, other }) => {
    const topic = uniqueName(`testbed-${name}`);
    const sent = [
      {
        key: `${name}-k1`,
        value: `hello from ${name}`,
        headers: { origin: name, 'trace-id': 'abc-123' },
        partition: 0,
      },
      {
        key: `${name}-k2`,
        value: 'tab\there, newline\nthere, ünïcödé',
        headers: { origin: name },
        partition: 1,
      },
    ];
    let offsets: Array<{ partition: number; offset: string }>;

    beforeAll(async () => {
      await createTopic(brokers(), topic, 2);
      const producer = testKafka(brokers()).producer({ allowAutoTopicCreation: false });
      await producer.connect();
      try {
        const metadata = await producer.send({ topic, messages: sent });
        offsets = metadata.map((record) => ({
          partition: record.partition,
          offset: String(record.baseOffset),
        }));
      } finally {
        await producer.disconnect();
      }
    });

    /** What was sent, where the broker said it was written. */
    const expectedRecords = () =>
      sent.map((message) => ({
        partition: message.partition,
        offset: offsets.find((o) => o.partition === message.partition)!.offset,
        key: message.key,
        value: message.value,
        headers: message.headers,
      }));

    it('gives back to kafkajs exactly what kafkajs produced there', async () => {
      const { received, consumer } = await consumeWithKafkajs(brokers(), topic, sent.length);
      await consumer.disconnect();
      const byPartition = [...received].sort((a, b) => a.partition - b.partition);
      expect(byPartition).toEqual(expectedRecords());
    });

    it('does not have the topic on the other cluster', async () => {
      expect(await topicExists(brokers(), topic)).toBe(true);
      expect(await topicExists(other(), topic)).toBe(false);
    });

    it(`lets the independent peer (${peerTool()}) read key, value and headers that kafkajs wrote`, async () => {
      const messages = await readWithPeer(brokers(), topic, sent.length);
      expect(messages).toEqual(expectedRecords());
    });
  });

  it("lets Kafka's own console consumer (the fallback peer) read what kafkajs wrote", async () => {
    const topic = uniqueName('testbed-console');
    await createTopic(primaryBrokers(), topic, 1);
    const producer = testKafka(primaryBrokers()).producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        { key: 'k', value: 'v1\tv2', headers: { h: 'x', repeated: ['a', 'b'] } },
        { key: null, value: null },
      ],
    });
    await producer.disconnect();

    const messages = await readWithPeer(primaryBrokers(), topic, 2, { tool: 'console' });
    expect(messages).toEqual([
      { partition: 0, offset: '0', key: 'k', value: 'v1\tv2', headers: { h: 'x', repeated: ['a', 'b'] } },
      { partition: 0, offset: '1', key: null, value: null, headers: {} },
    ]);
  });
});

describe('kafkajs 2.2.4 against the test bed Kafka version', () => {
  const brokers = () => primaryBrokers();

  it('creates, lists and deletes topics with the admin client', async () => {
    const topic = uniqueName('testbed-admin');
    const admin = testKafka(brokers()).admin();
    await admin.connect();
    try {
      expect(await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true })).toBe(
        true,
      );
      const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
      expect(metadata.topics[0].partitions).toHaveLength(3);
      await admin.deleteTopics({ topics: [topic] });
      await waitFor(async () => !(await admin.listTopics()).includes(topic), {
        description: `'${topic}' deleted`,
      });
    } finally {
      await admin.disconnect();
    }
  });

  it('runs a consumer group that the admin client can describe and that commits offsets', async () => {
    const topic = uniqueName('testbed-group');
    await createTopic(brokers(), topic, 2);
    const producer = testKafka(brokers()).producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        { value: 'a', partition: 0 },
        { value: 'b', partition: 1 },
      ],
    });
    await producer.disconnect();

    const { groupId, consumer } = await consumeWithKafkajs(brokers(), topic, 2);
    const admin = testKafka(brokers()).admin();
    await admin.connect();
    try {
      const { groups } = await admin.describeGroups([groupId]);
      expect(groups[0]).toMatchObject({ groupId, state: 'Stable', protocolType: 'consumer' });
      expect(groups[0].members).toHaveLength(1);
      const committed = await waitFor(
        async () => {
          const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
          const all = offsets.partitions.map((p) => p.offset).sort();
          return all.join(',') === '1,1' ? all : undefined;
        },
        { description: `group ${groupId} to commit offset 1 on both partitions` },
      );
      expect(committed).toEqual(['1', '1']);
    } finally {
      await consumer.disconnect();
      await admin.disconnect();
    }
  });

  it('commits and aborts transactions; read_committed consumers skip aborted records', async () => {
    const topic = uniqueName('testbed-tx');
    await createTopic(brokers(), topic, 1);
    const kafka = testKafka(brokers());
    const idempotent = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    const transactional = kafka.producer({
      transactionalId: uniqueName('testbed-txid'),
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await Promise.all([idempotent.connect(), transactional.connect()]);
    try {
      await idempotent.send({ topic, messages: [{ value: 'idempotent' }] });
      const committed = await transactional.transaction();
      await committed.send({ topic, messages: [{ value: 'committed-1' }] });
      await committed.commit();
      const aborted = await transactional.transaction();
      await aborted.send({ topic, messages: [{ value: 'aborted' }] });
      await aborted.abort();
      const last = await transactional.transaction();
      await last.send({ topic, messages: [{ value: 'committed-2' }] });
      await last.commit();
    } finally {
      await Promise.all([idempotent.disconnect(), transactional.disconnect()]);
    }

    const seesLast = (received: Received[]) => received.some((r) => r.value === 'committed-2');
    const readCommitted = await consumeWithKafkajs(brokers(), topic, 0, { until: seesLast });
    await readCommitted.consumer.disconnect();
    expect(readCommitted.received.map((r) => r.value)).toEqual(['idempotent', 'committed-1', 'committed-2']);

    // The aborted record really is in the log: an uncommitted reader sees it.
    const readUncommitted = await consumeWithKafkajs(brokers(), topic, 0, {
      until: seesLast,
      readUncommitted: true,
    });
    await readUncommitted.consumer.disconnect();
    expect(readUncommitted.received.map((r) => r.value)).toEqual([
      'idempotent',
      'committed-1',
      'aborted',
      'committed-2',
    ]);
  });
});
