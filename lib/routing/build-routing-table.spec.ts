import { withSecrets } from '../config/hidden-secrets';
import { resolveClusters } from '../cluster/resolve-clusters';
import type { ClusterOptions } from '../cluster/cluster-options.interface';
import type { RoutingOptions } from './routing-options.interface';
import { buildRoutingTable } from './build-routing-table';
import type { TopicDeclaration } from './routing-table.interface';
import type { KafkaTopicOptions } from './topic-options.interface';

/** The parts of forRoot these functions read. */
type Options = ClusterOptions & RoutingOptions;

const PRIMARY = '127.0.0.1:19092';
const SECONDARY = '127.0.0.1:29092';
const OTHER = '127.0.0.1:39092';

class OrdersConsumer {}
class AuditConsumer {}

function topic(
  name: string,
  options: KafkaTopicOptions = {},
  extra: Partial<TopicDeclaration> = {},
): TopicDeclaration {
  return {
    topic: name,
    options,
    className: 'OrdersConsumer',
    target: OrdersConsumer,
    hasConsumeMethod: true,
    ...extra,
  };
}

function build(declarations: TopicDeclaration[], overrides: Partial<Options> = {}) {
  const options: Options = {
    kafka: { 'bootstrap.servers': PRIMARY, 'client.id': 'shop-app' },
    clusters: { secondary: { 'bootstrap.servers': SECONDARY } },
    consumerGroup: 'shop',
    ...overrides,
  };
  const { clusters } = resolveClusters(options);
  return buildRoutingTable({ options, clusters, declarations });
}

/** Builds and fails on problems. */
function table(declarations: TopicDeclaration[], overrides: Partial<Options> = {}) {
  const result = build(declarations, overrides);
  expect(result.problems).toEqual([]);
  return result.table;
}

function problems(declarations: TopicDeclaration[], overrides: Partial<Options> = {}): string[] {
  return build(declarations, overrides).problems.map((p) => `${p.where}: ${p.message}`);
}

const groupIds = (declarations: TopicDeclaration[], overrides: Partial<Options> = {}) =>
  table(declarations, overrides).subscriptionGroups.map((g) => [g.id, g.topics.map((t) => t.topic)]);

describe('buildRoutingTable: defaults and the primary cluster', () => {
  it('routes a topic without cluster or kafka to primary with every default applied', () => {
    const { clusters, subscriptionGroups } = table([topic('orders')]);
    expect(clusters.map((c) => c.name)).toEqual(['primary', 'secondary']);
    expect(subscriptionGroups).toHaveLength(1);
    const [group] = subscriptionGroups;
    expect(group).toMatchObject({
      id: 'shop@primary#0',
      groupId: 'shop',
      maxMessages: 100,
      maxWaitTime: 1000,
      initialOffset: 'earliest',
    });
    expect(group.cluster).toBe(clusters[0]);
    const [route] = group.topics;
    expect(route).toMatchObject({
      topic: 'orders',
      className: 'OrdersConsumer',
      target: OrdersConsumer,
      groupId: 'shop',
      retry: { maxRetries: 2, backoffMs: 1000, maxBackoffMs: 30000, multiplier: 2 },
      deserializer: 'json',
    });
    expect(route.deadLetterQueue).toBeUndefined();
    expect(route.kafka.connection).toEqual({ brokers: [PRIMARY], clientId: 'shop-app', ssl: false });
    expect(route.kafka.consumer).toEqual({
      groupId: 'shop',
      maxWaitTimeInMs: 1000,
      autoOffsetReset: 'earliest',
    });
  });

  it('applies forRoot({ consumer }) defaults and lets topic options override them field by field', () => {
    const overrides = {
      consumer: {
        maxMessages: 10,
        maxWaitTime: 200,
        initialOffset: 'latest' as const,
        retry: { maxRetries: 5, backoffMs: 10 },
        deadLetterQueue: { topic: 'dlq' },
      },
    };
    const [a, b] = table(
      [
        topic('a'),
        topic('b', {
          maxMessages: 20,
          retry: { backoffMs: 50 },
          deadLetterQueue: { topic: 'b.dlq', maxRetries: 1 },
        }),
      ],
      overrides,
    ).subscriptionGroups.flatMap((g) => g.topics);
    expect(a).toMatchObject({
      maxMessages: 10,
      maxWaitTime: 200,
      initialOffset: 'latest',
      retry: { maxRetries: 5, backoffMs: 10, maxBackoffMs: 30000, multiplier: 2 },
    });
    expect(a.deadLetterQueue).toEqual({ topic: 'dlq', maxRetries: 5 });
    expect(b).toMatchObject({ maxMessages: 20, retry: { maxRetries: 5, backoffMs: 50 } });
    expect(b.deadLetterQueue).toEqual({ topic: 'b.dlq', maxRetries: 1 });
  });

  it('skips inactive topics entirely', () => {
    const result = build([topic('orders', { active: false }, { hasConsumeMethod: false }), topic('ok')]);
    expect(result.problems).toEqual([]);
    expect(result.table.subscriptionGroups.flatMap((g) => g.topics.map((t) => t.topic))).toEqual(['ok']);
  });
});

