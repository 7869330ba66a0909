import type { ConfigProblem } from './config/kafka-config.types';
import type { KarafkaModuleOptions } from './config/karafka-options.interface';
import { resolveClusters } from './cluster/resolve-clusters';
import { resolveProducerDefinitions, type ProducerDefinition } from './producer/resolve-producer-definitions';
import type { ClusterDefinition } from './routing/routing-table.interface';

/**
 * What the module options say, resolved once and purely: clusters and producers, plus every problem
 * found. Problems are not thrown here: they are reported together with the routing problems found once
 * the consumers are discovered, so one failed start lists every mistake.
 */
export interface KarafkaPlan {
  clusters: ClusterDefinition[];
  producers: ProducerDefinition[];
  problems: ConfigProblem[];
}

export function planKarafka(options: KarafkaModuleOptions): KarafkaPlan {
  const clusterResult = resolveClusters(options);
  const producerResult = resolveProducerDefinitions(options, clusterResult.clusters);
  return {
    clusters: clusterResult.clusters,
    producers: producerResult.producers,
    problems: [...clusterResult.problems, ...producerResult.problems],
  };
}
