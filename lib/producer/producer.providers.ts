import type { FactoryProvider, InjectionToken, Provider } from '@nestjs/common';
import type { ClusterConnections } from '../cluster/cluster-connections';
import { ClusterRegistry } from '../routing/cluster-registry';
import { KarafkaMonitor } from '../instrumentation/karafka-monitor';
import { getProducerToken } from './get-producer-token.util';
import { DEFAULT_PRODUCER } from './producer.constants';
import { KafkaProducer } from './kafka-producer';
import type { ProducerDefinition } from './producer-definition.interface';
import { ProducerInjectionCheck } from './producer-injection.check';
import { ProducerPool } from './producer-pool';
import { ProducerRegistry } from './producer-registry';

/** The module's tokens the producers are built from (they live with the module, above this folder). */
export interface ProducerProviderTokens {
  /** The resolved plan: `{ producers: ProducerDefinition[] }`. */
  plan: InjectionToken;
  /** `ClusterConnections`: one driver client per cluster, shared with consumers and admin. */
  connections: InjectionToken;
  /** The module options: `{ statisticsInterval?: number }`. */
  options: InjectionToken;
}

/**
 * The pool of producers (internal), the read-only `ProducerRegistry` users inject, the default
 * `KafkaProducer` injectable by its class, and the check of `@InjectProducer` names.
 */
export function createProducerProviders(tokens: ProducerProviderTokens): Provider[] {
  return [
    {
      provide: ProducerPool,
      useFactory: (
        plan: { producers: ProducerDefinition[] },
        connections: ClusterConnections,
        monitor: KarafkaMonitor,
        options: { statisticsInterval?: number },
        clusters: ClusterRegistry,
      ) =>
        new ProducerPool(plan.producers, (cluster) => connections.clientFor(cluster), monitor, {
          statisticsInterval: options.statisticsInterval,
          // Dead letters go to the failing topic's own cluster, which may have no configured producer.
          resolveCluster: (name) => (clusters.has(name) ? clusters.get(name) : undefined),
        }),
      inject: [tokens.plan, tokens.connections, KarafkaMonitor, tokens.options, ClusterRegistry],
    },
    { provide: ProducerRegistry, useExisting: ProducerPool },
    {
      provide: KafkaProducer,
      // Without a default producer the plan has problems, which fail the start at module init.
      useFactory: (registry: ProducerRegistry) =>
        registry.has(DEFAULT_PRODUCER) ? registry.get() : undefined,
      inject: [ProducerRegistry],
    },
    ProducerInjectionCheck,
  ];
}

/**
 * One provider per producer name, resolved from the registry. A name that is not configured resolves to
 * `undefined` instead of failing here: `ProducerInjectionCheck` reports the classes of the app that ask
 * for it, with every other bootstrap problem; an app without such a class is not concerned.
 */
export function createNamedProducerProviders(names: string[]): FactoryProvider[] {
  return [...new Set(names)].map((name) => ({
    provide: getProducerToken(name),
    useFactory: (registry: ProducerRegistry): KafkaProducer | undefined =>
      registry.has(name) ? registry.get(name) : undefined,
    inject: [ProducerRegistry],
  }));
}
