import type { ClusterDefinition } from '../cluster/cluster-definition.interface';
import { formatTopicsPlan } from './format-topics-plan';
import { countChanges, countProblems, planTopics } from './plan-topics';
import type {
  ClusterTopicsState,
  DeclaredTopic,
  ExistingTopic,
  TopicDeclarations,
} from './topics-plan.interface';

const cluster = (name: string, broker: string): ClusterDefinition =>
  ({
    name,
    identity: `plaintext://${broker}`,
    origin: name === 'primary' ? 'primary' : 'named',
    input: {},
    config: { connection: { brokers: [broker], clientId: 'test', ssl: false }, consumer: {}, producer: {} },
  }) as ClusterDefinition;

const PRIMARY = cluster('primary', '127.0.0.1:19092');
const SECONDARY = cluster('secondary', '127.0.0.1:29092');
const SECONDARY_ALIAS = cluster('dr', '127.0.0.1:29092');

const declared = (
  on: ClusterDefinition,
  name: string,
  partitions: number,
  config: Record<string, string> = {},
  replicationFactor?: number,
): DeclaredTopic => ({
  cluster: on,
  name,
  partitions,
  ...(replicationFactor !== undefined ? { replicationFactor } : {}),
  config,
  source: `test '${name}'`,
});

/** A described topic: every config the broker reports, defaults included. */
const existing = (
  partitions: number,
  config: Record<string, string> = {},
  replicationFactor = 1,
): ExistingTopic => ({
  partitions,
  replicationFactor,
  config: { 'cleanup.policy': 'delete', 'retention.ms': '604800000', 'min.insync.replicas': '1', ...config },
});

const state = (
  on: ClusterDefinition,
  described: Record<string, ExistingTopic>,
  others: string[] = [],
): ClusterTopicsState => ({
  cluster: on,
  topics: [...Object.keys(described), ...others],
  described,
});

const declarations = (
  declaredTopics: DeclaredTopic[],
  referenced: TopicDeclarations['referenced'] = [],
): TopicDeclarations => ({
  declared: declaredTopics,
  referenced,
});

