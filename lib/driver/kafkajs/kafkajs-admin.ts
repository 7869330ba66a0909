import type { Admin } from 'kafkajs';
import type { DriverAdmin } from '../kafka-driver.port';

/** kafkajs' admin behind the driver port: a thin, type-mapping pass-through. */
export class KafkajsAdmin implements DriverAdmin {
  constructor(private readonly admin: Admin) {}

  connect(): Promise<void> {
    return this.admin.connect();
  }

  disconnect(): Promise<void> {
    return this.admin.disconnect();
  }

  listTopics(): Promise<string[]> {
    return this.admin.listTopics();
  }

  createTopics(
    topics: Parameters<DriverAdmin['createTopics']>[0],
  ): Promise<boolean> {
    return this.admin.createTopics({ topics, waitForLeaders: true });
  }

  fetchTopicOffsets(topic: string): ReturnType<DriverAdmin['fetchTopicOffsets']> {
    return this.admin.fetchTopicOffsets(topic);
  }

  async fetchOffsets(groupId: string, topics: string[]): ReturnType<DriverAdmin['fetchOffsets']> {
    const result = await this.admin.fetchOffsets({ groupId, topics });
    return result.map(({ topic, partitions }) => ({
      topic,
      partitions: partitions.map(({ partition, offset }) => ({ partition, offset })),
    }));
  }

  async describeGroups(groupIds: string[]): ReturnType<DriverAdmin['describeGroups']> {
    const { groups } = await this.admin.describeGroups(groupIds);
    return groups.map(({ groupId, state, members }) => ({
      groupId,
      state,
      members: members.map(({ memberId, clientId }) => ({ memberId, clientId })),
    }));
  }

  async listGroups(): ReturnType<DriverAdmin['listGroups']> {
    const { groups } = await this.admin.listGroups();
    return groups.map(({ groupId, protocolType }) => ({ groupId, protocolType }));
  }
}
