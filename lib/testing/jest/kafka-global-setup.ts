import { brokersEnvName, validateClusterNames } from '../../testbed/brokers-env';
import { stopOnSignals } from '../../testbed/stop-on-signals';
import {
  startLocalClusters,
  stopLocalClusters,
  type LocalClustersOptions,
} from '../../testbed/local-clusters';

export interface KafkaGlobalSetupOptions extends LocalClustersOptions {
  /** The clusters the tests need. Default: `NESTJS_KARAFKA_CLUSTERS` (comma-separated), else `primary`. */
  clusters?: string[];
}

/** Which clusters this jest run started, and where (read by the teardown, in the same process). */
const STARTED_ENV = 'NESTJS_KARAFKA_JEST_STARTED';
const CLUSTERS_ENV = 'NESTJS_KARAFKA_CLUSTERS';

/** The clusters asked for: the option, else `NESTJS_KARAFKA_CLUSTERS`, else `primary`. Pure. */
export function requestedClusters(option: string[] | undefined, env: NodeJS.ProcessEnv): string[] {
  if (option !== undefined) {
    validateClusterNames(option, 'kafkaGlobalSetup({ clusters })');
    return option;
  }
  const fromEnv = env[CLUSTERS_ENV];
  if (fromEnv === undefined || fromEnv.trim() === '') return ['primary'];
  const names = fromEnv.split(',').map((name) => name.trim());
  validateClusterNames(names, CLUSTERS_ENV);
  return names;
}

/** The clusters to start locally: those whose `KAFKA_<NAME>_BROKERS` does not already point somewhere. Pure. */
export function clustersToStart(names: readonly string[], env: NodeJS.ProcessEnv): string[] {
  return names.filter((name) => !env[brokersEnvName(name)]?.trim());
}

/**
 * A jest `globalSetup`: each cluster the tests need whose `KAFKA_<NAME>_BROKERS` is unset is started locally (a
 * single-node KRaft Kafka on free ports, or the one `npx nestjs-karafka kafka up` left running) and the variable
 * is set for the test files, which jest starts afterwards. Clusters it started are stopped by
 * `kafkaGlobalTeardown`, or on Ctrl-C.
 */
export function kafkaGlobalSetup(
  options: KafkaGlobalSetupOptions = {},
): (globalConfig?: { rootDir?: string }) => Promise<void> {
  return async (globalConfig) => {
    const { clusters, ...local } = options;
    const names = clustersToStart(requestedClusters(clusters, process.env), process.env);
    if (names.length === 0) return;
    const where: LocalClustersOptions = { ...local, cwd: local.cwd ?? globalConfig?.rootDir };
    const started = await startLocalClusters(names, where);
    for (const cluster of started) process.env[cluster.env] = cluster.bootstrap;
    const mine = started.filter((cluster) => cluster.started).map((cluster) => cluster.name);
    if (mine.length === 0) return;
    process.env[STARTED_ENV] = JSON.stringify({ ...where, clusters: mine });
    stopOnSignals(stopStartedClusters);
  };
}

/** A jest `globalTeardown`: stops the clusters `kafkaGlobalSetup` started (not those it found running). */
export function kafkaGlobalTeardown(): () => Promise<void> {
  return async () => stopStartedClusters();
}

function stopStartedClusters(): void {
  const started = process.env[STARTED_ENV];
  if (started === undefined) return;
  delete process.env[STARTED_ENV];
  const { clusters, ...where } = JSON.parse(started) as LocalClustersOptions & { clusters: string[] };
  stopLocalClusters(clusters, where);
}
