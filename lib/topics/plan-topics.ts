import { didYouMean } from '../config/did-you-mean';
import { TOPICS_MESSAGES as M } from './topics.messages';
import type {
  ClusterTopicsPlan,
  ClusterTopicsState,
  ConfigChange,
  DeclaredTopic,
  TopicDeclarations,
  TopicsMode,
  TopicsPlan,
} from './topics-plan.interface';

export interface PlanTopicsOptions {
  /** Plan the deletion of topics on a managed cluster that the app neither declares nor uses. */
  allowDelete?: boolean;
}

/** Kafka's own topics (`__consumer_offsets`, `__transaction_state`, ...) are never deleted. */
const isInternal = (topic: string): boolean => topic.startsWith('__');

/**
 * What it takes to make each cluster match the declarations: topics to create, partitions to add,
 * configs to change and (only with `allowDelete`) undeclared topics to delete. Pure.
 *
 * - Only clusters with at least one declaration are planned; `states` must describe each of them.
 * - Fewer declared partitions than the topic has is a problem: Kafka cannot remove partitions.
 * - A different replication factor is reported as a notice and never applied.
 * - A declared config the cluster does not know for an existing topic is a problem (typo guard).
 * - Config values are compared as the text Kafka reports, defaults included, so declaring a value equal
 *   to the broker's default is no change.
 */
export function planTopics(
  declarations: TopicDeclarations,
  states: ClusterTopicsState[],
  options: PlanTopicsOptions = {},
): TopicsPlan {
  const byIdentity = new Map<string, DeclaredTopic[]>();
  for (const topic of declarations.declared) {
    byIdentity.set(topic.cluster.identity, [...(byIdentity.get(topic.cluster.identity) ?? []), topic]);
  }

  const clusters: ClusterTopicsPlan[] = [];
  for (const [identity, declared] of byIdentity) {
    const state = states.find((candidate) => candidate.cluster.identity === identity);
    if (!state) throw new Error(`planTopics: no state given for cluster '${declared[0].cluster.name}'`);
    const names = [state.cluster.name, ...declared.map((topic) => topic.cluster.name)];
    const plan: ClusterTopicsPlan = {
      cluster: state.cluster.name,
      aliases: [...new Set(names)].filter((name) => name !== state.cluster.name),
      brokers: state.cluster.config.connection.brokers,
      create: [],
      addPartitions: [],
      alterConfig: [],
      delete: [],
      unchanged: [],
      problems: [],
      notices: [],
    };
    const existing = new Set(state.topics);
    for (const topic of [...declared].sort((a, b) => a.name.localeCompare(b.name))) {
      if (existing.has(topic.name)) planExisting(plan, topic, state);
      else {
        plan.create.push({
          topic: topic.name,
          partitions: topic.partitions,
          ...(topic.replicationFactor !== undefined ? { replicationFactor: topic.replicationFactor } : {}),
          config: topic.config,
        });
      }
    }
    if (options.allowDelete) {
      const kept = new Set([
        ...declared.map((topic) => topic.name),
        ...declarations.referenced.filter((ref) => ref.cluster.identity === identity).map((ref) => ref.name),
      ]);
      plan.delete = state.topics.filter((topic) => !kept.has(topic) && !isInternal(topic)).sort();
    }
    clusters.push(plan);
  }
  const order = (plan: ClusterTopicsPlan) => states.findIndex((state) => state.cluster.name === plan.cluster);
  return { clusters: clusters.sort((a, b) => order(a) - order(b)) };
}

function planExisting(plan: ClusterTopicsPlan, topic: DeclaredTopic, state: ClusterTopicsState): void {
  const actual = state.described[topic.name];
  if (!actual)
    throw new Error(
      `planTopics: topic '${topic.name}' exists on cluster '${plan.cluster}' but was not described`,
    );
  let touched = false;
  const problem = (message: string) => {
    touched = true;
    plan.problems.push({ topic: topic.name, message });
  };

  if (topic.partitions < actual.partitions)
    problem(M.partitionsDecrease(topic.partitions, actual.partitions));
  else if (topic.partitions > actual.partitions) {
    touched = true;
    plan.addPartitions.push({ topic: topic.name, from: actual.partitions, to: topic.partitions });
  }
  if (topic.replicationFactor !== undefined && topic.replicationFactor !== actual.replicationFactor) {
    plan.notices.push({
      topic: topic.name,
      message: M.replicationChange(topic.replicationFactor, actual.replicationFactor),
    });
  }

  const changes: ConfigChange[] = [];
  const known = Object.keys(actual.config);
  for (const [name, value] of Object.entries(topic.config)) {
    if (!(name in actual.config)) problem(M.unknownTopicConfig(name, didYouMean(name, known)));
    else if (actual.config[name] !== value) changes.push({ name, from: actual.config[name], to: value });
  }
  if (changes.length > 0) {
    touched = true;
    plan.alterConfig.push({ topic: topic.name, changes });
  }
  if (!touched) plan.unchanged.push(topic.name);
}

/** How many changes `mode` would apply to the cluster (config changes count only for `align`). */
export function countChanges(plan: ClusterTopicsPlan, mode: TopicsMode): number {
  return (
    plan.create.length +
    plan.addPartitions.length +
    plan.delete.length +
    (mode === 'align' ? plan.alterConfig.length : 0)
  );
}

export function countProblems(plan: TopicsPlan): number {
  return plan.clusters.reduce((sum, cluster) => sum + cluster.problems.length, 0);
}
