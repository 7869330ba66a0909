import { errorMessage } from '../common/error-message';
import { Logger } from '@nestjs/common';
import type { KarafkaAdmin } from '../admin/karafka-admin';
import type { ClusterRegistry } from '../routing/cluster-registry';
import { KarafkaConfigurationError } from '../config/karafka-configuration.error';
import type { ConfigProblem } from '../config/kafka-config.types';
import type { DeclarativeTopicsOptions } from './topics-options.interface';
import type { RoutingTable } from '../routing/routing-table.interface';
import type { ClusterDefinition } from '../cluster/cluster-definition.interface';
import { collectTopicDeclarations, type CollectedTopicDeclarations } from './collect-topic-declarations';
import { formatTopicsPlan } from './format-topics-plan';
import { countProblems, planTopics, type PlanTopicsOptions } from './plan-topics';
import { TOPICS_MESSAGES as M } from './topics.messages';
import type {
  ClusterTopicsPlan,
  ClusterTopicsState,
  ExistingTopic,
  TopicsMode,
  TopicsPlan,
} from './topics-plan.interface';

/**
 * Global token of the DeclarativeTopics provider. `Symbol.for` so the CLI finds the service even when the
 * user's app module loaded another copy of the library than the CLI's own.
 */
export const DECLARATIVE_TOPICS = Symbol.for('nestjs-karafka:declarative-topics');

/**
 * Karafka's declarative topics: the topics declared with `@KafkaTopic(name, { config })` and
 * `forRoot({ topics })`, compared with what each cluster holds (`plan`) and made to match (`apply`).
 * Every Kafka call goes through `KarafkaAdmin.forCluster(...)`, so each one is logged with its cluster.
 */
export class DeclarativeTopics {
  private readonly logger = new Logger('KarafkaTopics');

  constructor(
    private readonly options: DeclarativeTopicsOptions,
    private readonly registry: ClusterRegistry,
    private readonly admin: KarafkaAdmin,
  ) {}

  /** Declaration problems, for the bootstrap report; called with the routing table just built. */
  validate(table: RoutingTable): ConfigProblem[] {
    return this.collect(table).problems;
  }

  /** The declarations of the running app (after bootstrap). */
  declarations(): CollectedTopicDeclarations {
    const collected = this.collect(this.registry.routing);
    if (collected.problems.length > 0) throw new KarafkaConfigurationError(collected.problems);
    return collected;
  }

  /** Reads every cluster that has declarations and plans the changes. Changes nothing. */
  async plan(options: PlanTopicsOptions = {}): Promise<TopicsPlan> {
    const declarations = this.declarations();
    const wanted = new Map<string, Set<string>>();
    for (const topic of declarations.declared) {
      wanted.set(topic.cluster.identity, (wanted.get(topic.cluster.identity) ?? new Set()).add(topic.name));
    }
    // One state per physical cluster, under its first name in registry order (so `primary` wins over an alias).
    const clusters = this.registry
      .all()
      .filter(
        (cluster, index, all) =>
          wanted.has(cluster.identity) && all.findIndex((c) => c.identity === cluster.identity) === index,
      );
    const states = await Promise.all(
      clusters.map((cluster) => this.readState(cluster, wanted.get(cluster.identity)!)),
    );
    return planTopics(declarations, states, options);
  }

  /**
   * Applies a plan: creates topics, adds partitions, deletes what the plan deletes and, for `align`,
   * changes configs. Refuses a plan with problems. Returns the number of changes made.
   */
  async apply(plan: TopicsPlan, mode: TopicsMode): Promise<number> {
    const problems = countProblems(plan);
    if (problems > 0) throw new Error(M.planHasProblems(problems));
    let applied = 0;
    for (const cluster of plan.clusters) applied += await this.applyCluster(cluster, mode, applied);
    return applied;
  }

  /** `forRoot({ topics: { autoMigrate: true } })`: migrate before consumers start. */
  async migrateOnBootstrap(): Promise<void> {
    if (!this.collect(this.registry.routing).autoMigrate) return;
    try {
      const plan = await this.plan();
      if (countProblems(plan) > 0)
        throw new Error(`\n${formatTopicsPlan(plan, 'migrate')}\n${M.planHasProblems(countProblems(plan))}`);
      const changes = await this.apply(plan, 'migrate');
      if (changes > 0)
        this.logger.log(`autoMigrate applied ${changes} change(s):\n${formatTopicsPlan(plan, 'migrate')}`);
    } catch (error) {
      throw new Error(M.autoMigrateFailed(errorMessage(error)), {
        cause: error,
      });
    }
  }

  private collect(table: RoutingTable): CollectedTopicDeclarations {
    const clusters = [...this.registry.all()];
    for (const cluster of table.clusters)
      if (!clusters.some((known) => known.name === cluster.name)) clusters.push(cluster);
    return collectTopicDeclarations({
      topics: this.options.topics,
      clusters,
      routes: table.subscriptionGroups.flatMap((group) => group.topics),
    });
  }

  private async readState(cluster: ClusterDefinition, declared: Set<string>): Promise<ClusterTopicsState> {
    const admin = this.admin.forCluster(cluster.name);
    const topics = await admin.listTopics();
    const described: Record<string, ExistingTopic> = {};
    for (const name of topics.filter((topic) => declared.has(topic))) {
      const description = await admin.describeTopic(name);
      described[name] = {
        partitions: description.partitions.length,
        replicationFactor: description.replicationFactor,
        config: Object.fromEntries(description.configs.map(({ name: key, value }) => [key, value])),
      };
    }
    return { cluster, topics, described };
  }

  private async applyCluster(
    plan: ClusterTopicsPlan,
    mode: TopicsMode,
    appliedBefore: number,
  ): Promise<number> {
    const admin = this.admin.forCluster(plan.cluster);
    const steps: Array<{ action: string; run: () => Promise<void> }> = [
      ...plan.create.map(({ topic, partitions, replicationFactor, config }) => ({
        action: `creating '${topic}' on cluster '${plan.cluster}'`,
        run: () => admin.createTopic(topic, { partitions, replicationFactor, config }),
      })),
      ...plan.addPartitions.map(({ topic, to }) => ({
        action: `adding partitions to '${topic}' on cluster '${plan.cluster}'`,
        run: () => admin.createPartitions(topic, to),
      })),
      ...(mode === 'align' ? plan.alterConfig : []).map(({ topic, changes }) => ({
        action: `changing the config of '${topic}' on cluster '${plan.cluster}'`,
        run: () =>
          admin.alterTopicConfig(topic, Object.fromEntries(changes.map(({ name, to }) => [name, to]))),
      })),
      ...plan.delete.map((topic) => ({
        action: `deleting '${topic}' on cluster '${plan.cluster}'`,
        run: () => admin.deleteTopic(topic),
      })),
    ];
    let applied = 0;
    for (const step of steps) {
      try {
        await step.run();
      } catch (error) {
        throw new Error(M.applyFailed(step.action, appliedBefore + applied, errorMessage(error)), {
          cause: error,
        });
      }
      applied++;
    }
    return applied;
  }
}
