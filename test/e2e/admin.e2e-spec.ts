/**
 * KarafkaAdmin against the two real clusters: it acts on `primary` unless bound with forCluster, and what
 * it does is checked with Apache Kafka's own tools (admin-peer.ts), which share no code with kafkajs.
 */
import { Logger } from '@nestjs/common';
import { createKarafkaAdminProvider } from '../../lib/admin/admin.providers';
import type { KarafkaAdmin } from '../../lib/admin/karafka-admin';
import { KarafkaAdminError } from '../../lib/admin/karafka-admin.error';
import { ClusterConnections } from '../../lib/cluster/cluster-connections';
import { WritableClusterRegistry } from '../../lib/routing/writable-cluster-registry';
import { resolveClusters } from '../../lib/cluster/resolve-clusters';
import { primaryBrokers, secondaryBrokers, testKafka, uniqueName, waitFor } from '../support/kafka-env';
import { peerClusterId, peerDescribeTopic, peerGroupOffsets } from './admin-peer';
import { e2eDriver } from '../support/e2e-driver';

/** The admin exactly as the module's provider builds it, from a registry of the two test clusters. */
function buildAdmin(): KarafkaAdmin {
  const { clusters, problems } = resolveClusters({
    kafka: { 'bootstrap.servers': primaryBrokers().join(','), 'client.id': 'admin-e2e' },
    clusters: { secondary: { 'bootstrap.servers': secondaryBrokers().join(','), 'client.id': 'admin-e2e' } },
  });
  expect(problems).toEqual([]);
  const provider = createKarafkaAdminProvider();
  return provider.useFactory(
    new WritableClusterRegistry(clusters),
    new ClusterConnections(e2eDriver()),
  ) as KarafkaAdmin;
}

async function produce(
  brokers: string[],
  topic: string,
  messages: Array<{
    partition?: number;
    key?: string;
    value: string;
    headers?: Record<string, string>;
    timestamp?: number;
  }>,
): Promise<void> {
  const producer = testKafka(brokers).producer();
  await producer.connect();
  try {
    await producer.send({
      topic,
      acks: -1,
      messages: messages.map(({ timestamp, ...message }) => ({
        ...message,
        ...(timestamp ? { timestamp: String(timestamp) } : {}),
      })),
    });
  } finally {
    await producer.disconnect();
  }
}

/** Commits offsets for a group with kafkajs directly, so lag checks do not rely on the code under test. */
async function commitWithKafkajs(
  brokers: string[],
  group: string,
  topic: string,
  partitions: Array<{ partition: number; offset: string }>,
) {
  const admin = testKafka(brokers).admin();
  await admin.connect();
  try {
    await admin.setOffsets({ groupId: group, topic, partitions });
  } finally {
    await admin.disconnect();
  }
}