describe('buildRoutingTable: subscription groups (Karafka grouping key)', () => {
  it('puts topics with the same cluster, group and settings into one subscription group', () => {
    expect(groupIds([topic('a'), topic('b'), topic('c')])).toEqual([['shop@primary#0', ['a', 'b', 'c']]]);
  });

  it.each<[string, KafkaTopicOptions]>([
    ['maxMessages', { maxMessages: 5 }],
    ['maxWaitTime', { maxWaitTime: 50 }],
    ['initialOffset', { initialOffset: 'latest' }],
    ['concurrency', { concurrency: 4 }],
    ['kafka settings', { kafka: { 'session.timeout.ms': 10000 }, inherit: true }],
    ['kafka client.id', { kafka: { 'client.id': 'other' }, inherit: true }],
  ])('splits topics whose %s differ', (_what, options) => {
    expect(groupIds([topic('a'), topic('b', options)])).toEqual([
      ['shop@primary#0', ['a']],
      ['shop@primary#1', ['b']],
    ]);
  });

  it('does not split on per-topic processing settings (retry, DLQ, deserializer)', () => {
    expect(
      groupIds([
        topic('a'),
        topic('b', { retry: { maxRetries: 0 }, deadLetterQueue: { topic: 'dlq' }, deserializer: 'raw' }),
      ]),
    ).toEqual([['shop@primary#0', ['a', 'b']]]);
  });

  it('never shares a subscription group between clusters, even with equal settings', () => {
    expect(groupIds([topic('a'), topic('b', { cluster: 'secondary' })])).toEqual([
      ['shop@primary#0', ['a']],
      ['shop@secondary#0', ['b']],
    ]);
  });

  it('keeps consumer groups apart on one cluster', () => {
    expect(groupIds([topic('a'), topic('b', { consumerGroup: 'analytics' })])).toEqual([
      ['shop@primary#0', ['a']],
      ['analytics@primary#0', ['b']],
    ]);
  });

  it('forces a separate, named subscription group with subscriptionGroup and joins topics naming it', () => {
    expect(
      groupIds([
        topic('a'),
        topic('b', { subscriptionGroup: 'slow-lane' }),
        topic('c', { subscriptionGroup: 'slow-lane' }),
        topic('d'),
      ]),
    ).toEqual([
      ['shop@primary#0', ['a', 'd']],
      ['slow-lane', ['b', 'c']],
    ]);
  });

  it('orders groups by cluster (primary, named, inline), then by first declaration', () => {
    const ids = groupIds([
      topic('x', { kafka: { 'bootstrap.servers': OTHER } }),
      topic('s', { cluster: 'secondary' }),
      topic('p'),
    ]).map(([id]) => id);
    expect(ids).toEqual(['shop@primary#0', 'shop@secondary#0', `shop@inline:${OTHER}#0`]);
  });

  it('is deterministic: the same declarations give the same ids', () => {
    const declarations = [topic('a'), topic('b', { maxMessages: 1 }), topic('c', { cluster: 'secondary' })];
    expect(groupIds(declarations)).toEqual(groupIds(declarations));
  });
});

