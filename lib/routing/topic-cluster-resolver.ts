import { clusterIdentity } from '../cluster/cluster-identity';
import type { ClusterDefinition } from '../cluster/cluster-definition.interface';
import { PRIMARY_CLUSTER } from '../cluster/cluster.constants';
import { defineCluster } from '../cluster/define-cluster';
import { isNonEmptyString } from '../common/is-non-empty-string';
import { isPlainObject } from '../common/is-plain-object';
import { didYouMean } from '../config/did-you-mean';
import type { ConfigProblem, KafkaConfigInput, NormalizedKafkaConfig } from '../config/kafka-config.types';
import { hasBrokers, mergeKafkaInput } from '../config/merge-kafka-input';
import { normalizeKafkaConfig } from '../config/normalize-kafka-config';
import { ROUTING_MESSAGES as M } from './routing.messages';
import type { KafkaTopicOptions } from './topic-options.interface';

export interface EffectiveKafka {
  cluster: ClusterDefinition;
  input: KafkaConfigInput;
  config: NormalizedKafkaConfig;
  /** The topic's own `kafka` hash, normalised alone (most specific kafka-level settings). */
  own?: NormalizedKafkaConfig;
}

/**
 * Routing rules 1 and 2: a topic's effective kafka settings (the primary's, a named cluster's, its own
 * replacing hash, or its hash merged over them with `inherit: true`) and the cluster whose identity they
 * have. A hash naming brokers no cluster has becomes an `inline:<brokers>` cluster, added to `clusters`.
 */
export class TopicClusterResolver {
  private readonly clusterProblems = new Map<ClusterDefinition, Set<string>>();

  constructor(
    /** The app's clusters; inline ones found here are appended, in order of first use. */
    private readonly clusters: ClusterDefinition[],
    private readonly collect: (...problems: ConfigProblem[]) => void,
  ) {}

  /** The effective kafka settings of a topic and the cluster they identify; undefined after a problem. */
  resolve(
    options: KafkaTopicOptions,
    where: string,
    report: (message: string) => void,
  ): EffectiveKafka | undefined {
    const base = this.baseCluster(options.cluster, report);
    if (!base) return undefined;
    if (options.kafka === undefined) {
      if (options.inherit === true) report(M.inheritWithoutKafka());
      return { cluster: base, input: base.input, config: base.config };
    }
    if (!isPlainObject(options.kafka)) {
      report(M.notAnObject('kafka'));
      return undefined;
    }
    // The hash alone gives the topic-level values of rule 3; its problems count only when it replaces.
    const own = normalizeKafkaConfig(options.kafka, where);
    let input: KafkaConfigInput;
    let config: NormalizedKafkaConfig;
    if (options.inherit === true) {
      input = mergeKafkaInput(base.input, options.kafka);
      const merged = normalizeKafkaConfig(input, where);
      // The base cluster's own problems were reported under its name already.
      const known = this.problemsOf(base);
      this.collect(...merged.problems.filter((p) => !known.has(p.message)));
      config = merged.config;
    } else {
      this.collect(...own.problems);
      if (!hasBrokers(options.kafka)) {
        report(
          M.replaceWithoutBrokers(
            options.cluster === undefined ? 'root (forRoot.kafka)' : `cluster '${base.name}'`,
          ),
        );
        return undefined;
      }
      input = options.kafka;
      config = own.config;
    }
    if (config.connection.brokers.length === 0) return undefined;

    const identity = clusterIdentity(config.connection);
    if (options.cluster !== undefined) {
      if (identity !== base.identity) {
        report(M.clusterBoundTwice(base.name, base.identity, identity));
        return undefined;
      }
      return { cluster: base, input, config, own: own.config };
    }
    return { cluster: this.clusterWithIdentity(identity, input, config), input, config, own: own.config };
  }

  private baseCluster(
    name: string | undefined,
    report: (message: string) => void,
  ): ClusterDefinition | undefined {
    if (name !== undefined && !isNonEmptyString(name)) {
      report(M.expectedString('cluster', name));
      return undefined;
    }
    const wanted = name ?? PRIMARY_CLUSTER;
    const cluster = this.clusters.find((c) => c.name === wanted && c.origin !== 'inline');
    // A missing primary was reported by resolveClusters; an unknown name is the topic's fault.
    if (!cluster && name !== undefined) {
      const known = this.clusters.filter((c) => c.origin !== 'inline').map((c) => c.name);
      report(M.unknownCluster(name, known, didYouMean(name, known)));
    }
    return cluster;
  }

  private clusterWithIdentity(
    identity: string,
    input: KafkaConfigInput,
    config: NormalizedKafkaConfig,
  ): ClusterDefinition {
    const known = this.clusters.find((c) => c.identity === identity);
    if (known) return known;
    const name = `inline:${identity.replace(/^plaintext:\/\//, '')}`;
    const inline = defineCluster({ name, identity, origin: 'inline', config }, input);
    this.clusters.push(inline);
    return inline;
  }

  private problemsOf(cluster: ClusterDefinition): Set<string> {
    let messages = this.clusterProblems.get(cluster);
    if (!messages) {
      messages = new Set(normalizeKafkaConfig(cluster.input, cluster.name).problems.map((p) => p.message));
      this.clusterProblems.set(cluster, messages);
    }
    return messages;
  }
}
