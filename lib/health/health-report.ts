import type { RunnerInfo, RunnerState } from '../consumer/subscription-group-runner';
import { assessGroup, type GroupAssessment } from './assess-group';
import type { ProbeOutcome } from './cluster-probe';
import { HEALTH_MESSAGES as M } from './health.messages';
import type { ResolvedHealthOptions } from './health-options.interface';
import type { ProducerDeliveries } from './producer-delivery-tracker';

export type HealthStatus = 'up' | 'down';

/** What every entry of the report says: its status, its cluster and that cluster's brokers. */
export interface HealthEntry {
  status: HealthStatus;
  cluster: string;
  /** host:port only (validated so at bootstrap): no credentials, and no other connection setting is shown. */
  brokers: string[];
  /** Why the entry is down; absent when it is up. */
  problems?: string[];
}

export interface ClusterHealth extends HealthEntry {
  /** Time the readiness probe (a metadata request) took. */
  latencyMs?: number;
}

export interface SubscriptionGroupHealth extends HealthEntry {
  groupId: string;
  topics: string[];
  state: RunnerState;
  lastPollMsAgo?: number;
}

export interface ProducerHealth extends HealthEntry {
  /** Failed and acknowledged messages within `windowMs`. */
  failed: number;
  acknowledged: number;
  windowMs: number;
}

/**
 * The details under the check's key. Liveness has no producers: a restart does not fix deliveries.
 * A type, not an interface, so it is terminus' `Record<string, unknown>` of additional data.
 */
export type KafkaHealthDetails = {
  clusters: Record<string, ClusterHealth>;
  subscriptionGroups: Record<string, SubscriptionGroupHealth>;
  producers?: Record<string, ProducerHealth>;
};

export interface KafkaHealthReport {
  status: HealthStatus;
  details: KafkaHealthDetails;
}

export interface ClusterFacts {
  name: string;
  brokers: string[];
}

export interface ReadinessFacts {
  /** The checked clusters, each with its probe's outcome. */
  clusters: Array<ClusterFacts & { probe: ProbeOutcome }>;
  runners: RunnerInfo[];
  /** The configured producers; those only seen on the monitor (dead-letter, jobs) come with `deliveries`. */
  producers: Array<{ producer: string; cluster: string }>;
  deliveries: ProducerDeliveries[];
  now: number;
  options: ResolvedHealthOptions;
}

export interface LivenessFacts {
  clusters: ClusterFacts[];
  runners: RunnerInfo[];
  now: number;
  options: ResolvedHealthOptions;
}

/**
 * Readiness: every checked cluster answers, its groups run and are alive, its producers are not degraded.
 * An unreachable cluster makes its own entries down, and only those.
 */
export function readinessReport(facts: ReadinessFacts): KafkaHealthReport {
  const clusters = new Map(facts.clusters.map((cluster) => [cluster.name, cluster]));
  const unreachable = (name: string) =>
    clusters.get(name)?.probe.reachable === false ? [M.unreachable(name)] : [];
  const subscriptionGroups = groupEntries(facts, clusters, (runner, assessment) => [
    ...unreachable(runner.cluster),
    ...assessment.readiness,
  ]);

  const { options } = facts;
  const deliveries = new Map(facts.deliveries.map((entry) => [entry.producer, entry]));
  const producers: Record<string, ProducerHealth> = {};
  const known = [
    ...facts.producers.map(({ producer, cluster }) => ({ producer, cluster, failed: 0, acknowledged: 0 })),
    ...facts.deliveries,
  ];
  for (const { producer, cluster } of known) {
    const brokers = clusters.get(cluster)?.brokers;
    if (!brokers || producers[producer]) continue;
    const { failed, acknowledged, lastError } = deliveries.get(producer) ?? { failed: 0, acknowledged: 0 };
    const degraded =
      failed >= options.producerFailureThreshold
        ? [M.degraded(failed, options.producerFailureWindowMs, options.producerFailureThreshold, lastError)]
        : [];
    producers[producer] = withProblems(
      { cluster, brokers, failed, acknowledged, windowMs: options.producerFailureWindowMs },
      [...unreachable(cluster), ...degraded],
    );
  }

  const clusterEntries: Record<string, ClusterHealth> = {};
  for (const { name, brokers, probe } of facts.clusters) {
    const problems = probe.reachable ? downEntries(name, subscriptionGroups, producers) : [probe.error];
    const latencyMs = probe.reachable ? { latencyMs: probe.latencyMs } : {};
    clusterEntries[name] = withProblems({ cluster: name, brokers, ...latencyMs }, problems);
  }
  return report({ clusters: clusterEntries, subscriptionGroups, producers });
}

/**
 * Liveness: only what a restart can fix (polling stalled while running, a stuck `consume`, a stuck
 * rebalance). A cluster outage, during which its groups are reconnecting, is not a liveness failure.
 */
export function livenessReport(facts: LivenessFacts): KafkaHealthReport {
  const clusters = new Map(facts.clusters.map((cluster) => [cluster.name, cluster]));
  const subscriptionGroups = groupEntries(facts, clusters, (_, assessment) => assessment.liveness);
  const clusterEntries: Record<string, ClusterHealth> = {};
  for (const { name, brokers } of facts.clusters) {
    clusterEntries[name] = withProblems(
      { cluster: name, brokers },
      downEntries(name, subscriptionGroups, {}),
    );
  }
  return report({ clusters: clusterEntries, subscriptionGroups });
}

function groupEntries(
  facts: { runners: RunnerInfo[]; now: number; options: ResolvedHealthOptions },
  clusters: ReadonlyMap<string, ClusterFacts>,
  problemsOf: (runner: RunnerInfo, assessment: GroupAssessment) => string[],
): Record<string, SubscriptionGroupHealth> {
  const entries: Record<string, SubscriptionGroupHealth> = {};
  for (const runner of facts.runners) {
    if (!clusters.has(runner.cluster)) continue;
    const assessment = assessGroup(runner, facts.now, facts.options);
    const lastPoll = runner.lastPollAt === undefined ? {} : { lastPollMsAgo: facts.now - runner.lastPollAt };
    entries[runner.id] = withProblems(
      {
        cluster: runner.cluster,
        brokers: runner.brokers,
        groupId: runner.groupId,
        topics: runner.topics,
        state: runner.state,
        ...lastPoll,
      },
      problemsOf(runner, assessment),
    );
  }
  return entries;
}

/** A reachable cluster is down when one of its entries is: they are listed. */
function downEntries(
  cluster: string,
  groups: Record<string, HealthEntry>,
  producers: Record<string, HealthEntry>,
): string[] {
  const down = (kind: string, entries: Record<string, HealthEntry>) =>
    Object.entries(entries)
      .filter(([, entry]) => entry.cluster === cluster && entry.status === 'down')
      .map(([name]) => `${kind} '${name}' is down`);
  return [...down('subscription group', groups), ...down('producer', producers)];
}

function withProblems<T extends Omit<HealthEntry, 'status'>>(
  entry: T,
  problems: string[],
): T & { status: HealthStatus } {
  return problems.length === 0 ? { status: 'up', ...entry } : { status: 'down', ...entry, problems };
}

function report(details: KafkaHealthDetails): KafkaHealthReport {
  const up = Object.values(details.clusters).every((cluster) => cluster.status === 'up');
  return { status: up ? 'up' : 'down', details };
}
