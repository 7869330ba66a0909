import { ClusterRegistry } from './cluster-registry';
import { CLUSTER_REGISTRY_MESSAGES as M } from './cluster-registry.messages';
import type { ClusterDefinition } from '../cluster/cluster-definition.interface';
import type { RoutingTable } from './routing-table.interface';

/** The module's side of `ClusterRegistry`: the orchestrator stores the routing table here once. */
export class WritableClusterRegistry extends ClusterRegistry {
  constructor(clusters: readonly ClusterDefinition[]) {
    super(clusters);
  }

  /** Stores the routing table once; inline clusters found by routing become known names. */
  setRouting(table: RoutingTable): void {
    if (this.table) throw new Error(M.routingAlreadySet());
    for (const cluster of table.clusters)
      if (!this.clusters.has(cluster.name)) this.clusters.set(cluster.name, cluster);
    this.table = table;
  }
}
