import type {
  DeleteGroupsResult,
  GroupDescriptions,
  GroupOverview,
  GroupResults,
  IAdminClient,
  LibrdKafkaError,
  ListOffsetsResult,
  MemberDescription,
  OffsetSpec,
  TopicDescription,
} from '@confluentinc/kafka-javascript';
import type { DriverError } from '../driver-error';
import type { DriverAdmin, DriverGroupMember, DriverTopicConfigEntry } from '../kafka-driver.port';
import type { RdkafkaConfig } from './librdkafka-config';
import { rdkafkaCall, toDriverError } from './librdkafka-errors';
import { loadLibrdkafka } from './load-librdkafka';

/** Kafka's TOPIC_ALREADY_EXISTS: kafkajs answers `false` for it instead of failing, and so does this admin. */
const TOPIC_ALREADY_EXISTS = 36;
/** librdkafka's offset of a partition the group never committed (RD_KAFKA_OFFSET_INVALID); kafkajs says '-1'. */
const OFFSET_INVALID = -1001;

/** How long `createTopics` waits for the new partitions' leaders (kafkajs' default wait), asking this often. */
const LEADERS_TIMEOUT_MS = 5000;
const LEADERS_POLL_MS = 100;

/** librdkafka's `ConsumerGroupStates` numbers, as the state names kafkajs reports. */
const GROUP_STATES: Record<number, string> = {
  0: 'Unknown',
  1: 'PreparingRebalance',
  2: 'CompletingRebalance',
  3: 'Stable',
  4: 'Dead',
  5: 'Empty',
};

/**
 * The admin of @confluentinc/kafka-javascript's native API behind the driver port. The native AdminClient has no
 * DescribeConfigs/AlterConfigs, DescribeCluster nor AlterConsumerGroupOffsets, and reading messages needs a consumer
 * that fetches without a group: `describeTopicConfigs`, `alterTopicConfigs`, `describeCluster`, `setGroupOffsets`
 * and `fetchMessages` go to `fallback`, a kafkajs admin of the same cluster.
 */
export class LibrdkafkaAdmin implements DriverAdmin {
  private client?: IAdminClient;

  constructor(
    private readonly config: RdkafkaConfig,
    private readonly fallback: DriverAdmin,
  ) {}

  async connect(): Promise<void> {
    // AdminClient.create is synchronous: librdkafka connects on the first request.
    if (!this.client) {
      try {
        this.client = loadLibrdkafka().AdminClient.create(this.config);
      } catch (error) {
        throw toDriverError(error);
      }
    }
    await this.fallback.connect();
  }

  async disconnect(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    client?.disconnect();
    await this.fallback.disconnect();
  }

  listTopics(): Promise<string[]> {
    return rdkafkaCall<string[]>((done) => this.native().listTopics(done));
  }

  /** As kafkajs: `false` when a topic already existed (the others are created), other failures reject. */
  async createTopics(topics: Parameters<DriverAdmin['createTopics']>[0]): Promise<boolean> {
    const outcomes = await Promise.allSettled(
      topics.map(({ topic, numPartitions, replicationFactor, configEntries }) =>
        rdkafkaCall((done) =>
          this.native().createTopic(
            {
              topic,
              // -1: the broker's default, as kafkajs sends when these are not given.
              num_partitions: numPartitions ?? -1,
              replication_factor: replicationFactor ?? -1,
              config: Object.fromEntries((configEntries ?? []).map(({ name, value }) => [name, value])),
            },
            done,
          ),
        ),
      ),
    );
    const failures = outcomes.flatMap((outcome) =>
      outcome.status === 'rejected' ? [toDriverError(outcome.reason)] : [],
    );
    const other = failures.find((failure) => failure.code !== TOPIC_ALREADY_EXISTS);
    if (other) throw other;
    if (failures.length > 0) return false;
    await this.waitForLeaders(topics.map(({ topic }) => topic));
    return true;
  }

  async deleteTopics(topics: string[]): Promise<void> {
    await Promise.all(topics.map((topic) => rdkafkaCall((done) => this.native().deleteTopic(topic, done))));
  }

  async createPartitions(topics: Array<{ topic: string; count: number }>): Promise<void> {
    await Promise.all(
      topics.map(({ topic, count }) =>
        rdkafkaCall((done) => this.native().createPartitions(topic, count, done)),
      ),
    );
  }