describe('buildRoutingTable: clusters of topics', () => {
  it('treats a named cluster and an inline hash with the same brokers as one cluster (and one group)', () => {
    const { subscriptionGroups } = table([
      topic('by-name', { cluster: 'secondary' }),
      topic('inline', { kafka: { 'bootstrap.servers': SECONDARY } }),
    ]);
    expect(subscriptionGroups).toHaveLength(1);
    expect(subscriptionGroups[0].cluster.name).toBe('secondary');
    expect(subscriptionGroups[0].topics.map((t) => t.topic)).toEqual(['by-name', 'inline']);
  });

  it('matches identities regardless of broker order, case and alias', () => {
    const { subscriptionGroups } = table([topic('a', { kafka: { brokers: [SECONDARY.toUpperCase()] } })], {
      clusters: { secondary: { 'bootstrap.servers': `${SECONDARY}` } },
    });
    expect(subscriptionGroups[0].cluster.name).toBe('secondary');
  });

  it('creates one inline cluster per unknown identity, with a stable readable name', () => {
    const { clusters, subscriptionGroups } = table([
      topic('a', { kafka: { 'bootstrap.servers': OTHER } }),
      topic('b', { kafka: { brokers: [OTHER] } }),
    ]);
    expect(clusters.map((c) => [c.name, c.origin])).toEqual([
      ['primary', 'primary'],
      ['secondary', 'named'],
      [`inline:${OTHER}`, 'inline'],
    ]);
    expect(subscriptionGroups.map((g) => g.id)).toEqual([`shop@inline:${OTHER}#0`]);
    expect(clusters[2].input).toEqual({ 'bootstrap.servers': OTHER });
  });

  it('names inline clusters with a non-plaintext flavour by their full identity', () => {
    const { clusters } = table([
      topic('a', { kafka: { 'bootstrap.servers': OTHER, 'security.protocol': 'ssl' } }),
    ]);
    expect(clusters[2].name).toBe(`inline:ssl://${OTHER}`);
  });

  it('replaces the root settings with a topic kafka hash (Karafka), so root settings do not leak', () => {
    const [route] = table([
      topic('a', { kafka: { 'bootstrap.servers': SECONDARY, 'session.timeout.ms': 9000 } }),
    ]).subscriptionGroups[0].topics;
    expect(route.kafka.connection.clientId).toBe('nestjs-karafka');
    expect(route.kafka.consumer.sessionTimeout).toBe(9000);
    expect(route.cluster.name).toBe('secondary');
  });

  it('requires brokers in a replacing hash and suggests inherit: true', () => {
    expect(problems([topic('orders', { kafka: { 'session.timeout.ms': 9000 } })])).toEqual([
      "@KafkaTopic('orders') on OrdersConsumer: kafka replaces the root (forRoot.kafka) settings (as in Karafka) but names no brokers; add 'bootstrap.servers', or set inherit: true to merge it into them",
    ]);
    expect(problems([topic('orders', { cluster: 'secondary', kafka: { 'client.id': 'x' } })])[0]).toContain(
      "kafka replaces the cluster 'secondary' settings",
    );
  });

  it('merges with inherit: true into the root, or into the named cluster', () => {
    const groups = table([
      topic('a', { kafka: { 'session.timeout.ms': 9000 }, inherit: true }),
      topic('b', { cluster: 'secondary', kafka: { 'client.id': 'sec-app' }, inherit: true }),
    ]).subscriptionGroups;
    expect(groups[0].cluster.name).toBe('primary');
    expect(groups[0].kafka.connection.clientId).toBe('shop-app');
    expect(groups[0].kafka.consumer.sessionTimeout).toBe(9000);
    expect(groups[1].cluster.name).toBe('secondary');
    expect(groups[1].kafka.connection).toMatchObject({ brokers: [SECONDARY], clientId: 'sec-app' });
  });

  it('lets an inherited hash patch one SASL field of the cluster it merges into', () => {
    const secured = {
      'bootstrap.servers': SECONDARY,
      'security.protocol': 'sasl_ssl',
      'sasl.mechanism': 'PLAIN',
      'sasl.username': 'u',
      'sasl.password': 'p',
    };
    const [group] = table(
      [topic('a', { cluster: 'secondary', kafka: { 'sasl.password': 'rotated' }, inherit: true })],
      {
        clusters: { secondary: secured },
      },
    ).subscriptionGroups;
    expect(withSecrets(group.kafka.connection.sasl!)).toEqual({
      mechanism: 'plain',
      username: 'u',
      password: 'rotated',
    });
  });

  it('lets an inherited hash move a topic to another cluster by its brokers', () => {
    const [group] = table([
      topic('a', { kafka: { brokers: [SECONDARY] }, inherit: true }),
    ]).subscriptionGroups;
    expect(group.cluster.name).toBe('secondary');
    expect(group.kafka.connection.clientId).toBe('shop-app');
  });

  it('reports a cluster name bound to two broker lists', () => {
    expect(
      problems([
        topic(
          'audit',
          { cluster: 'secondary', kafka: { 'bootstrap.servers': OTHER } },
          { className: 'AuditConsumer' },
        ),
      ]),
    ).toEqual([
      `@KafkaTopic('audit') on AuditConsumer: cluster name 'secondary' bound to two connections (broker list or SASL user): forRoot.clusters.secondary is plaintext://${SECONDARY}, this topic's kafka is plaintext://${OTHER}; another user or broker list is another cluster: define it in forRoot({ clusters })`,
    ]);
    expect(
      problems([topic('a', { cluster: 'secondary', kafka: { 'bootstrap.servers': SECONDARY } })]),
    ).toEqual([]);
  });

  it('reports an unknown cluster with the known ones and a suggestion', () => {
    expect(problems([topic('orders', { cluster: 'secndary' })])).toEqual([
      "@KafkaTopic('orders') on OrdersConsumer: unknown cluster 'secndary' (known: primary, secondary; did you mean 'secondary'?)",
    ]);
    expect(problems([topic('orders', { cluster: 'mars' })])).toEqual([
      "@KafkaTopic('orders') on OrdersConsumer: unknown cluster 'mars' (known: primary, secondary)",
    ]);
  });

  it('reports empty or malformed inline broker lists under the topic', () => {
    expect(problems([topic('a', { kafka: { 'bootstrap.servers': '' } })])).toEqual([
      "@KafkaTopic('a') on OrdersConsumer: 'bootstrap.servers' is empty; give at least one 'host:port'",
    ]);
    expect(problems([topic('a', { kafka: { brokers: ['host'] } })])).toEqual([
      "@KafkaTopic('a') on OrdersConsumer: 'brokers' has a malformed broker 'host': expected 'host:port' with a port between 1 and 65535",
    ]);
  });

  it('reports bad keys of an inline hash, and does not repeat problems of the cluster it inherits', () => {
    const result = build(
      [topic('a', { kafka: { 'session.timeout.ms': 'soon', 'fetch.wait.max': 1 }, inherit: true })],
      {
        kafka: { 'bootstrap.servers': PRIMARY, 'statistics.interval.ms': 1000 },
      },
    );
    expect(result.problems.map((p) => p.message)).toEqual([
      "'session.timeout.ms' must be an integer between 1 and 3600000, got 'soon'",
      "unsupported key 'fetch.wait.max' (did you mean 'fetch.wait.max.ms'?)",
    ]);
    expect(result.problems.every((p) => p.where === "@KafkaTopic('a') on OrdersConsumer")).toBe(true);
  });

  it('reports problems the merge itself causes', () => {
    expect(
      problems([topic('a', { kafka: { 'request.required.acks': 1 }, inherit: true })], {
        kafka: { 'bootstrap.servers': PRIMARY, 'enable.idempotence': true },
      }),
    ).toEqual([
      "@KafkaTopic('a') on OrdersConsumer: idempotence (also implied by 'transactional.id') needs acks = all (-1), but acks is 1",
    ]);
  });

  it('reports inherit: true without kafka', () => {
    expect(problems([topic('a', { inherit: true })])).toEqual([
      "@KafkaTopic('a') on OrdersConsumer: inherit: true has no effect without kafka; remove it or add the kafka settings to merge",
    ]);
  });
});

