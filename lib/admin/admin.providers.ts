import type { FactoryProvider } from '@nestjs/common';
import type { ClusterConnections } from '../cluster/cluster-connections';
import { ClusterRegistry } from '../routing/cluster-registry';
import { KARAFKA_CONNECTIONS } from '../karafka.tokens';
import { AdminSessions } from './admin-sessions';
import { KarafkaAdmin, type AdminClusterCatalog } from './karafka-admin';

/** The admin's view of the ClusterRegistry: clusters by name, and the routes once they are known. */
export function clusterCatalog(registry: ClusterRegistry): AdminClusterCatalog {
  return {
    primary: () => registry.primary,
    all: () => registry.all(),
    routes: () =>
      registry.hasRouting ? registry.routing.subscriptionGroups.flatMap((group) => group.topics) : [],
  };
}

/** `KarafkaAdmin`, injectable by its class; bound to the primary cluster, sharing the app's cluster clients. */
export function createKarafkaAdminProvider(): FactoryProvider<KarafkaAdmin> {
  return {
    provide: KarafkaAdmin,
    useFactory: (registry: ClusterRegistry, connections: ClusterConnections) =>
      new KarafkaAdmin(
        clusterCatalog(registry),
        new AdminSessions((cluster) => connections.clientFor(cluster)),
      ),
    inject: [ClusterRegistry, KARAFKA_CONNECTIONS],
  };
}