describe('planTopics', () => {
  it('creates missing topics on their own cluster only, with their partitions, replication and configs', () => {
    const plan = planTopics(
      declarations([
        declared(PRIMARY, 'orders', 6, { 'cleanup.policy': 'compact' }, 1),
        declared(SECONDARY, 'pii', 2),
      ]),
      [state(PRIMARY, {}, ['unrelated']), state(SECONDARY, {})],
    );
    expect(plan.clusters.map(({ cluster: name, create }) => ({ name, create }))).toEqual([
      {
        name: 'primary',
        create: [
          { topic: 'orders', partitions: 6, replicationFactor: 1, config: { 'cleanup.policy': 'compact' } },
        ],
      },
      { name: 'secondary', create: [{ topic: 'pii', partitions: 2, config: {} }] },
    ]);
    expect(plan.clusters[0].delete).toEqual([]);
    expect(countChanges(plan.clusters[0], 'migrate')).toBe(1);
  });

  it('is a no-op when every topic matches, counting a declared value equal to the default as no change', () => {
    const plan = planTopics(
      declarations([declared(PRIMARY, 'orders', 3, { 'retention.ms': '604800000' }, 1)]),
      [state(PRIMARY, { orders: existing(3) })],
    );
    expect(plan.clusters[0]).toMatchObject({
      create: [],
      addPartitions: [],
      alterConfig: [],
      delete: [],
      problems: [],
      unchanged: ['orders'],
    });
    expect(countChanges(plan.clusters[0], 'align')).toBe(0);
  });

  it('adds partitions, and plans config changes that only align applies', () => {
    const plan = planTopics(
      declarations([declared(PRIMARY, 'orders', 6, { 'retention.ms': '1000', 'cleanup.policy': 'delete' })]),
      [state(PRIMARY, { orders: existing(3) })],
    );
    const [primary] = plan.clusters;
    expect(primary.addPartitions).toEqual([{ topic: 'orders', from: 3, to: 6 }]);
    expect(primary.alterConfig).toEqual([
      { topic: 'orders', changes: [{ name: 'retention.ms', from: '604800000', to: '1000' }] },
    ]);
    expect(primary.unchanged).toEqual([]);
    expect(countChanges(primary, 'migrate')).toBe(1);
    expect(countChanges(primary, 'align')).toBe(2);
  });

  it('reports fewer partitions than the topic has as a problem, never as a change', () => {
    const plan = planTopics(declarations([declared(PRIMARY, 'orders', 2)]), [
      state(PRIMARY, { orders: existing(4) }),
    ]);
    expect(plan.clusters[0].problems).toEqual([
      {
        topic: 'orders',
        message:
          '2 partitions declared but the topic has 4; Kafka cannot remove partitions (declare at least the current count, or recreate the topic by hand)',
      },
    ]);
    expect(plan.clusters[0].addPartitions).toEqual([]);
    expect(countProblems(plan)).toBe(1);
  });

  it('reports a replication factor change as not supported, without blocking the rest', () => {
    const plan = planTopics(declarations([declared(PRIMARY, 'orders', 4, {}, 3)]), [
      state(PRIMARY, { orders: existing(2) }),
    ]);
    expect(plan.clusters[0].notices).toEqual([
      {
        topic: 'orders',
        message:
          "replication factor 3 declared but the topic has 1; changing it is not supported here (use Kafka's kafka-reassign-partitions tool)",
      },
    ]);
    expect(plan.clusters[0].addPartitions).toEqual([{ topic: 'orders', from: 2, to: 4 }]);
    expect(countProblems(plan)).toBe(0);
  });

  it('reports a config the cluster does not know, with a suggestion', () => {
    const plan = planTopics(declarations([declared(PRIMARY, 'orders', 1, { 'retention.msec': '5' })]), [
      state(PRIMARY, { orders: existing(1) }),
    ]);
    expect(plan.clusters[0].problems).toEqual([
      {
        topic: 'orders',
        message: "'retention.msec' is not a topic config this cluster knows (did you mean 'retention.ms'?)",
      },
    ]);
  });

  it('never deletes without allowDelete; with it, deletes only undeclared, unused, non-internal topics of managed clusters', () => {
    const decls = declarations(
      [declared(PRIMARY, 'orders', 1)],
      [
        { cluster: PRIMARY, name: 'consumed' },
        { cluster: PRIMARY, name: 'orders-dlq' },
        { cluster: SECONDARY, name: 'stray' },
      ],
    );
    const states = [
      state(PRIMARY, { orders: existing(1) }, [
        'consumed',
        'orders-dlq',
        '__consumer_offsets',
        'stray',
        'legacy',
      ]),
    ];
    expect(planTopics(decls, states).clusters[0].delete).toEqual([]);
    const plan = planTopics(decls, states, { allowDelete: true });
    expect(plan.clusters[0].delete).toEqual(['legacy', 'stray']);
    expect(countChanges(plan.clusters[0], 'migrate')).toBe(2);
  });

  it('plans a cluster known under two names once, under the state’s name', () => {
    const plan = planTopics(declarations([declared(SECONDARY, 'a', 1), declared(SECONDARY_ALIAS, 'b', 1)]), [
      state(PRIMARY, {}),
      state(SECONDARY, {}),
    ]);
    expect(plan.clusters).toHaveLength(1);
    expect(plan.clusters[0]).toMatchObject({
      cluster: 'secondary',
      aliases: ['dr'],
      create: [{ topic: 'a' }, { topic: 'b' }],
    });
  });

  it('only plans clusters that have declarations, in the order of the states', () => {
    const plan = planTopics(declarations([declared(SECONDARY, 'b', 1), declared(PRIMARY, 'a', 1)]), [
      state(PRIMARY, {}),
      state(SECONDARY, {}),
    ]);
    expect(plan.clusters.map((c) => c.cluster)).toEqual(['primary', 'secondary']);
    expect(planTopics(declarations([]), [state(PRIMARY, {})]).clusters).toEqual([]);
  });
});

describe('formatTopicsPlan', () => {
  const plan = planTopics(
    declarations([
      declared(PRIMARY, 'new', 6, { 'cleanup.policy': 'compact' }, 1),
      declared(PRIMARY, 'grow', 4, { 'retention.ms': '1000' }),
      declared(PRIMARY, 'same', 1),
      declared(SECONDARY, 'shrink', 1),
    ]),
    [state(PRIMARY, { grow: existing(2), same: existing(1) }), state(SECONDARY, { shrink: existing(3) })],
  );

  it('prints each cluster with its changes, marking what only align applies', () => {
    expect(formatTopicsPlan(plan)).toBe(
      [
        "cluster 'primary' (127.0.0.1:19092)",
        '  + create      new: 6 partitions, replication 1, cleanup.policy=compact',
        '  + partitions  grow: 2 -> 4',
        '  ~ config      grow: retention.ms 604800000 -> 1000  [align]',
        '  = 1 unchanged: same',
        "cluster 'secondary' (127.0.0.1:29092)",
        '  ! shrink: 1 partition declared but the topic has 3; Kafka cannot remove partitions (declare at least the current count, or recreate the topic by hand)',
      ].join('\n'),
    );
  });

  it('says which config changes migrate skips, and when a cluster needs nothing', () => {
    expect(formatTopicsPlan(plan, 'migrate')).toContain(
      'retention.ms 604800000 -> 1000  [skipped by migrate; run topics align]',
    );
    expect(formatTopicsPlan(plan, 'align')).toContain(
      '  ~ config      grow: retention.ms 604800000 -> 1000\n',
    );
    const noop = planTopics(declarations([declared(PRIMARY, 'same', 1)]), [
      state(PRIMARY, { same: existing(1) }),
    ]);
    expect(formatTopicsPlan(noop)).toBe(
      "cluster 'primary' (127.0.0.1:19092)\n  = 1 unchanged: same\n  no changes",
    );
    expect(formatTopicsPlan({ clusters: [] })).toBe('No declared topics: nothing to plan.');
  });
});
