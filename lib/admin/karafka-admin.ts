import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { didYouMean } from '../config/did-you-mean';
import { compileInspectionDecoder } from '../consumer/deserialization';
import type { KafkaMessage } from '../consumer/kafka-message.interface';
import { buildKafkaMessage } from '../consumer/kafka-message.builder';
import type { DriverAdmin, DriverTopicConfigEntry } from '../driver/kafka-driver.port';
import type { ClusterDefinition, TopicRoute } from '../routing/routing-table.interface';
import type { TopicConfigValue } from '../topics/topic-config.interface';
import { ADMIN_MESSAGES as M } from './admin.messages';
import type { AdminSessions } from './admin-sessions';
import { computeTopicLag } from './consumer-group-lag';
import { KarafkaAdminError } from './karafka-admin.error';
import type {
  ClusterInfo,
  ConsumerGroupDescription,
  ConsumerGroupListing,
  CreateTopicOptions,
  Offset,
  ReadTopicOptions,
  SeekResult,
  SeekSpec,
  TopicDescription,
  WatermarkOffsets,
} from './karafka-admin.interface';
import { readRange } from './read-range';
import { DECIMAL, flattenSeekSpec, type SeekEntry } from './seek-spec';

/** What the admin needs to know about the app's clusters; the ClusterRegistry provides it. */
export interface AdminClusterCatalog {
  primary(): ClusterDefinition;
  /** Every cluster the app knows: named ones and those declared inline on topics. */
  all(): ClusterDefinition[];
  /** The app's routes (empty before bootstrap), so `readTopic` decodes like the topic's consumer. */
  routes(): TopicRoute[];
}

/** Calls that change the cluster are logged at `log` level, reads at `debug`. */
type LogLevel = 'log' | 'debug';

/**
 * Kafka admin operations, Karafka's `Karafka::Admin`. Acts on the **primary cluster** unless bound to
 * another one with `forCluster(name)`. Every call logs the cluster it acts on; every failure is a
 * `KarafkaAdminError` naming the operation, the cluster and the topic or group.
 */
export class KarafkaAdmin implements OnApplicationShutdown {
  private readonly logger = new Logger('KarafkaAdmin');
  private boundCluster?: ClusterDefinition;

  constructor(
    private readonly catalog: AdminClusterCatalog,
    private readonly sessions: AdminSessions,
    cluster?: ClusterDefinition,
  ) {
    this.boundCluster = cluster;
  }

  /** The cluster this admin acts on: `primary` unless obtained from `forCluster`. */
  get cluster(): ClusterDefinition {
    // Resolved on first use: the primary is known from forRoot, but it is read as late as possible.
    this.boundCluster ??= this.catalog.primary();
    return this.boundCluster;
  }

  /** The same API bound to another cluster (`primary`, a key of `forRoot({ clusters })`, or an inline cluster's name). */
  forCluster(name: string): KarafkaAdmin {
    const clusters = this.catalog.all();
    const cluster = clusters.find((candidate) => candidate.name === name);
    if (!cluster) {
      const names = clusters.map((candidate) => candidate.name);
      throw new Error(M.unknownCluster(name, names, didYouMean(name, names)));
    }
    return new KarafkaAdmin(this.catalog, this.sessions, cluster);
  }

  /** Disconnects the admin connections of every cluster (called on application shutdown). */
  close(): Promise<void> {
    return this.sessions.closeAll();
  }

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  // ---- topics -------------------------------------------------------------------------------------

  async createTopic(name: string, options: CreateTopicOptions = {}): Promise<void> {
    const partitions = options.partitions ?? 1;
    const details = `${partitions} partition(s)${options.replicationFactor ? `, replication ${options.replicationFactor}` : ''}`;
    await this.run('createTopic', name, 'log', details, async (admin) => {
      assertPositiveInteger('partitions', partitions);
      if (options.replicationFactor !== undefined)
        assertPositiveInteger('replicationFactor', options.replicationFactor);
      const configEntries = toConfigEntries(options.config ?? {});
      // Checked first so an existing topic is a clear error, not a broker error in the client's log.
      if ((await admin.listTopics()).includes(name)) throw new Error(M.topicExists(name));
      const created = await admin.createTopics([
        {
          topic: name,
          numPartitions: partitions,
          replicationFactor: options.replicationFactor,
          configEntries,
        },
      ]);
      if (!created) throw new Error(M.topicExists(name));
    });
  }

