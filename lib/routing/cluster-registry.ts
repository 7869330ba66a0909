import { didYouMean } from '../config/did-you-mean';
import { PRIMARY_CLUSTER } from '../cluster/cluster.constants';
import type { ClusterDefinition } from '../cluster/cluster-definition.interface';
import type { RoutingTable, SubscriptionGroupDefinition } from './routing-table.interface';
import { CLUSTER_REGISTRY_MESSAGES as M } from './cluster-registry.messages';

/**
 * The clusters of the application and, once computed, its routing table: what users, health checks and
 * the Web UI ask to learn where things are consumed. Read-only; the module fills it in through
 * `WritableClusterRegistry`, which is the same object (injected by this class).
 */
export abstract class ClusterRegistry {
  protected readonly clusters = new Map<string, ClusterDefinition>();
  protected table?: RoutingTable;

  protected constructor(clusters: readonly ClusterDefinition[]) {
    for (const cluster of clusters) this.clusters.set(cluster.name, cluster);
  }

  get primary(): ClusterDefinition {
    const primary = this.clusters.get(PRIMARY_CLUSTER);
    if (!primary) throw new Error(M.noPrimary());
    return primary;
  }

  has(name: string): boolean {
    return this.clusters.has(name);
  }

  /** The cluster by name (`primary`, a key of `clusters`, or an `inline:...` name); throws listing known names. */
  get(name: string): ClusterDefinition {
    const cluster = this.clusters.get(name);
    if (!cluster) {
      const known = [...this.clusters.keys()];
      throw new Error(M.unknownCluster(name, known, didYouMean(name, known)));
    }
    return cluster;
  }

  all(): ClusterDefinition[] {
    return [...this.clusters.values()];
  }

  get hasRouting(): boolean {
    return this.table !== undefined;
  }

  get routing(): RoutingTable {
    if (!this.table) throw new Error(M.routingNotReady());
    return this.table;
  }

  subscriptionGroups(): SubscriptionGroupDefinition[] {
    return this.routing.subscriptionGroups;
  }

  subscriptionGroupsFor(clusterName: string): SubscriptionGroupDefinition[] {
    const cluster = this.get(clusterName);
    return this.routing.subscriptionGroups.filter((group) => group.cluster === cluster);
  }

  /** The cluster a topic is consumed from; throws if it is not consumed, or consumed on several clusters and no group is given. */
  clusterOfTopic(topic: string, groupId?: string): ClusterDefinition {
    const groups = this.routing.subscriptionGroups.filter(
      (group) =>
        (groupId === undefined || group.groupId === groupId) &&
        group.topics.some((route) => route.topic === topic),
    );
    const clusters = [...new Set(groups.map((group) => group.cluster))];
    if (clusters.length === 0) throw new Error(M.topicNotRouted(topic, groupId));
    if (clusters.length > 1) {
      throw new Error(
        M.topicOnSeveralClusters(
          topic,
          groups.map((group) => `${group.groupId}@${group.cluster.name}`),
        ),
      );
    }
    return clusters[0];
  }
}
