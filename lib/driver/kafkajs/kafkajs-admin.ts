import { randomUUID } from 'crypto';
import { AssignerProtocol, ConfigResourceTypes, ConfigSource, type Admin, type Kafka } from 'kafkajs';
import type {
  DriverAdmin,
  DriverConfigSource,
  DriverFetchedMessage,
  DriverGroupMember,
  DriverTopicConfigEntry,
} from '../kafka-driver.port';
import { runBriefConsumer } from './kafkajs-brief-consumer';
import { toFetchedMessage } from './kafkajs-consumer';
import { Turns } from '../../common/turns';

/** Throw-away groups used to read messages carry this prefix, so they are recognisable in group listings. */
const READER_GROUP_PREFIX = 'nestjs-karafka-admin-reader-';

const CONFIG_SOURCES: Record<number, DriverConfigSource> = {
  [ConfigSource.TOPIC_CONFIG]: 'topic',
  [ConfigSource.DYNAMIC_BROKER_CONFIG]: 'broker',
  [ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG]: 'broker',
  [ConfigSource.STATIC_BROKER_CONFIG]: 'broker',
  [ConfigSource.DEFAULT_CONFIG]: 'default',
};

/** kafkajs' admin behind the driver port: type mapping, plus the few operations kafkajs lacks. */
export class KafkajsAdmin implements DriverAdmin {
  private readonly admin: Admin;
  /**
   * kafkajs keeps one metadata cache per client, and `fetchTopicMetadata` of a topic it has not cached replaces
   * the cache with that topic's alone: a `fetchTopicOffsets` of another topic running meanwhile finds its topic
   * gone between its two requests and fails with "Cannot destructure property 'partitions' of 'low.pop(...)'"
   * (kafkajs#461; the Web UI reads several topics at once). The calls that read the cache take turns.
   */
  private readonly metadataTurns = new Turns();

  constructor(private readonly kafka: Kafka) {
    this.admin = kafka.admin();
  }

  connect(): Promise<void> {
    return this.admin.connect();
  }

  disconnect(): Promise<void> {
    return this.admin.disconnect();
  }

  listTopics(): Promise<string[]> {
    return this.admin.listTopics();
  }

  createTopics(topics: Parameters<DriverAdmin['createTopics']>[0]): Promise<boolean> {
    return this.admin.createTopics({ topics, waitForLeaders: true });
  }

  deleteTopics(topics: string[]): Promise<void> {
    return this.admin.deleteTopics({ topics });
  }

  async createPartitions(topics: Array<{ topic: string; count: number }>): Promise<void> {
    await this.admin.createPartitions({ topicPartitions: topics });
  }

  async fetchTopicMetadata(topics: string[]): ReturnType<DriverAdmin['fetchTopicMetadata']> {
    const metadata = await this.metadataTurns.run(() => this.admin.fetchTopicMetadata({ topics }));
    return metadata.topics.map(({ name, partitions }) => ({
      name,
      partitions: partitions
        .map(({ partitionId, leader, replicas, isr, offlineReplicas }) => ({
          partition: partitionId,
          leader,
          replicas,
          isr,
          offlineReplicas: offlineReplicas ?? [],
        }))
        .sort((a, b) => a.partition - b.partition),
    }));
  }

  async describeTopicConfigs(topics: string[]): ReturnType<DriverAdmin['describeTopicConfigs']> {
    const { resources } = await this.admin.describeConfigs({
      includeSynonyms: false,
      resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
    });
    return resources.map(({ resourceName, configEntries }) => ({
      topic: resourceName,
      entries: configEntries.map(({ configName, configValue, configSource, readOnly, isSensitive }) => ({
        name: configName,
        value: configValue,
        source: CONFIG_SOURCES[configSource] ?? 'unknown',
        readOnly,
        isSensitive,
      })),
    }));
  }

