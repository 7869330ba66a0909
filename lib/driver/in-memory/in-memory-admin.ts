import type { DriverAdmin, DriverFetchedMessage } from '../kafka-driver.port';
import type { InMemoryCluster } from './in-memory-cluster';
import { unknownTopicOrPartition } from './in-memory-errors';

/** Kafka's answer for a partition the group has not committed on. */
const NO_OFFSET = '-1';

/**
 * The admin of an `InMemoryCluster`: a one-broker cluster (node 1) that leads every partition. Answers as a
 * broker would, so `KarafkaAdmin`, declarative topics and the health checks run unchanged on the in-memory driver.
 */
export class InMemoryAdmin implements DriverAdmin {
  constructor(private readonly cluster: InMemoryCluster) {}

  async connect(): Promise<void> {
    this.cluster.takeConnectFailure();
  }

  async disconnect(): Promise<void> {}

  async listTopics(): Promise<string[]> {
    return this.cluster.topicNames();
  }

  async createTopics(topics: Parameters<DriverAdmin['createTopics']>[0]): Promise<boolean> {
    let created = false;
    for (const { topic, numPartitions, configEntries } of topics) {
      const config = Object.fromEntries((configEntries ?? []).map(({ name, value }) => [name, value]));
      created = this.cluster.createTopic(topic, numPartitions ?? 1, config) || created;
    }
    return created;
  }

  async deleteTopics(topics: string[]): Promise<void> {
    for (const topic of topics) this.cluster.deleteTopic(topic);
  }

  async createPartitions(topics: Array<{ topic: string; count: number }>): Promise<void> {
    for (const { topic, count } of topics) this.cluster.addPartitions(topic, count);
  }

  async fetchTopicMetadata(topics: string[]): ReturnType<DriverAdmin['fetchTopicMetadata']> {
    return topics.map((name) => ({
      name,
      partitions: this.partitionsOf(name).map((partition) => ({
        partition,
        leader: 1,
        replicas: [1],
        isr: [1],
        offlineReplicas: [],
      })),
    }));
  }

  async describeTopicConfigs(topics: string[]): ReturnType<DriverAdmin['describeTopicConfigs']> {
    return topics.map((topic) => ({
      topic,
      entries: Object.entries(this.cluster.topicConfig(topic)).map(([name, value]) => ({
        name,
        value,
        source: 'topic' as const,
        readOnly: false,
        isSensitive: false,
      })),
    }));
  }

  async alterTopicConfigs(topic: string, entries: Array<{ name: string; value: string }>): Promise<void> {
    const config = this.cluster.topicConfig(topic);
    for (const { name, value } of entries) config[name] = value;
  }

  async fetchTopicOffsets(topic: string): ReturnType<DriverAdmin['fetchTopicOffsets']> {
    return this.partitionsOf(topic).map((partition) => ({
      partition,
      low: '0',
      high: this.cluster.highWatermark(topic, partition),
    }));
  }

  async fetchTopicOffsetsByTimestamp(
    topic: string,
    timestamp: number,
  ): ReturnType<DriverAdmin['fetchTopicOffsetsByTimestamp']> {
    return this.partitionsOf(topic).map((partition) => {
      const first = this.cluster
        .messages(topic, partition)
        .find((message) => Number(message.timestamp) >= timestamp);
      return { partition, offset: first?.offset ?? this.cluster.highWatermark(topic, partition) };
    });
  }

  async fetchMessages(args: Parameters<DriverAdmin['fetchMessages']>[0]): Promise<DriverFetchedMessage[]> {
    const from = BigInt(args.fromOffset);
    const count = Number(BigInt(args.toOffset) - from);
    if (count <= 0) return [];
    return this.cluster.fetch(args.topic, args.partition, from, count);
  }

  async fetchOffsets(groupId: string, topics: string[]): ReturnType<DriverAdmin['fetchOffsets']> {
    const committed = this.cluster.committedOffsets(groupId);
    const names = topics.length > 0 ? topics : [...new Set(committed.map((entry) => entry.topic))];
    return names.map((topic) => ({
      topic,
      partitions: (this.cluster.hasTopic(topic) ? this.cluster.partitionsOf(topic) : []).map((partition) => ({
        partition,
        offset: this.cluster.committedOffset(groupId, topic, partition) ?? NO_OFFSET,
      })),
    }));
  }

  async setGroupOffsets(
    groupId: string,
    topic: string,
    partitions: Array<{ partition: number; offset: string }>,
  ): Promise<void> {
    this.assertInactive(groupId);
    for (const { partition, offset } of partitions) this.cluster.commit(groupId, topic, partition, offset);
  }

  async describeGroups(groupIds: string[]): ReturnType<DriverAdmin['describeGroups']> {
    return groupIds.map((groupId) => {
      const members = this.cluster.membersOf(groupId);
      const known = this.cluster.groupIds().includes(groupId);
      return {
        groupId,
        state: members.length > 0 ? 'Stable' : known ? 'Empty' : 'Dead',
        protocolType: known ? 'consumer' : '',
        members: members.map(({ memberId, assignment }) => ({
          memberId,
          clientId: memberId,
          clientHost: '/127.0.0.1',
          assignment: Object.entries(assignment).map(([topic, assigned]) => ({
            topic,
            partitions: assigned,
          })),
        })),
      };
    });
  }

  async listGroups(): ReturnType<DriverAdmin['listGroups']> {
    return this.cluster.groupIds().map((groupId) => ({ groupId, protocolType: 'consumer' }));
  }

  async deleteGroups(groupIds: string[]): Promise<void> {
    for (const groupId of groupIds) {
      this.assertInactive(groupId);
      this.cluster.deleteGroup(groupId);
    }
  }

  async describeCluster(): ReturnType<DriverAdmin['describeCluster']> {
    return {
      clusterId: `in-memory:${this.cluster.brokers.join(',')}`,
      controller: 1,
      brokers: this.cluster.brokers.map((broker, index) => {
        const colon = broker.lastIndexOf(':');
        return { nodeId: index + 1, host: broker.slice(0, colon), port: Number(broker.slice(colon + 1)) };
      }),
    };
  }

  /** The partitions of an existing topic: an admin never creates topics by looking at them. */
  private partitionsOf(topic: string): number[] {
    if (!this.cluster.hasTopic(topic)) {
      throw unknownTopicOrPartition(`This server does not host this topic-partition: ${topic}`, false);
    }
    return this.cluster.partitionsOf(topic);
  }

  private assertInactive(groupId: string): void {
    if (this.cluster.membersOf(groupId).length > 0) {
      throw new Error(`consumer group '${groupId}' has running members; it must be inactive`);
    }
  }
}
