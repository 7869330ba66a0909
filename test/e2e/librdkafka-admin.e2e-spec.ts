/**
 * The librdkafka driver's admin against the real primary broker, held to the same assertions as the kafkajs one:
 * whatever the library reads through either admin means the same thing.
 */
import { Kafka, logLevel } from 'kafkajs';
import type { ConnectionSettings } from '../../lib/config/kafka-config.types';
import type { DriverError } from '../../lib/driver/driver-error';
import type { DriverAdmin } from '../../lib/driver/kafka-driver.port';
import { KafkajsAdmin } from '../../lib/driver/kafkajs/kafkajs-admin';
import { toKafkajsConfig } from '../../lib/driver/kafkajs/kafkajs-driver';
import { toDriverError as kafkajsError } from '../../lib/driver/kafkajs/kafkajs-errors';
import { LibrdkafkaAdmin } from '../../lib/driver/librdkafka/librdkafka-admin';
import { toRdkafkaConnectionConfig } from '../../lib/driver/librdkafka/librdkafka-config';
import { primaryBrokers, testKafka, uniqueName, waitFor } from '../support/kafka-env';
import { peerDescribeTopic } from './admin-peer';

const connection: ConnectionSettings = { brokers: primaryBrokers(), clientId: 'rdk-admin-e2e', ssl: false };

function kafkajsAdmin(): KafkajsAdmin {
  return new KafkajsAdmin(new Kafka({ ...toKafkajsConfig(connection), logLevel: logLevel.NOTHING }));
}

/** Each admin, and how its driver turns a failure into the port's error (the kafkajs admin rejects with kafkajs'). */
const ADMINS: Array<[string, () => DriverAdmin, (error: unknown) => DriverError]> = [
  ['kafkajs', kafkajsAdmin, kafkajsError],
  [
    'librdkafka',
    () => new LibrdkafkaAdmin(toRdkafkaConnectionConfig(connection), kafkajsAdmin()),
    (e) => e as DriverError,
  ],
];

/** Partitions in order: the port does not fix the order (kafkajs answers in the brokers' order). */
function byPartition<T extends { partition: number }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => a.partition - b.partition);
}