describe('buildRoutingTable: consumer group id and settings given twice', () => {
  const groupOf = (options: KafkaTopicOptions, overrides: Partial<Options> = {}) =>
    table([topic('a', options)], overrides).subscriptionGroups[0].groupId;

  it('takes, most specific first: topic consumerGroup, topic kafka group.id, forRoot consumerGroup, cluster group.id, client.id', () => {
    const root = { 'bootstrap.servers': PRIMARY, 'client.id': 'client', 'group.id': 'root-group' };
    expect(groupOf({ consumerGroup: 'topic-group' }, { kafka: root })).toBe('topic-group');
    expect(groupOf({ kafka: { 'group.id': 'inline-group' }, inherit: true }, { kafka: root })).toBe(
      'inline-group',
    );
    expect(groupOf({}, { kafka: root })).toBe('shop');
    expect(groupOf({}, { kafka: root, consumerGroup: undefined })).toBe('root-group');
    expect(
      groupOf(
        {},
        { kafka: { 'bootstrap.servers': PRIMARY, 'client.id': 'client' }, consumerGroup: undefined },
      ),
    ).toBe('client');
  });

  it('reports a topic with no group id at all (the default client.id does not count)', () => {
    expect(
      problems([topic('a')], { kafka: { 'bootstrap.servers': PRIMARY }, consumerGroup: undefined }),
    ).toEqual([
      "@KafkaTopic('a') on OrdersConsumer: no consumer group id: set forRoot({ consumerGroup }), the topic's consumerGroup, or 'group.id' / 'client.id' in its kafka settings",
    ]);
  });

  it('reports a topic option and its own kafka key that disagree', () => {
    expect(problems([topic('a', { consumerGroup: 'x', kafka: { 'group.id': 'y' }, inherit: true })])).toEqual(
      ["@KafkaTopic('a') on OrdersConsumer: consumerGroup 'x' and kafka 'group.id' 'y' disagree; keep one"],
    );
    expect(
      problems([
        topic('a', { initialOffset: 'latest', kafka: { 'auto.offset.reset': 'earliest' }, inherit: true }),
      ]),
    ).toEqual([
      "@KafkaTopic('a') on OrdersConsumer: initialOffset 'latest' and kafka 'auto.offset.reset' 'earliest' disagree; keep one",
    ]);
  });

  it('resolves initialOffset and maxWaitTime with the same precedence and writes them into the route kafka settings', () => {
    const root = { 'bootstrap.servers': PRIMARY, 'auto.offset.reset': 'latest', 'fetch.wait.max.ms': 300 };
    const [fromRoot] = table([topic('a')], { kafka: root }).subscriptionGroups;
    expect(fromRoot).toMatchObject({ initialOffset: 'latest', maxWaitTime: 300 });
    const [fromApp] = table([topic('a')], {
      kafka: root,
      consumer: { initialOffset: 'earliest', maxWaitTime: 100 },
    }).subscriptionGroups;
    expect(fromApp).toMatchObject({ initialOffset: 'earliest', maxWaitTime: 100 });
    const [fromTopicKafka] = table(
      [topic('a', { kafka: { 'auto.offset.reset': 'smallest', 'fetch.wait.max.ms': 50 }, inherit: true })],
      {
        kafka: root,
        consumer: { initialOffset: 'latest', maxWaitTime: 100 },
      },
    ).subscriptionGroups;
    expect(fromTopicKafka).toMatchObject({ initialOffset: 'earliest', maxWaitTime: 50 });
    expect(fromTopicKafka.kafka.consumer).toMatchObject({ autoOffsetReset: 'earliest', maxWaitTimeInMs: 50 });
  });
});

