import { CONFIG_MESSAGES as M } from './config/config.messages';
import type { ConfigProblem } from './config/kafka-config.types';
import type { KarafkaModuleOptions } from './karafka-options.interface';
import { resolveClusters } from './cluster/resolve-clusters';
import { readRunnerOptions, type ResolvedRunnerOptions } from './consumer/runner-options';
import { resolveProducerDefinitions, type ProducerDefinition } from './producer/resolve-producer-definitions';
import type { ClusterDefinition } from './cluster/cluster-definition.interface';
import { resolveDriverChoice, type DriverChoice } from './driver/driver-choice';

/**
 * What the module options say, resolved once and purely: clusters and producers, plus every problem
 * found in them (collected, never thrown here, so one failed start lists every mistake).
 */
export interface KarafkaPlan {
  clusters: ClusterDefinition[];
  producers: ProducerDefinition[];
  /** What every subscription-group runner gets: reconnect backoff and start timeout. */
  runner: ResolvedRunnerOptions;
  /** Which driver each cluster's clients use. */
  driver: DriverChoice;
  problems: ConfigProblem[];
}

export function planKarafka(options: KarafkaModuleOptions): KarafkaPlan {
  const clusterResult = resolveClusters(options);
  const producerResult = resolveProducerDefinitions(options, clusterResult.clusters);
  const runnerResult = readRunnerOptions(options.consumer);
  const driverResult = resolveDriverChoice(
    options?.driver,
    clusterResult.clusters.map((cluster) => cluster.name),
  );
  return {
    clusters: clusterResult.clusters,
    producers: producerResult.producers,
    runner: runnerResult.options,
    driver: driverResult.choice,
    problems: [
      ...clusterResult.problems,
      ...producerResult.problems,
      ...runnerResult.problems,
      ...driverResult.problems,
      ...logOptionProblems(options),
    ],
  };
}

function logOptionProblems(options: KarafkaModuleOptions): ConfigProblem[] {
  if (options?.driverLog === undefined || options.logCreator === undefined) return [];
  return [{ where: 'forRoot.logCreator', message: M.driverLogWithLogCreator() }];
}
