import type { InjectionToken, Provider } from '@nestjs/common';
import type { ClusterConnections } from '../cluster/cluster-connections';
import { KarafkaMonitor } from '../instrumentation/karafka-monitor';
import { ProducerPool } from '../producer/producer-pool';
import { ConsumerManager } from './consumer-manager';
import { ConsumerRunnerPool } from './consumer-runner-pool';
import type { ResolvedRunnerOptions } from './resolve-runner-options';

/** The module's tokens the consumers are built from (they live with the module, above this folder). */
export interface ConsumerProviderTokens {
  /** The resolved plan: `{ runner: ResolvedRunnerOptions }`. */
  plan: InjectionToken;
  /** `ClusterConnections`: one driver client per cluster, shared with producers and admin. */
  connections: InjectionToken;
}

/**
 * The runners (one per subscription group; dead letters sent by the failing topic's cluster) and the
 * read-only `ConsumerManager` users inject.
 */
export function createConsumerProviders(tokens: ConsumerProviderTokens): Provider[] {
  return [
    {
      provide: ConsumerRunnerPool,
      useFactory: (
        plan: { runner: ResolvedRunnerOptions },
        connections: ClusterConnections,
        producers: ProducerPool,
        monitor: KarafkaMonitor,
      ) =>
        new ConsumerRunnerPool({
          ...plan.runner,
          clientFor: (cluster) => connections.clientFor(cluster),
          deadLetterSink: {
            send: (clusterName, topic, { key, value, headers }) =>
              producers.forCluster(clusterName).produceSync({ topic, key, headers, payload: value }),
          },
          monitor,
        }),
      inject: [tokens.plan, tokens.connections, ProducerPool, KarafkaMonitor],
    },
    { provide: ConsumerManager, useExisting: ConsumerRunnerPool },
  ];
}