describe('buildRoutingTable: bootstrap validation', () => {
  it('reports a topic routed twice to the same consumer group on the same cluster, naming both', () => {
    expect(
      problems([topic('orders'), topic('orders', {}, { className: 'AuditConsumer', target: AuditConsumer })]),
    ).toEqual([
      "@KafkaTopic('orders') on AuditConsumer: topic 'orders' is routed twice to consumer group 'shop' on cluster 'primary' (first by @KafkaTopic('orders') on OrdersConsumer); each message would be handled by only one of them",
    ]);
  });

  it('sees the duplicate through an inline hash naming the same cluster, but allows other groups and clusters', () => {
    expect(
      problems([
        topic('orders', { cluster: 'secondary' }),
        topic('orders', { kafka: { 'bootstrap.servers': SECONDARY }, maxMessages: 5 }),
      ]),
    ).toHaveLength(1);
    expect(
      problems([
        topic('orders'),
        topic('orders', { consumerGroup: 'other' }),
        topic('orders', { cluster: 'secondary' }),
      ]),
    ).toEqual([]);
  });

  it('reports a class with no consume method', () => {
    expect(problems([topic('orders', {}, { hasConsumeMethod: false })])).toEqual([
      "@KafkaTopic('orders') on OrdersConsumer: OrdersConsumer has no consume(messages, ctx) method; a @KafkaTopic class must define one",
    ]);
  });

  it('reports a request-scoped consumer (one long-lived instance is needed)', () => {
    expect(problems([topic('orders', {}, { requestScoped: true })])).toEqual([
      "@KafkaTopic('orders') on OrdersConsumer: OrdersConsumer is request-scoped or depends on a request-scoped provider; a consumer needs one static (singleton) instance",
    ]);
  });

  it('reports a dead-letter topic equal to the topic, also when it comes from forRoot defaults', () => {
    const expected = [
      "@KafkaTopic('orders') on OrdersConsumer: deadLetterQueue.topic is the topic itself ('orders'); failed messages would be consumed and fail again forever",
    ];
    expect(problems([topic('orders', { deadLetterQueue: { topic: 'orders' } })])).toEqual(expected);
    expect(problems([topic('orders')], { consumer: { deadLetterQueue: { topic: 'orders' } } })).toEqual(
      expected,
    );
  });

  it.each<[KafkaTopicOptions, string]>([
    [{ maxMessages: 0 }, 'maxMessages must be an integer between 1 and 1000000, got 0'],
    [{ maxMessages: 2.5 }, 'maxMessages must be an integer between 1 and 1000000, got 2.5'],
    [
      { maxWaitTime: '100' as unknown as number },
      "maxWaitTime must be an integer between 0 and 300000, got '100'",
    ],
    [
      { initialOffset: 'beginning' as 'earliest' },
      "initialOffset must be one of earliest, latest, got 'beginning'",
    ],
    [{ retry: { multiplier: 0.5 } }, 'retry.multiplier must be a number between 1 and 100, got 0.5'],
    [{ retry: { maxRetries: -1 } }, 'retry.maxRetries must be an integer between 0 and 1000000, got -1'],
    [
      { retry: { backoffMs: 5000, maxBackoffMs: 1000 } },
      'retry.backoffMs (5000) is above retry.maxBackoffMs (1000)',
    ],
    [{ retry: { maxRetrys: 1 } as never }, "unknown option 'retry.maxRetrys' (did you mean 'maxRetries'?)"],
    [
      { deadLetterQueue: { topic: 'bad topic' } },
      "deadLetterQueue.topic 'bad topic' is not a valid Kafka topic name (1-249 characters of letters, digits, '.', '_', '-'; not '.' or '..')",
    ],
    [
      { deadLetterQueue: { topic: 'dlq', maxRetries: -2 } },
      'deadLetterQueue.maxRetries must be an integer between 0 and 1000000, got -2',
    ],
    [{ maxMessage: 5 } as never, "unknown option 'maxMessage' (did you mean 'maxMessages'?)"],
    [{ consumerGroup: '' }, "consumerGroup must be a non-empty string, got ''"],
    [{ subscriptionGroup: 'a b' }, "subscriptionGroup 'a b' must use letters, digits, '.', '_' or '-'"],
    [
      { deserializer: 'xml' as 'json' },
      "deserializer must be 'json', 'string', 'raw' or a function, got 'xml'",
    ],
    [{ active: 'no' as unknown as boolean }, "active must be true or false, got 'no'"],
    [{ inherit: 'yes' as unknown as boolean }, "inherit must be true or false, got 'yes'"],
    [{ lazyPayload: 1 as unknown as boolean }, 'lazyPayload must be true or false, got 1'],
    [{ kafka: 'a:1' as never }, 'kafka must be an object'],
  ])('reports invalid option %j', (options, message) => {
    expect(problems([topic('orders', options)])).toEqual([
      `@KafkaTopic('orders') on OrdersConsumer: ${message}`,
    ]);
  });

  it('decodes payloads before consume unless the topic asks for lazyPayload', () => {
    const routes = table([topic('a'), topic('b', { lazyPayload: true })]).subscriptionGroups[0].topics;
    expect(routes.map((route) => [route.topic, route.lazyPayload])).toEqual([
      ['a', false],
      ['b', true],
    ]);
  });

  it('processes one partition at a time unless concurrency is raised in forRoot or on the topic', () => {
    const groups = table([topic('a'), topic('b', { concurrency: 8 })], {
      consumer: { concurrency: 3 },
    }).subscriptionGroups;
    expect(groups.map((group) => [group.topics[0].topic, group.concurrency])).toEqual([
      ['a', 3],
      ['b', 8],
    ]);
    expect(table([topic('a')]).subscriptionGroups[0].concurrency).toBe(1);
    expect(problems([topic('a', { concurrency: 0 }), topic('b', { concurrency: 2.5 })])).toEqual([
      "@KafkaTopic('a') on OrdersConsumer: concurrency must be an integer between 1 and 1000, got 0",
      "@KafkaTopic('b') on OrdersConsumer: concurrency must be an integer between 1 and 1000, got 2.5",
    ]);
  });

  it('reports an invalid topic name', () => {
    expect(problems([topic('bad/topic')])[0]).toContain("topic 'bad/topic' is not a valid Kafka topic name");
  });

  it('reports invalid forRoot routing options once, under forRoot', () => {
    const result = build([topic('a'), topic('b')], {
      consumer: { maxMessages: -1, colour: 'red' } as never,
      consumerGroup: '',
    });
    expect(result.problems).toEqual([
      { where: 'forRoot.consumer', message: "unknown option 'colour'" },
      { where: 'forRoot.consumer', message: 'maxMessages must be an integer between 1 and 1000000, got -1' },
      { where: 'forRoot', message: "consumerGroup must be a non-empty string, got ''" },
    ]);
    // The invalid default is left out, so topics fall back to Karafka's default rather than a broken value.
    expect(result.table.subscriptionGroups[0].maxMessages).toBe(100);
  });

  it('reports an explicit subscription group name reused with different settings', () => {
    expect(
      problems([
        topic('a', { subscriptionGroup: 'lane' }),
        topic('b', { subscriptionGroup: 'lane', maxMessages: 1 }),
      ]),
    ).toEqual([
      "@KafkaTopic('b') on OrdersConsumer: subscriptionGroup 'lane' is also used by @KafkaTopic('a') on OrdersConsumer with a different cluster, consumer group or settings; one name is one kafkajs consumer, so its topics must share all of them",
    ]);
  });

  it('collects every problem instead of stopping at the first, and leaves faulty topics out', () => {
    const result = build([
      topic('a', { cluster: 'nope' }),
      topic('b', {}, { hasConsumeMethod: false }),
      topic('c', { deadLetterQueue: { topic: 'c' } }),
      topic('d'),
    ]);
    expect(result.problems.map((p) => p.where)).toEqual([
      "@KafkaTopic('a') on OrdersConsumer",
      "@KafkaTopic('b') on OrdersConsumer",
      "@KafkaTopic('c') on OrdersConsumer",
    ]);
    expect(result.table.subscriptionGroups.flatMap((g) => g.topics.map((t) => t.topic))).toEqual(['d']);
  });
});
