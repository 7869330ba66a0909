import { Logger } from '@nestjs/common';
import type { ClusterDefinition } from '../cluster/cluster-definition.interface';
import { clusterIdentity } from '../cluster/cluster-identity';
import { normalizeKafkaConfig } from '../config/normalize-kafka-config';
import type { DriverAdmin, DriverClient, DriverGroupMember } from '../driver/kafka-driver.port';
import { AdminSessions } from './admin-sessions';
import { KarafkaAdmin } from './karafka-admin';

const input = { 'bootstrap.servers': '127.0.0.1:1' };
const { config } = normalizeKafkaConfig(input, 'forRoot.kafka');
const PRIMARY: ClusterDefinition = {
  name: 'primary',
  origin: 'primary',
  input,
  config,
  identity: clusterIdentity(config.connection),
};

/** An admin connection answering from memory: one topic, one group with `members` running. */
function adminWith(members: DriverGroupMember[]) {
  const calls: string[] = [];
  const driverAdmin = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    listTopics: async () => ['orders'],
    createTopics: async () => {
      calls.push('createTopics');
      return true;
    },
    describeGroups: async (groupIds: string[]) =>
      groupIds.map((groupId) => ({ groupId, state: 'Stable', protocolType: 'consumer', members })),
    deleteGroups: async () => void calls.push('deleteGroups'),
    setGroupOffsets: async () => void calls.push('setGroupOffsets'),
    fetchTopicOffsets: async () => [{ partition: 0, low: '0', high: '10' }],
  } as unknown as DriverAdmin;
  const sessions = new AdminSessions(() => ({ admin: () => driverAdmin }) as unknown as DriverClient);
  const admin = new KarafkaAdmin(
    { primary: () => PRIMARY, all: () => [PRIMARY], routes: () => [] },
    sessions,
  );
  return { admin, calls };
}

const member = { memberId: 'm-1', clientId: 'shop', clientHost: '/127.0.0.1', assignment: [] };

describe('KarafkaAdmin guards', () => {
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('moves or deletes a group only when no member is running', async () => {
    const running = adminWith([member]);
    await expect(running.admin.seekConsumerGroup('shop', { orders: 'earliest' })).rejects.toThrow(
      "consumer group 'shop' has 1 running member",
    );
    await expect(running.admin.deleteConsumerGroup('shop')).rejects.toThrow(
      "consumer group 'shop' has 1 running member",
    );
    expect(running.calls).toEqual([]);

    const idle = adminWith([]);
    await expect(idle.admin.seekConsumerGroup('shop', { orders: 'earliest' })).resolves.toEqual([
      { topic: 'orders', partition: 0, offset: '0' },
    ]);
    await idle.admin.deleteConsumerGroup('shop');
    expect(idle.calls).toEqual(['setGroupOffsets', 'deleteGroups']);
  });

  it('refuses topic configs Kafka cannot take before creating anything', async () => {
    const { admin, calls } = adminWith([]);
    await expect(admin.createTopic('audit', { config: { 'retention.ms': Number.NaN } })).rejects.toThrow(
      "topic config 'retention.ms' must be a string, number or boolean, got null",
    );
    await expect(admin.createTopic('audit', { partitions: 0 })).rejects.toThrow(
      'partitions must be a positive integer, got 0',
    );
    expect(calls).toEqual([]);
    await admin.createTopic('audit', { config: { 'retention.ms': 60000, 'cleanup.policy': 'compact' } });
    expect(calls).toEqual(['createTopics']);
  });
});