  /**
   * kafkajs only speaks the legacy AlterConfigs request, which *replaces* a topic's whole dynamic
   * config: entries not sent fall back to defaults. To change only the named entries, the current
   * topic-level entries are read and sent along.
   */
  async alterTopicConfigs(topic: string, entries: DriverTopicConfigEntry[]): Promise<void> {
    const [current] = await this.describeTopicConfigs([topic]);
    const merged = new Map<string, string>();
    for (const entry of current?.entries ?? []) {
      if (entry.source === 'topic' && entry.value !== null) merged.set(entry.name, entry.value);
    }
    for (const { name, value } of entries) merged.set(name, value);
    await this.admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: topic,
          configEntries: [...merged].map(([name, value]) => ({ name, value })),
        },
      ],
    });
  }

  async fetchTopicOffsets(topic: string): ReturnType<DriverAdmin['fetchTopicOffsets']> {
    const offsets = await this.metadataTurns.run(() => this.admin.fetchTopicOffsets(topic));
    return offsets.map(({ partition, low, high }) => ({ partition, low, high }));
  }

  fetchTopicOffsetsByTimestamp(
    topic: string,
    timestamp: number,
  ): ReturnType<DriverAdmin['fetchTopicOffsetsByTimestamp']> {
    return this.metadataTurns.run(() => this.admin.fetchTopicOffsetsByTimestamp(topic, timestamp));
  }

  /**
   * kafkajs has no way to assign a partition without joining a group, so the read uses a throw-away
   * group that never commits and is deleted afterwards. The other partitions are paused at once.
   */
  async fetchMessages({
    topic,
    partition,
    fromOffset,
    toOffset,
  }: Parameters<DriverAdmin['fetchMessages']>[0]): Promise<DriverFetchedMessage[]> {
    const from = BigInt(fromOffset);
    const lastWanted = BigInt(toOffset) - 1n;
    if (lastWanted < from) return [];

    const [metadata] = await this.fetchTopicMetadata([topic]);
    const groupId = `${READER_GROUP_PREFIX}${randomUUID()}`;
    const messages: DriverFetchedMessage[] = [];
    try {
      await runBriefConsumer(this.kafka, {
        groupId,
        topic,
        autoCommit: false,
        paused: metadata.partitions.map((p) => p.partition).filter((p) => p !== partition),
        seeks: [{ partition, offset: fromOffset }],
        eachBatch: (batch) => {
          if (batch.partition !== partition) return;
          for (const message of batch.messages) {
            const offset = BigInt(message.offset);
            if (offset >= from && offset <= lastWanted) messages.push(toFetchedMessage(message));
          }
        },
        // END_BATCH_PROCESS also fires for batches that held only filtered records (markers, compaction).
        until: (consumer, finish) =>
          consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
            if (
              payload.topic === topic &&
              payload.partition === partition &&
              BigInt(payload.lastOffset) >= lastWanted
            )
              finish();
          }),
        timeoutMessage: `reading ${topic}/${partition} did not reach offset ${lastWanted}`,
      });
    } finally {
      // The group never committed, so Kafka drops it on its own; deleting it keeps listings clean now.
      await this.admin.deleteGroups([groupId]).catch(() => undefined);
    }
    return messages;
  }

  /**
   * What kafkajs' `admin.setOffsets` does (join the group, seek, let the seeks commit), with a short
   * fetch wait: with the default one every call takes ~5 s. The seeks commit before the first fetch to
   * each partition's leader, so it is done once every leader has been fetched from.
   */
  async setGroupOffsets(
    groupId: string,
    topic: string,
    partitions: Array<{ partition: number; offset: string }>,
  ): Promise<void> {
    const [description] = await this.describeGroups([groupId]);
    if (description.members.length > 0) {
      throw new Error(
        `consumer group '${groupId}' has running members (state ${description.state}); offsets can only be set on an inactive group`,
      );
    }
    const [metadata] = await this.fetchTopicMetadata([topic]);
    const seeked = new Set(partitions.map((p) => p.partition));
    const leaders = new Set(
      metadata.partitions.filter((p) => seeked.has(p.partition)).map((p) => String(p.leader)),
    );
    await runBriefConsumer(this.kafka, {
      groupId,
      topic,
      autoCommit: true,
      paused: 'all',
      seeks: partitions,
      until: (consumer, finish) =>
        consumer.on(consumer.events.FETCH, ({ payload }) => {
          leaders.delete(String(payload.nodeId));
          if (leaders.size === 0) finish();
        }),
      timeoutMessage: `committing offsets of group '${groupId}' on '${topic}' did not complete`,
    });
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
    return groups.map(({ groupId, state, protocolType, members }) => ({
      groupId,
      state,
      protocolType,
      members: members.map(({ memberId, clientId, clientHost, memberAssignment }) => ({
        memberId,
        clientId,
        clientHost,
        assignment: protocolType === 'consumer' ? decodeAssignment(memberAssignment) : [],
      })),
    }));
  }

  async listGroups(): ReturnType<DriverAdmin['listGroups']> {
    const { groups } = await this.admin.listGroups();
    return groups.map(({ groupId, protocolType }) => ({ groupId, protocolType }));
  }

  async deleteGroups(groupIds: string[]): Promise<void> {
    await this.admin.deleteGroups(groupIds);
  }

  async describeCluster(): ReturnType<DriverAdmin['describeCluster']> {
    const { clusterId, controller, brokers } = await this.admin.describeCluster();
    return {
      clusterId,
      controller,
      brokers: brokers.map(({ nodeId, host, port }) => ({ nodeId, host, port })),
    };
  }
}

function decodeAssignment(buffer: Buffer): DriverGroupMember['assignment'] {
  if (!buffer || buffer.length === 0) return [];
  const decoded = AssignerProtocol.MemberAssignment.decode(buffer);
  if (!decoded) return [];
  return Object.entries(decoded.assignment).map(([topic, partitions]) => ({
    topic,
    partitions: [...partitions].sort((a, b) => a - b),
  }));
}
