import { resolveClusters } from '../cluster/resolve-clusters';
import type { KarafkaModuleOptions } from '../karafka-options.interface';
import { buildRoutingTable } from '../routing/build-routing-table';
import type { TopicDeclaration } from '../routing/routing-table.interface';
import type { KafkaTopicOptions } from '../routing/topic-options.interface';
import { collectTopicDeclarations } from './collect-topic-declarations';

class OrdersConsumer {}
class AuditConsumer {}

const BASE: KarafkaModuleOptions = {
  kafka: { 'bootstrap.servers': '127.0.0.1:19092' },
  clusters: {
    secondary: { 'bootstrap.servers': '127.0.0.1:29092' },
    alias: { 'bootstrap.servers': '127.0.0.1:29092' },
  },
  consumerGroup: 'shop',
};

const route = (
  topic: string,
  options: KafkaTopicOptions,
  target: new () => object = OrdersConsumer,
): TopicDeclaration => ({
  topic,
  options,
  className: target.name,
  target,
  hasConsumeMethod: true,
});

/** Runs the real cluster resolution and routing, then the collection, as the module does at bootstrap. */
function collect(declarations: TopicDeclaration[], topics?: unknown) {
  const options = { ...BASE, topics } as KarafkaModuleOptions;
  const { clusters } = resolveClusters(options);
  const { table, problems } = buildRoutingTable({ options, clusters, declarations });
  expect(problems).toEqual([]);
  return collectTopicDeclarations({
    topics,
    clusters: table.clusters,
    routes: table.subscriptionGroups.flatMap((g) => g.topics),
  });
}

const summary = (result: ReturnType<typeof collect>) =>
  result.declared.map(({ cluster, name, partitions, replicationFactor, config, source }) => ({
    cluster: cluster.name,
    name,
    partitions,
    replicationFactor,
    config,
    source,
  }));