  async fetchTopicMetadata(topics: string[]): ReturnType<DriverAdmin['fetchTopicMetadata']> {
    const descriptions = await this.describeTopics(topics);
    return descriptions.map(({ name, partitions }) => ({
      name,
      partitions: partitions
        .map(({ partition, leader, replicas, isr }) => {
          const replicaIds = replicas.map((node) => node.id);
          return {
            partition,
            leader: leader?.id ?? -1,
            replicas: replicaIds,
            isr: isr.map((node) => node.id),
            // DescribeTopics does not carry Metadata's offline replicas; kafkajs reads them from Metadata, which
            // librdkafka's native API only gives to clients with a handle on topics, so none are reported.
            offlineReplicas: [],
          };
        })
        .sort((a, b) => a.partition - b.partition),
    }));
  }

  describeTopicConfigs(topics: string[]): ReturnType<DriverAdmin['describeTopicConfigs']> {
    return this.fallback.describeTopicConfigs(topics);
  }

  alterTopicConfigs(topic: string, entries: DriverTopicConfigEntry[]): Promise<void> {
    return this.fallback.alterTopicConfigs(topic, entries);
  }

  async fetchTopicOffsets(topic: string): ReturnType<DriverAdmin['fetchTopicOffsets']> {
    const partitions = await this.partitionsOf(topic);
    const spec = loadLibrdkafka().OffsetSpec;
    const [low, high] = await Promise.all([
      this.listOffsets(topic, partitions, spec.EARLIEST),
      this.listOffsets(topic, partitions, spec.LATEST),
    ]);
    return partitions.map((partition) => ({
      partition,
      low: String(low.get(partition)),
      high: String(high.get(partition)),
    }));
  }

  async fetchTopicOffsetsByTimestamp(
    topic: string,
    timestamp: number,
  ): ReturnType<DriverAdmin['fetchTopicOffsetsByTimestamp']> {
    const partitions = await this.partitionsOf(topic);
    const spec = loadLibrdkafka().OffsetSpec;
    const [byTime, high] = await Promise.all([
      this.listOffsets(topic, partitions, new spec(timestamp)),
      this.listOffsets(topic, partitions, spec.LATEST),
    ]);
    // -1: no record at or after the timestamp, which the port (like kafkajs) answers with the high watermark.
    return partitions.map((partition) => {
      const offset = byTime.get(partition) ?? -1;
      return { partition, offset: String(offset >= 0 ? offset : high.get(partition)) };
    });
  }

  fetchMessages(args: Parameters<DriverAdmin['fetchMessages']>[0]): ReturnType<DriverAdmin['fetchMessages']> {
    return this.fallback.fetchMessages(args);
  }

  /** As kafkajs: named topics list all their partitions ('-1' where nothing is committed); none lists every commit. */
  async fetchOffsets(groupId: string, topics: string[]): ReturnType<DriverAdmin['fetchOffsets']> {
    const wanted = await Promise.all(
      topics.map(async (topic) =>
        (await this.partitionsOf(topic)).map((partition) => ({ topic, partition })),
      ),
    );
    const [result] = await rdkafkaCall<GroupResults[]>((done) =>
      this.native().listConsumerGroupOffsets(
        [{ groupId, ...(topics.length > 0 ? { partitions: wanted.flat() } : {}) }],
        {},
        done,
      ),
    );
    if (result.error) throw toDriverError(result.error);
    const byTopic = new Map<string, Array<{ partition: number; offset: string }>>(
      topics.map((topic) => [topic, []]),
    );
    for (const { topic, partition, offset, error } of result.partitions) {
      if (error) throw toDriverError(error);
      const partitions = byTopic.get(topic) ?? [];
      partitions.push({ partition, offset: offset === OFFSET_INVALID ? '-1' : String(offset) });
      byTopic.set(topic, partitions);
    }
    return [...byTopic].map(([topic, partitions]) => ({
      topic,
      partitions: partitions.sort((a, b) => a.partition - b.partition),
    }));
  }

  setGroupOffsets(
    groupId: string,
    topic: string,
    partitions: Array<{ partition: number; offset: string }>,
  ): Promise<void> {
    return this.fallback.setGroupOffsets(groupId, topic, partitions);
  }