  async deleteTopic(name: string): Promise<void> {
    await this.run('deleteTopic', name, 'log', undefined, async (admin) => {
      await this.assertTopicExists(admin, name);
      await admin.deleteTopics([name]);
    });
  }

  /** Raises the topic's partition count to `totalCount` (Karafka's `create_partitions`: the new total). */
  async createPartitions(topic: string, totalCount: number): Promise<void> {
    await this.run('createPartitions', topic, 'log', `to ${totalCount} partitions`, async (admin) => {
      assertPositiveInteger('totalCount', totalCount);
      const current = await this.partitionCount(admin, topic);
      if (totalCount <= current) throw new Error(M.notGrowing(topic, current, totalCount));
      await admin.createPartitions([{ topic, count: totalCount }]);
    });
  }

  /** Sets the given topic configs; configs not named keep their values. */
  async alterTopicConfig(topic: string, config: Record<string, TopicConfigValue>): Promise<void> {
    const entries = Object.keys(config).join(', ');
    await this.run('alterTopicConfig', topic, 'log', entries, async (admin) => {
      await this.assertTopicExists(admin, topic);
      await admin.alterTopicConfigs(topic, toConfigEntries(config));
    });
  }

  async listTopics(): Promise<string[]> {
    return this.run('listTopics', undefined, 'debug', undefined, async (admin) =>
      (await admin.listTopics()).sort(),
    );
  }

  async describeTopic(topic: string): Promise<TopicDescription> {
    return this.run('describeTopic', topic, 'debug', undefined, async (admin) => {
      await this.assertTopicExists(admin, topic);
      const [[metadata], [configs]] = await Promise.all([
        admin.fetchTopicMetadata([topic]),
        admin.describeTopicConfigs([topic]),
      ]);
      return {
        cluster: this.cluster.name,
        name: topic,
        partitions: metadata.partitions,
        replicationFactor: Math.max(0, ...metadata.partitions.map((p) => p.replicas.length)),
        configs: [...configs.entries].sort((a, b) => a.name.localeCompare(b.name)),
      };
    });
  }

  /** Low and high watermark of every partition of the topic. */
  async readWatermarkOffsets(topic: string): Promise<WatermarkOffsets[]> {
    return this.run('readWatermarkOffsets', topic, 'debug', undefined, (admin) =>
      this.watermarks(admin, topic),
    );
  }

  /**
   * Reads `count` messages of one partition, decoded like the topic's consumer would see them. Without
   * `offset`: the last `count` messages; with an offset (or a Date: the first message at/after it):
   * `count` messages from there. Returns fewer when the partition holds fewer.
   */
  async readTopic(
    topic: string,
    partition: number,
    count: number,
    offset?: number | Offset | Date,
    options: ReadTopicOptions = {},
  ): Promise<KafkaMessage[]> {
    const from =
      offset === undefined
        ? `the last ${count}`
        : `${count} from ${offset instanceof Date ? offset.toISOString() : offset}`;
    return this.run('readTopic', topic, 'debug', `partition ${partition}, ${from}`, async (admin) => {
      assertPositiveInteger('count', count);
      const watermarks = await this.watermarks(admin, topic);
      const partitionMarks = watermarks.find((w) => w.partition === partition);
      if (!partitionMarks) throw new Error(M.partitionMissing(topic, partition, watermarks.length));
      const start = await this.startOffset(admin, topic, partition, offset);
      const { from, to } = readRange(partitionMarks, count, start);
      const fetched = await admin.fetchMessages({ topic, partition, fromOffset: from, toOffset: to });
      const source = {
        topic,
        partition,
        cluster: this.cluster.name,
        decode: compileInspectionDecoder(this.deserializerFor(topic, options), topic),
      };
      return fetched.map((message) => buildKafkaMessage(source, message));
    });
  }

