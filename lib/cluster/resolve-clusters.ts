import { CONFIG_MESSAGES as M } from '../config/config.messages';
import type { ConfigProblem, KafkaConfigInput } from '../config/kafka-config.types';
import type { ClusterOptions } from './cluster-options.interface';
import { normalizeKafkaConfig } from '../config/normalize-kafka-config';
import { clusterIdentity } from './cluster-identity';
import { defineCluster } from './define-cluster';
import { hasBrokers } from '../config/merge-kafka-input';
import { fingerprint } from '../config/fingerprint';
import { PRIMARY_CLUSTER } from './cluster.constants';
import type { ClusterDefinition } from './cluster-definition.interface';

/** Letters, digits, `.`, `_`, `-`; no `:` so names can never collide with derived `inline:...` names. */
const CLUSTER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The clusters named in `forRoot`: `primary` from `kafka`, then `clusters` in declaration order.
 * Two names may point at the same brokers (e.g. every cluster is one local broker in development); they
 * stay separate names. `clusters.primary` is accepted only as an exact repeat of `kafka`: 'primary' is
 * reserved for `kafka`, so a different broker list or different settings are problems.
 */
export function resolveClusters(options: ClusterOptions): {
  clusters: ClusterDefinition[];
  problems: ConfigProblem[];
} {
  const clusters: ClusterDefinition[] = [];
  const problems: ConfigProblem[] = [];

  const define = (
    name: string,
    input: KafkaConfigInput,
    where: string,
    origin: ClusterDefinition['origin'],
  ) => {
    const normalized = normalizeKafkaConfig(input, where);
    problems.push(...normalized.problems);
    if (!hasBrokers(input)) problems.push({ where, message: M.brokersMissing() });
    const identity = clusterIdentity(normalized.config.connection);
    return defineCluster({ name, origin, config: normalized.config, identity }, input);
  };

  const primary =
    typeof options?.kafka === 'object' && options.kafka !== null
      ? define(PRIMARY_CLUSTER, options.kafka, 'forRoot.kafka', 'primary')
      : undefined;
  if (primary) clusters.push(primary);
  else problems.push({ where: 'forRoot.kafka', message: M.missingKafka() });

  for (const [name, input] of Object.entries(options?.clusters ?? {})) {
    const where = `forRoot.clusters.${name}`;
    if (!CLUSTER_NAME.test(name)) {
      problems.push({ where, message: M.invalidClusterName(name) });
      continue;
    }
    if (typeof input !== 'object' || input === null) {
      problems.push({ where, message: M.notAnObject(where) });
      continue;
    }
    const cluster = define(name, input, where, 'named');
    if (name !== PRIMARY_CLUSTER) {
      clusters.push(cluster);
    } else if (primary && cluster.identity !== primary.identity) {
      problems.push({ where, message: M.primaryRebound(primary.identity, cluster.identity) });
    } else if (primary && fingerprint(cluster.config) !== fingerprint(primary.config)) {
      problems.push({ where, message: M.primaryRedefined() });
    }
  }
  if (options?.driverLog !== undefined && typeof options.driverLog !== 'function')
    problems.push({ where: 'forRoot.driverLog', message: M.driverLogNotAFunction(options.driverLog) });
  return { clusters, problems };
}