describe('collectTopicDeclarations', () => {
  it('declares a @KafkaTopic config on the cluster the route consumes from, configs as text', () => {
    const result = collect([
      route('orders', {
        config: {
          partitions: 6,
          replicationFactor: 1,
          'cleanup.policy': 'compact',
          'retention.ms': 86_400_000,
        },
      }),
      route(
        'audit',
        { cluster: 'secondary', config: { partitions: 2, 'min.compaction.lag.ms': 0, preallocate: false } },
        AuditConsumer,
      ),
      route('plain', {}),
    ]);
    expect(result.problems).toEqual([]);
    expect(summary(result)).toEqual([
      {
        cluster: 'primary',
        name: 'orders',
        partitions: 6,
        replicationFactor: 1,
        config: { 'cleanup.policy': 'compact', 'retention.ms': '86400000' },
        source: "@KafkaTopic('orders') on OrdersConsumer",
      },
      {
        cluster: 'secondary',
        name: 'audit',
        partitions: 2,
        replicationFactor: undefined,
        config: { 'min.compaction.lag.ms': '0', preallocate: 'false' },
        source: "@KafkaTopic('audit') on AuditConsumer",
      },
    ]);
  });

  it('follows an inline kafka hash to its cluster', () => {
    const result = collect([
      route('inline-topic', { kafka: { 'bootstrap.servers': '127.0.0.1:29092' }, config: { partitions: 1 } }),
    ]);
    expect(result.declared.map((t) => t.cluster.config.connection.brokers)).toEqual([['127.0.0.1:29092']]);
  });

  it('keeps consumed topics without config and dead-letter topics as referenced, never declared', () => {
    const result = collect([
      route('plain', { deadLetterQueue: { topic: 'plain-dlq' } }),
      route('audit', { cluster: 'secondary' }, AuditConsumer),
    ]);
    expect(result.declared).toEqual([]);
    expect(result.referenced.map((r) => `${r.cluster.name}/${r.name}`)).toEqual([
      'primary/plain',
      'primary/plain-dlq',
      'secondary/audit',
    ]);
  });

  it('accepts forRoot({ topics }) as a list, defaulting the cluster to primary', () => {
    const result = collect(
      [],
      [
        { name: 'produced-only', partitions: 3 },
        {
          name: 'pii',
          cluster: 'secondary',
          partitions: 1,
          replicationFactor: 1,
          config: { 'retention.ms': 1000 },
        },
      ],
    );
    expect(result.problems).toEqual([]);
    expect(result.autoMigrate).toBe(false);
    expect(summary(result)).toEqual([
      {
        cluster: 'primary',
        name: 'produced-only',
        partitions: 3,
        replicationFactor: undefined,
        config: {},
        source: "forRoot.topics[0] ('produced-only')",
      },
      {
        cluster: 'secondary',
        name: 'pii',
        partitions: 1,
        replicationFactor: 1,
        config: { 'retention.ms': '1000' },
        source: "forRoot.topics[1] ('pii')",
      },
    ]);
  });

  it('accepts forRoot({ topics: { declarations, autoMigrate } })', () => {
    const result = collect([], { declarations: [{ name: 'a', partitions: 1 }], autoMigrate: true });
    expect(result.problems).toEqual([]);
    expect(result.autoMigrate).toBe(true);
    expect(result.declared.map((t) => t.source)).toEqual(["forRoot.topics.declarations[0] ('a')"]);
    expect(collect([], { autoMigrate: true }).declared).toEqual([]);
  });

  it('merges identical declarations of one topic and reports different ones, across names of the same brokers', () => {
    const same = collect(
      [route('orders', { config: { partitions: 2 } })],
      [{ name: 'orders', partitions: 2 }],
    );
    expect(same.problems).toEqual([]);
    expect(same.declared).toHaveLength(1);

    const differ = collect(
      [route('audit', { cluster: 'secondary', config: { partitions: 2, 'cleanup.policy': 'compact' } })],
      [{ name: 'audit', cluster: 'alias', partitions: 2, config: { 'cleanup.policy': 'delete' } }],
    );
    expect(differ.problems).toEqual([
      {
        where: 'forRoot.topics[0]',
        message:
          "topic 'audit' on cluster 'alias' is also declared by @KafkaTopic('audit') on OrdersConsumer, differently " +
          "('cleanup.policy' compact there, delete here); declare it once, or identically",
      },
    ]);
  });

  it('allows one topic name on two different clusters (mirroring)', () => {
    const result = collect(
      [],
      [
        { name: 'events', partitions: 3 },
        { name: 'events', cluster: 'secondary', partitions: 3 },
      ],
    );
    expect(result.problems).toEqual([]);
    expect(result.declared.map((t) => t.cluster.name)).toEqual(['primary', 'secondary']);
  });

  it('reports every bad declaration at once, naming where it is', () => {
    const result = collect(
      [
        route('orders', { config: { replication_factor: 1 } as never }),
        route('audit', { config: { partitions: 0, 'retention.ms': { days: 1 } } as never }, AuditConsumer),
      ],
      [
        { name: 'bad name!', partitions: 1 },
        { name: 'x', cluster: 'secundary', partitions: 1.5 },
        { topic: 'y', partitions: 1 },
        { name: 'z', partitions: 1, config: { 'replication.factor': 3 } },
      ],
    );
    expect(result.declared).toEqual([]);
    expect(result.problems).toEqual([
      {
        where: "@KafkaTopic('orders') on OrdersConsumer config",
        message: "'partitions' is required: how many partitions the topic has",
      },
      {
        where: "@KafkaTopic('orders') on OrdersConsumer config",
        message: "'replication_factor' is not a Kafka topic config; write 'replicationFactor'",
      },
      {
        where: "@KafkaTopic('audit') on AuditConsumer config",
        message: "'partitions' must be a positive integer, got 0",
      },
      {
        where: "@KafkaTopic('audit') on AuditConsumer config",
        message: 'topic config \'retention.ms\' must be a string, number or boolean, got {"days":1}',
      },
      {
        where: 'forRoot.topics[0]',
        message:
          "'name' must be a Kafka topic name (letters, digits, '.', '_', '-'; at most 249), got 'bad name!'",
      },
      {
        where: 'forRoot.topics[1]',
        message:
          "no cluster is named 'secundary' (did you mean 'secondary'?); known clusters: 'primary', 'secondary', 'alias'",
      },
      { where: 'forRoot.topics[1]', message: "'partitions' must be a positive integer, got 1.5" },
      { where: 'forRoot.topics[2]', message: "unknown option 'topic'" },
      {
        where: 'forRoot.topics[2]',
        message:
          "'name' must be a Kafka topic name (letters, digits, '.', '_', '-'; at most 249), got undefined",
      },
      {
        where: 'forRoot.topics[3]',
        message: "'config.replication.factor' is not a Kafka topic config; write 'replicationFactor'",
      },
    ]);
  });

  it('reports a topics option of the wrong shape', () => {
    expect(collect([], 'orders').problems).toEqual([
      {
        where: 'forRoot.topics',
        message:
          "'topics' must be a list of topic declarations or { declarations?, autoMigrate? }, got 'orders'",
      },
    ]);
    expect(collect([], { autoMigrate: 'yes', declaration: [] }).problems).toEqual([
      { where: 'forRoot.topics', message: "unknown option 'declaration' (did you mean 'declarations'?)" },
      { where: 'forRoot.topics', message: "'autoMigrate' must be true or false, got 'yes'" },
    ]);
  });
});