  async describeGroups(groupIds: string[]): ReturnType<DriverAdmin['describeGroups']> {
    const { groups } = await rdkafkaCall<GroupDescriptions>((done) =>
      this.native().describeGroups(groupIds, {}, done),
    );
    return groups.map((group) => {
      if (group.error) throw toDriverError(group.error);
      return {
        groupId: group.groupId,
        state: GROUP_STATES[group.state] ?? 'Unknown',
        // librdkafka calls a group without a protocol 'simple'; kafkajs, as Kafka, leaves it empty.
        protocolType: group.isSimpleConsumerGroup ? '' : group.protocolType,
        members: group.members.map(toMember),
      };
    });
  }

  async listGroups(): ReturnType<DriverAdmin['listGroups']> {
    const { groups, errors } = await rdkafkaCall<{ groups: GroupOverview[]; errors: LibrdKafkaError[] }>(
      (done) => this.native().listGroups({}, done),
    );
    if (errors.length > 0) throw toDriverError(errors[0]);
    return groups.map(({ groupId, protocolType }) => ({ groupId, protocolType }));
  }

  async deleteGroups(groupIds: string[]): Promise<void> {
    const results = await rdkafkaCall<DeleteGroupsResult[]>((done) =>
      this.native().deleteGroups(groupIds, {}, done),
    );
    const failed = results.find((result) => result.error);
    if (failed?.error) throw toDriverError(failed.error);
  }

  describeCluster(): ReturnType<DriverAdmin['describeCluster']> {
    return this.fallback.describeCluster();
  }

  private native(): IAdminClient {
    if (!this.client) throw new Error('the librdkafka admin is not connected');
    return this.client;
  }

  /** DescribeTopics answers an unknown topic with an error inside the result, not as the call's error. */
  private async describeTopics(topics: string[]): Promise<TopicDescription[]> {
    const descriptions = await rdkafkaCall<TopicDescription[]>((done) =>
      this.native().describeTopics(topics, {}, done),
    );
    const failed = descriptions.find((description) => description.error);
    if (failed?.error) throw toDriverError(failed.error);
    return descriptions;
  }

  /**
   * kafkajs' `waitForLeaders`: CreateTopics answers once the controller has the topics, before their partitions
   * have leaders; a produce or offset read right then would fail.
   */
  private async waitForLeaders(topics: string[]): Promise<void> {
    const deadline = Date.now() + LEADERS_TIMEOUT_MS;
    for (;;) {
      const descriptions = await this.describeTopics(topics).catch((error: DriverError) => {
        if (error.kind !== 'unknown-topic' || Date.now() > deadline) throw error;
        return undefined;
      });
      const led = descriptions?.every(({ partitions }) => partitions.every(({ leader }) => leader !== null));
      if (led) return;
      if (Date.now() > deadline) throw new Error(`topics ${topics.join(', ')} got no leaders in time`);
      await new Promise((resolve) => setTimeout(resolve, LEADERS_POLL_MS));
    }
  }

  private async partitionsOf(topic: string): Promise<number[]> {
    const [description] = await this.describeTopics([topic]);
    return description.partitions.map(({ partition }) => partition).sort((a, b) => a - b);
  }

  private async listOffsets(
    topic: string,
    partitions: number[],
    offset: OffsetSpec,
  ): Promise<Map<number, number>> {
    const results = await rdkafkaCall<ListOffsetsResult[]>((done) =>
      this.native().listOffsets(
        partitions.map((partition) => ({ topic, partition, offset })),
        {},
        done,
      ),
    );
    const failed = results.find((result) => result.error);
    if (failed?.error) throw toDriverError(failed.error);
    return new Map(results.map((result) => [result.partition, result.offset]));
  }
}

function toMember({ memberId, clientId, clientHost, assignment }: MemberDescription): DriverGroupMember {
  const byTopic = new Map<string, number[]>();
  for (const { topic, partition } of assignment?.topicPartitions ?? []) {
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), partition]);
  }
  return {
    memberId,
    clientId,
    clientHost,
    assignment: [...byTopic].map(([topic, partitions]) => ({
      topic,
      partitions: partitions.sort((a, b) => a - b),
    })),
  };
}