  // ---- cluster ------------------------------------------------------------------------------------

  async clusterInfo(): Promise<ClusterInfo> {
    return this.run('clusterInfo', undefined, 'debug', undefined, async (admin) => ({
      cluster: this.cluster.name,
      ...(await admin.describeCluster()),
    }));
  }

  // ---- consumer groups ----------------------------------------------------------------------------

  async listConsumerGroups(): Promise<ConsumerGroupListing[]> {
    return this.run('listConsumerGroups', undefined, 'debug', undefined, async (admin) =>
      (await admin.listGroups()).sort((a, b) => a.groupId.localeCompare(b.groupId)),
    );
  }

  /** State, members with their partitions, and lag per partition (high watermark − committed offset). */
  async describeConsumerGroup(group: string): Promise<ConsumerGroupDescription> {
    return this.run('describeConsumerGroup', group, 'debug', undefined, async (admin) => {
      const [[description], committed] = await Promise.all([
        admin.describeGroups([group]),
        admin.fetchOffsets(group, []),
      ]);
      const committedByTopic = new Map(committed.map(({ topic, partitions }) => [topic, partitions]));
      if (description.state === 'Dead' && committedByTopic.size === 0) throw new Error(M.groupMissing(group));

      const assignedTopics = description.members.flatMap((member) =>
        member.assignment.map(({ topic }) => topic),
      );
      const topics = [...new Set([...committedByTopic.keys(), ...assignedTopics])].sort();
      return {
        cluster: this.cluster.name,
        groupId: group,
        state: description.state,
        protocolType: description.protocolType,
        members: description.members,
        topics: await Promise.all(
          topics.map(async (topic) =>
            computeTopicLag(topic, committedByTopic.get(topic) ?? [], await this.watermarks(admin, topic)),
          ),
        ),
      };
    });
  }

  /**
   * Moves an inactive group's committed offsets, Karafka's `seek_consumer_group`:
   * `{ orders: { 0: 42, 1: 'earliest' }, audit: new Date('2024-01-01') }`. A Date means the first message
   * at or after that time (the end of the partition when there is none). Every entry is validated before
   * any offset moves. Returns the offsets committed.
   */
  async seekConsumerGroup(group: string, spec: SeekSpec): Promise<SeekResult[]> {
    return this.run('seekConsumerGroup', group, 'log', Object.keys(spec ?? {}).join(', '), async (admin) => {
      const entries = flattenSeekSpec(spec);
      const [description] = await admin.describeGroups([group]);
      if (description.members.length > 0) throw new Error(M.groupRunning(group, description.members.length));

      const results: SeekResult[] = [];
      for (const [topic, topicEntries] of groupByTopic(entries)) {
        const resolved = await this.resolveSeek(admin, topic, topicEntries);
        await admin.setGroupOffsets(
          group,
          topic,
          resolved.map(({ partition, offset }) => ({ partition, offset })),
        );
        results.push(...resolved);
      }
      return results;
    });
  }

  async deleteConsumerGroup(group: string): Promise<void> {
    await this.run('deleteConsumerGroup', group, 'log', undefined, async (admin) => {
      const [description] = await admin.describeGroups([group]);
      if (description.members.length > 0) throw new Error(M.groupRunning(group, description.members.length));
      await admin.deleteGroups([group]);
    });
  }

  // ---- internals ----------------------------------------------------------------------------------

  /** Logs the call with its cluster, runs it on that cluster's admin connection, and names every failure. */
  private async run<T>(
    operation: string,
    subject: string | undefined,
    level: LogLevel,
    details: string | undefined,
    call: (admin: DriverAdmin) => Promise<T>,
  ): Promise<T> {
    const cluster = this.cluster;
    const target = subject === undefined ? '' : ` '${subject}'`;
    const brokers = cluster.config.connection.brokers.join(',');
    this.logger[level](
      `${operation}${target}${details ? ` (${details})` : ''} on cluster '${cluster.name}' (${brokers})`,
    );
    try {
      return await call(await this.sessions.get(cluster));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new KarafkaAdminError(operation, cluster.name, subject, reason, { cause: error });
    }
  }

