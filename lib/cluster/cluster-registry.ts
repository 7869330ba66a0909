import { didYouMean } from '../config/did-you-mean';
import { PRIMARY_CLUSTER } from '../karafka.constants';
import type { RoutingTable, SubscriptionGroupDefinition } from '../routing/routing-table.interface';
import type { ClusterDefinition } from './cluster-definition.interface';
import { CLUSTER_MESSAGES as M } from './cluster.messages';

/**
 * The clusters of the application and, once computed, its routing table. Plain and inspectable, so tests,
 * health checks and the Web UI can ask where things are consumed. Provided by the module through a factory.
 */
export class ClusterRegistry {
  private readonly clusters = new Map<string, ClusterDefinition>();
  private table?: RoutingTable;

  constructor(clusters: ClusterDefinition[]) {
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

  /** Stores the routing table once; inline clusters found by routing become known names. */
  setRouting(table: RoutingTable): void {
    if (this.table) throw new Error(M.routingAlreadySet());
    for (const cluster of table.clusters)
      if (!this.clusters.has(cluster.name)) this.clusters.set(cluster.name, cluster);
    this.table = table;
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
