import { errorMessage } from '../common/error-message';
import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { didYouMean } from '../config/did-you-mean';
import { compilePayloadDecoder } from '../message/payload-decoder';
import type { KafkaMessage } from '../message/kafka-message.interface';
import { buildReadMessage } from '../message/kafka-message.builder';
import type { DriverAdmin } from '../driver/kafka-driver.port';
import type { TopicRoute } from '../routing/routing-table.interface';
import type { ClusterDefinition } from '../cluster/cluster-definition.interface';
import type { TopicConfigValue } from '../routing/topic-config.interface';
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
import {
  assertTopicExists,
  groupByTopic,
  partitionCount,
  readWatermarks,
  resolveSeekTargets,
  startOffsetAt,
} from './partition-offsets';
import { assertGroupInactive, assertPositiveInteger, toConfigEntries } from './admin-checks';
import { readRange } from './read-range';
import { flattenSeekSpec } from './seek-spec';

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
      await assertTopicExists(admin, name);
      await admin.deleteTopics([name]);
    });
  }

  /** Raises the topic's partition count to `totalCount` (Karafka's `create_partitions`: the new total). */
  async createPartitions(topic: string, totalCount: number): Promise<void> {
    await this.run('createPartitions', topic, 'log', `to ${totalCount} partitions`, async (admin) => {
      assertPositiveInteger('totalCount', totalCount);
      const current = await partitionCount(admin, topic);
      if (totalCount <= current) throw new Error(M.notGrowing(topic, current, totalCount));
      await admin.createPartitions([{ topic, count: totalCount }]);
    });
  }

  /** Sets the given topic configs; configs not named keep their values. */
  async alterTopicConfig(topic: string, config: Record<string, TopicConfigValue>): Promise<void> {
    const entries = Object.keys(config).join(', ');
    await this.run('alterTopicConfig', topic, 'log', entries, async (admin) => {
      await assertTopicExists(admin, topic);
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
      await assertTopicExists(admin, topic);
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
      readWatermarks(admin, topic),
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
      const watermarks = await readWatermarks(admin, topic);
      const partitionMarks = watermarks.find((w) => w.partition === partition);
      if (!partitionMarks) throw new Error(M.partitionMissing(topic, partition, watermarks.length));
      const start = await startOffsetAt(admin, topic, partition, offset);
      const { from, to } = readRange(partitionMarks, count, start);
      const fetched = await admin.fetchMessages({ topic, partition, fromOffset: from, toOffset: to });
      const decode = compilePayloadDecoder(this.deserializerFor(topic, options), topic);
      const source = { topic, partition, cluster: this.cluster.name, decode };
      return fetched.map((message) => buildReadMessage(source, message));
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
            computeTopicLag(topic, committedByTopic.get(topic) ?? [], await readWatermarks(admin, topic)),
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
      await assertGroupInactive(admin, group);

      const results: SeekResult[] = [];
      for (const [topic, topicEntries] of groupByTopic(entries)) {
        const resolved = await resolveSeekTargets(admin, topic, topicEntries);
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
      await assertGroupInactive(admin, group);
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
      throw new KarafkaAdminError(operation, cluster.name, subject, errorMessage(error), { cause: error });
    }
  }

  private deserializerFor(topic: string, options: ReadTopicOptions) {
    if (options.deserializer) return options.deserializer;
    const route = this.catalog
      .routes()
      .find((candidate) => candidate.topic === topic && candidate.cluster.identity === this.cluster.identity);
    return route?.deserializer ?? 'json';
  }
}