async function rejection(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe.each(ADMINS)('%s admin on the primary broker (e2e)', (name, build, classify) => {
  const topic = uniqueName(`rdk-admin.${name}`);
  const group = uniqueName(`rdk-admin-group.${name}`);
  let admin: DriverAdmin;
  let beforeProduce: number;

  beforeAll(async () => {
    admin = build();
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.disconnect();
  });

  it('creates a topic with configs, and answers false when it already exists', async () => {
    const created = await admin.createTopics([
      { topic, numPartitions: 2, configEntries: [{ name: 'retention.ms', value: '3600000' }] },
    ]);
    expect(created).toBe(true);
    const peer = await peerDescribeTopic(primaryBrokers(), topic);
    expect(peer).toMatchObject({ partitions: 2, configs: { 'retention.ms': '3600000' } });
    expect(await admin.createTopics([{ topic, numPartitions: 2 }])).toBe(false);
  });

  it('lists the topic and reads its metadata', async () => {
    expect(await admin.listTopics()).toContain(topic);
    const [metadata] = await admin.fetchTopicMetadata([topic]);
    expect(metadata.name).toBe(topic);
    expect(metadata.partitions.map((p) => p.partition)).toEqual([0, 1]);
    for (const partition of metadata.partitions) {
      expect(partition.leader).toBeGreaterThanOrEqual(0);
      expect(partition.replicas).toContain(partition.leader);
      expect(partition.isr).toEqual(partition.replicas);
      expect(partition.offlineReplicas).toEqual([]);
    }
  });

  it('reads watermarks and offsets by timestamp after records were written', async () => {
    beforeProduce = Date.now() - 1;
    const producer = testKafka(primaryBrokers()).producer();
    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      messages: [0, 0, 0, 1].map((partition, n) => ({ partition, value: `v${n}` })),
    });
    await producer.disconnect();

    expect(byPartition(await admin.fetchTopicOffsets(topic))).toEqual([
      { partition: 0, low: '0', high: '3' },
      { partition: 1, low: '0', high: '1' },
    ]);
    expect(byPartition(await admin.fetchTopicOffsetsByTimestamp(topic, beforeProduce))).toEqual([
      { partition: 0, offset: '0' },
      { partition: 1, offset: '0' },
    ]);
    // No record that late: the high watermark.
    expect(byPartition(await admin.fetchTopicOffsetsByTimestamp(topic, Date.now() + 60_000))).toEqual([
      { partition: 0, offset: '3' },
      { partition: 1, offset: '1' },
    ]);
  });

  it('reads topic configs, the cluster and messages (kafkajs on both: the fallback)', async () => {
    const [configs] = await admin.describeTopicConfigs([topic]);
    expect(configs.entries).toContainEqual(
      expect.objectContaining({ name: 'retention.ms', value: '3600000', source: 'topic' }),
    );
    await admin.alterTopicConfigs(topic, [{ name: 'retention.ms', value: '7200000' }]);
    expect((await peerDescribeTopic(primaryBrokers(), topic))?.configs['retention.ms']).toBe('7200000');
    const cluster = await admin.describeCluster();
    expect(cluster.brokers.map((broker) => `${broker.host}:${broker.port}`)).toContain(primaryBrokers()[0]);
    const messages = await admin.fetchMessages({ topic, partition: 0, fromOffset: '1', toOffset: '3' });
    expect(messages.map((message) => [message.offset, message.value?.toString()])).toEqual([
      ['1', 'v1'],
      ['2', 'v2'],
    ]);
  });

  it('rejects deleting a group that does not exist', async () => {
    await expect(admin.deleteGroups([uniqueName('rdk-admin.no-group')])).rejects.toThrow();
  });

  it("sets, reads, describes, lists and deletes a group's offsets", async () => {
    await admin.setGroupOffsets(group, topic, [{ partition: 0, offset: '2' }]);
    expect(await admin.fetchOffsets(group, [topic])).toEqual([
      {
        topic,
        partitions: [
          { partition: 0, offset: '2' },
          { partition: 1, offset: '-1' },
        ],
      },
    ]);
    expect(await admin.fetchOffsets(group, [])).toEqual([
      { topic, partitions: [{ partition: 0, offset: '2' }] },
    ]);

    const [description] = await admin.describeGroups([group]);
    expect(description).toMatchObject({
      groupId: group,
      state: 'Empty',
      protocolType: 'consumer',
      members: [],
    });
    expect(await admin.listGroups()).toContainEqual({ groupId: group, protocolType: 'consumer' });

    await admin.deleteGroups([group]);
    await waitFor(async () => (await admin.describeGroups([group]))[0].state === 'Dead', {
      description: `group ${group} deleted`,
    });
    expect((await admin.describeGroups([group]))[0]).toMatchObject({ protocolType: '', members: [] });
  });

  it('raises the partition count', async () => {
    await admin.createPartitions([{ topic, count: 3 }]);
    await waitFor(async () => (await peerDescribeTopic(primaryBrokers(), topic))?.partitions === 3, {
      description: `${topic} has 3 partitions`,
    });
  });

  it('fails an unknown topic as unknown-topic', async () => {
    const missing = uniqueName('rdk-admin.missing');
    expect(classify(await rejection(admin.fetchTopicMetadata([missing])))).toMatchObject({
      kind: 'unknown-topic',
    });
    expect(classify(await rejection(admin.fetchTopicOffsets(missing)))).toMatchObject({
      kind: 'unknown-topic',
    });
  });

  it('deletes the topic', async () => {
    await admin.deleteTopics([topic]);
    await waitFor(async () => (await peerDescribeTopic(primaryBrokers(), topic)) === null, {
      description: `${topic} deleted`,
    });
  });
});