  private async assertTopicExists(admin: DriverAdmin, topic: string): Promise<void> {
    const topics = await admin.listTopics();
    if (!topics.includes(topic)) throw new Error(M.topicMissing(topic, didYouMean(topic, topics)));
  }

  private async partitionCount(admin: DriverAdmin, topic: string): Promise<number> {
    await this.assertTopicExists(admin, topic);
    const [metadata] = await admin.fetchTopicMetadata([topic]);
    return metadata.partitions.length;
  }

  private async watermarks(admin: DriverAdmin, topic: string): Promise<WatermarkOffsets[]> {
    await this.assertTopicExists(admin, topic);
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets
      .map(({ partition, low, high }) => ({ partition, low, high }))
      .sort((a, b) => a.partition - b.partition);
  }

  private async startOffset(
    admin: DriverAdmin,
    topic: string,
    partition: number,
    offset: number | Offset | Date | undefined,
  ): Promise<Offset | undefined> {
    if (offset === undefined) return undefined;
    if (offset instanceof Date) {
      const byTime = await admin.fetchTopicOffsetsByTimestamp(topic, offset.getTime());
      return byTime.find((entry) => entry.partition === partition)?.offset;
    }
    if (!DECIMAL.test(String(offset))) throw new Error(M.nonNegativeInteger('offset', offset));
    return String(offset);
  }

  private deserializerFor(topic: string, options: ReadTopicOptions) {
    if (options.deserializer) return options.deserializer;
    const route = this.catalog
      .routes()
      .find((candidate) => candidate.topic === topic && candidate.cluster.identity === this.cluster.identity);
    return route?.deserializer ?? 'json';
  }

  private async resolveSeek(admin: DriverAdmin, topic: string, entries: SeekEntry[]): Promise<SeekResult[]> {
    const watermarks = await this.watermarks(admin, topic);
    const byPartition = new Map(watermarks.map((w) => [w.partition, w]));
    const byTime = new Map<number, Map<number, Offset>>();
    const offsetAt = async (partition: number, date: Date): Promise<Offset> => {
      let offsets = byTime.get(date.getTime());
      if (!offsets) {
        const found = await admin.fetchTopicOffsetsByTimestamp(topic, date.getTime());
        offsets = new Map(found.map((entry) => [entry.partition, entry.offset]));
        byTime.set(date.getTime(), offsets);
      }
      return offsets.get(partition) ?? byPartition.get(partition)!.high;
    };

    const targets = new Map<number, SeekEntry['target']>();
    for (const { partition, target } of entries) {
      if (partition === undefined) {
        for (const mark of watermarks) targets.set(mark.partition, target);
      } else if (!byPartition.has(partition)) {
        throw new Error(M.partitionMissing(topic, partition, watermarks.length));
      } else {
        targets.set(partition, target);
      }
    }

    const results: SeekResult[] = [];
    for (const [partition, target] of [...targets].sort(([a], [b]) => a - b)) {
      const mark = byPartition.get(partition)!;
      const offset =
        target === 'earliest'
          ? mark.low
          : target === 'latest'
            ? mark.high
            : target instanceof Date
              ? await offsetAt(partition, target)
              : target.toString();
      results.push({ topic, partition, offset });
    }
    return results;
  }
}

function assertPositiveInteger(what: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1)
    throw new Error(M.positiveInteger(what, value));
}

function toConfigEntries(config: Record<string, TopicConfigValue>): DriverTopicConfigEntry[] {
  return Object.entries(config).map(([name, value]) => {
    if (!['string', 'number', 'boolean'].includes(typeof value))
      throw new Error(M.badConfigValue(name, value));
    return { name, value: String(value) };
  });
}

function groupByTopic(entries: SeekEntry[]): Map<string, SeekEntry[]> {
  const groups = new Map<string, SeekEntry[]>();
  for (const entry of entries) groups.set(entry.topic, [...(groups.get(entry.topic) ?? []), entry]);
  return groups;
}