describe('KarafkaAdmin on two real clusters', () => {
  let admin: KarafkaAdmin;
  const logged: string[] = [];

  beforeAll(() => {
    admin = buildAdmin();
    const record = (message: unknown) => void logged.push(String(message));
    jest.spyOn(Logger.prototype, 'log').mockImplementation(record);
    jest.spyOn(Logger.prototype, 'debug').mockImplementation(record);
  });

  afterAll(async () => {
    await admin.close();
    jest.restoreAllMocks();
  });

  it('acts on the primary cluster by default and on another with forCluster, logging the cluster each time', async () => {
    const [primaryId, secondaryId] = await Promise.all([
      peerClusterId(primaryBrokers()),
      peerClusterId(secondaryBrokers()),
    ]);
    expect(primaryId).not.toBe(secondaryId);

    const primaryInfo = await admin.clusterInfo();
    const secondaryInfo = await admin.forCluster('secondary').clusterInfo();
    expect(primaryInfo).toMatchObject({ cluster: 'primary', clusterId: primaryId });
    expect(secondaryInfo).toMatchObject({ cluster: 'secondary', clusterId: secondaryId });
    expect(primaryInfo.brokers.map((b) => `${b.host}:${b.port}`)).toEqual(primaryBrokers());
    expect(admin.cluster.name).toBe('primary');
    expect(admin.forCluster('secondary').cluster.name).toBe('secondary');

    expect(logged).toContain(`clusterInfo on cluster 'primary' (${primaryBrokers().join(',')})`);
    expect(logged).toContain(`clusterInfo on cluster 'secondary' (${secondaryBrokers().join(',')})`);
  });

  it('rejects an unknown cluster name with the known names and a suggestion', () => {
    expect(() => admin.forCluster('secundary')).toThrow(
      "KarafkaAdmin.forCluster('secundary'): no cluster is named 'secundary' (did you mean 'secondary'?); known clusters: 'primary', 'secondary'",
    );
  });

  it('creates, describes, grows and deletes a topic on the primary cluster only', async () => {
    const topic = uniqueName('admin-primary');
    await admin.createTopic(topic, {
      partitions: 2,
      replicationFactor: 1,
      config: { 'cleanup.policy': 'compact', 'retention.ms': 3_600_000 },
    });

    expect(await peerDescribeTopic(primaryBrokers(), topic)).toMatchObject({
      partitions: 2,
      replicationFactor: 1,
      configs: { 'cleanup.policy': 'compact', 'retention.ms': '3600000' },
    });
    expect(await peerDescribeTopic(secondaryBrokers(), topic)).toBeNull();
    expect(await admin.listTopics()).toContain(topic);
    expect(await admin.forCluster('secondary').listTopics()).not.toContain(topic);
    expect(logged).toContain(
      `createTopic '${topic}' (2 partition(s), replication 1) on cluster 'primary' (${primaryBrokers().join(',')})`,
    );

    const description = await admin.describeTopic(topic);
    expect(description).toMatchObject({ cluster: 'primary', name: topic, replicationFactor: 1 });
    expect(
      description.partitions.map(({ partition, replicas, isr }) => ({
        partition,
        replicas: replicas.length,
        isr: isr.length,
      })),
    ).toEqual([
      { partition: 0, replicas: 1, isr: 1 },
      { partition: 1, replicas: 1, isr: 1 },
    ]);
    expect(description.partitions.every((p) => p.leader >= 0)).toBe(true);
    // describeTopics: the same layout for every topic of the cluster at once, and only of that cluster.
    const overview = (await admin.describeTopics()).find((entry) => entry.name === topic);
    expect(overview).toEqual({
      cluster: 'primary',
      name: topic,
      replicationFactor: 1,
      partitions: description.partitions,
    });
    expect((await admin.forCluster('secondary').describeTopics()).map((entry) => entry.name)).not.toContain(
      topic,
    );
    const config = (name: string) => description.configs.find((entry) => entry.name === name);
    expect(config('cleanup.policy')).toMatchObject({ value: 'compact', source: 'topic' });
    expect(config('max.message.bytes')?.source).not.toBe('topic');

    await admin.createPartitions(topic, 4);
    expect((await peerDescribeTopic(primaryBrokers(), topic))?.partitions).toBe(4);
    await expect(admin.createPartitions(topic, 3)).rejects.toThrow(
      `KarafkaAdmin.createPartitions('${topic}') on cluster 'primary' failed: topic '${topic}' already has 4 partitions; ` +
        'createPartitions takes the new total, which must be greater (3 given). Kafka cannot remove partitions',
    );

    await admin.alterTopicConfig(topic, { 'retention.ms': 60_000 });
    expect((await peerDescribeTopic(primaryBrokers(), topic))?.configs).toMatchObject({
      'cleanup.policy': 'compact',
      'retention.ms': '60000',
    });

    await expect(admin.createTopic(topic)).rejects.toThrow(
      `KarafkaAdmin.createTopic('${topic}') on cluster 'primary' failed: topic '${topic}' already exists`,
    );
    await admin.deleteTopic(topic);
    await waitFor(async () => (await peerDescribeTopic(primaryBrokers(), topic)) === null, {
      description: `${topic} deleted`,
      timeoutMs: 60_000,
    });
  });

  it('creates a topic on the secondary cluster only when bound to it', async () => {
    const topic = uniqueName('admin-secondary');
    const secondary = admin.forCluster('secondary');
    await secondary.createTopic(topic, { partitions: 3 });
    expect((await peerDescribeTopic(secondaryBrokers(), topic))?.partitions).toBe(3);
    expect(await peerDescribeTopic(primaryBrokers(), topic)).toBeNull();
    expect(logged).toContain(
      `createTopic '${topic}' (3 partition(s)) on cluster 'secondary' (${secondaryBrokers().join(',')})`,
    );
    await secondary.deleteTopic(topic);
  });

  it('names the operation, cluster and topic when something fails', async () => {
    const missing = uniqueName('admin-missing');
    const error = await admin
      .forCluster('secondary')
      .describeTopic(missing)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KarafkaAdminError);
    expect(error).toMatchObject({ operation: 'describeTopic', cluster: 'secondary', subject: missing });
    expect((error as Error).message).toBe(
      `KarafkaAdmin.describeTopic('${missing}') on cluster 'secondary' failed: topic '${missing}' does not exist`,
    );
    await expect(admin.deleteTopic(missing)).rejects.toThrow(
      `KarafkaAdmin.deleteTopic('${missing}') on cluster 'primary' failed`,
    );
  });

  it('reads watermarks and decoded messages like the consumer sees them (readTopic)', async () => {
    const topic = uniqueName('admin-read');
    await admin.forCluster('secondary').createTopic(topic, { partitions: 2 });
    const base = Date.now() - 60_000;
    await produce(
      secondaryBrokers(),
      topic,
      Array.from({ length: 6 }, (_, i) => ({
        partition: 1,
        key: `k${i}`,
        value: i === 5 ? 'not json' : JSON.stringify({ n: i }),
        headers: { source: `h${i}` },
        timestamp: base + i * 1000,
      })),
    );
    const secondary = admin.forCluster('secondary');
    expect(await secondary.readWatermarkOffsets(topic)).toEqual([
      { partition: 0, low: '0', high: '0' },
      { partition: 1, low: '0', high: '6' },
    ]);

    const last = await secondary.readTopic(topic, 1, 3);
    expect(
      last.map((m) => [m.offset, m.key, m.payload, m.headers.source, m.cluster, m.topic, m.partition]),
    ).toEqual([
      ['3', 'k3', { n: 3 }, 'h3', 'secondary', topic, 1],
      ['4', 'k4', { n: 4 }, 'h4', 'secondary', topic, 1],
      ['5', 'k5', Buffer.from('not json'), 'h5', 'secondary', topic, 1],
    ]);
    expect(last[0].timestamp.getTime()).toBe(base + 3000);
    expect(last[2].rawPayload?.toString()).toBe('not json');

    expect((await secondary.readTopic(topic, 1, 2, 1)).map((m) => m.payload)).toEqual([{ n: 1 }, { n: 2 }]);
    expect((await secondary.readTopic(topic, 1, 2, new Date(base + 3500))).map((m) => m.offset)).toEqual([
      '4',
      '5',
    ]);
    expect(await secondary.readTopic(topic, 0, 5)).toEqual([]);
    expect(
      (await secondary.readTopic(topic, 1, 10, 0, { deserializer: 'string' })).map((m) => m.payload),
    ).toHaveLength(6);
    await expect(secondary.readTopic(topic, 7, 1)).rejects.toThrow(
      `topic '${topic}' has no partition 7 (it has 2: 0..1)`,
    );
    // The topic is on secondary only: reading it through primary fails and says where it looked.
    await expect(admin.readTopic(topic, 1, 1)).rejects.toThrow(
      `KarafkaAdmin.readTopic('${topic}') on cluster 'primary' failed: topic '${topic}' does not exist`,
    );

    await secondary.deleteTopic(topic);
  });

  it('describes a consumer group with lag per partition, as Kafka’s own tool reports it', async () => {
    const topic = uniqueName('admin-lag');
    const group = uniqueName('admin-lag-group');
    await admin.createTopic(topic, { partitions: 2 });
    await produce(primaryBrokers(), topic, [
      ...Array.from({ length: 10 }, (_, i) => ({ partition: 0, value: `a${i}` })),
      ...Array.from({ length: 3 }, (_, i) => ({ partition: 1, value: `b${i}` })),
    ]);
    await commitWithKafkajs(primaryBrokers(), group, topic, [{ partition: 0, offset: '4' }]);

    const description = await admin.describeConsumerGroup(group);
    expect(description).toMatchObject({ cluster: 'primary', groupId: group, state: 'Empty', members: [] });
    expect(description.topics).toEqual([
      {
        topic,
        lag: 6,
        partitions: [
          { partition: 0, committedOffset: '4', highWatermark: '10', lag: 6 },
          { partition: 1, committedOffset: null, highWatermark: '3', lag: null },
        ],
      },
    ]);
    const peer = await peerGroupOffsets(primaryBrokers(), group);
    expect(peer?.find((row) => row.partition === 0)).toMatchObject({
      currentOffset: '4',
      logEndOffset: '10',
      lag: '6',
    });
    expect(await admin.listConsumerGroups()).toContainEqual({ groupId: group, protocolType: 'consumer' });
    expect(await admin.forCluster('secondary').listConsumerGroups()).not.toContainEqual(
      expect.objectContaining({ groupId: group }),
    );
    await expect(admin.forCluster('secondary').describeConsumerGroup(group)).rejects.toThrow(
      `KarafkaAdmin.describeConsumerGroup('${group}') on cluster 'secondary' failed: consumer group '${group}' does not exist`,
    );

    await admin.deleteConsumerGroup(group);
    expect(await peerGroupOffsets(primaryBrokers(), group)).toBeNull();
    await admin.deleteTopic(topic);
  });

  it('moves an inactive group by offset, by Date and to either end, and refuses while the group runs', async () => {
    const topic = uniqueName('admin-seek');
    const group = uniqueName('admin-seek-group');
    const secondary = admin.forCluster('secondary');
    await secondary.createTopic(topic, { partitions: 2 });
    const base = Date.now() - 60_000;
    await produce(secondaryBrokers(), topic, [
      ...Array.from({ length: 8 }, (_, i) => ({ partition: 0, value: `a${i}`, timestamp: base + i * 1000 })),
      ...Array.from({ length: 4 }, (_, i) => ({ partition: 1, value: `b${i}`, timestamp: base + i * 1000 })),
    ]);

    expect(await secondary.seekConsumerGroup(group, { [topic]: { 0: 5, 1: 'latest' } })).toEqual([
      { topic, partition: 0, offset: '5' },
      { topic, partition: 1, offset: '4' },
    ]);
    let peer = await peerGroupOffsets(secondaryBrokers(), group);
    expect(peer?.map((row) => [row.partition, row.currentOffset])).toEqual([
      [0, '5'],
      [1, '4'],
    ]);

    // Partition 0 has a message at base+2000 (offset 2); partition 1's last is at base+3000, so it goes to the end.
    await secondary.seekConsumerGroup(group, { [topic]: new Date(base + 1500) });
    expect(
      (await secondary.describeConsumerGroup(group)).topics[0].partitions.map((p) => p.committedOffset),
    ).toEqual(['2', '2']);
    await secondary.seekConsumerGroup(group, { [topic]: new Date(base + 5500) });
    peer = await peerGroupOffsets(secondaryBrokers(), group);
    expect(peer?.map((row) => [row.partition, row.currentOffset])).toEqual([
      [0, '6'],
      [1, '4'],
    ]);
    await secondary.seekConsumerGroup(group, { [topic]: 'earliest' });
    expect((await secondary.describeConsumerGroup(group)).topics[0].lag).toBe(12);
    // The group lives on secondary only.
    expect(await peerGroupOffsets(primaryBrokers(), group)).toBeNull();

    await expect(secondary.seekConsumerGroup(group, { [topic]: { 5: 0 } })).rejects.toThrow(
      `topic '${topic}' has no partition 5 (it has 2: 0..1)`,
    );

    const consumer = testKafka(secondaryBrokers()).consumer({ groupId: group });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic] });
    await consumer.run({ eachMessage: async () => undefined });
    try {
      await waitFor(async () => (await secondary.describeConsumerGroup(group)).members.length === 1, {
        description: 'the consumer to join',
      });
      await expect(secondary.seekConsumerGroup(group, { [topic]: 'latest' })).rejects.toThrow(
        `KarafkaAdmin.seekConsumerGroup('${group}') on cluster 'secondary' failed: consumer group '${group}' has 1 running member; stop its consumers`,
      );
      const running = await secondary.describeConsumerGroup(group);
      expect(running.members[0].assignment).toEqual([{ topic, partitions: [0, 1] }]);
    } finally {
      await consumer.disconnect();
    }

    await secondary.deleteConsumerGroup(group);
    await secondary.deleteTopic(topic);
  });

  it('closes its connections and refuses calls afterwards', async () => {
    const closing = buildAdmin();
    await closing.listTopics();
    await closing.close();
    await expect(closing.listTopics()).rejects.toThrow(
      "KarafkaAdmin.listTopics() on cluster 'primary' failed: the admin is closed (the application is shutting down)",
    );
  });
});
