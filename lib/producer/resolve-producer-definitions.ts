import type { ConfigProblem, ConnectionSettings, ProducerSettings } from '../config/kafka-config.types';
import type { ProducersOptions } from './producer-options.interface';
import type { ProducerDefinitionOptions } from './producer-options.interface';
import { didYouMean } from '../config/did-you-mean';
import { normalizeKafkaConfig } from '../config/normalize-kafka-config';
import { mergeKafkaInput } from '../config/merge-kafka-input';
import { fingerprint } from '../config/fingerprint';
import { DEFAULT_PRODUCER } from './producer.constants';
import { PRIMARY_CLUSTER } from '../cluster/cluster.constants';
import type { ClusterDefinition } from '../cluster/cluster-definition.interface';
import type { ProducerDefinition } from './producer-definition.interface';
import { PRODUCER_MESSAGES as M } from './producer.messages';
import type { PayloadSerializer } from './serialization';

export type { ProducerDefinition } from './producer-definition.interface';

/**
 * Connection fields a producer may not change: producers share their cluster's client. (`requestTimeout`
 * is left out: `'request.timeout.ms'` is the producer's ack timeout and only feeds it as a side effect.)
 */
const SHARED_CONNECTION_FIELDS: ReadonlyArray<keyof ConnectionSettings> = [
  'brokers',
  'clientId',
  'ssl',
  'tlsFiles',
  'sasl',
  'connectionTimeout',
  'authenticationTimeout',
];

/**
 * Karafka's producer rule, purely: the default producer writes to the primary cluster unless
 * `forRoot({ producer })` redefines it; named producers come from `forRoot({ producers })`; each producer's
 * settings are its cluster's with the producer's own `kafka` merged over. Every mistake is returned as a
 * problem (unknown cluster, the reserved name, settings that cannot work), none is thrown.
 */
export function resolveProducerDefinitions(
  options: ProducersOptions,
  clusters: ClusterDefinition[],
): { producers: ProducerDefinition[]; problems: ConfigProblem[] } {
  const byName = new Map(clusters.map((cluster) => [cluster.name, cluster]));
  const producers: ProducerDefinition[] = [];
  const problems: ConfigProblem[] = [];

  const resolve = (name: string, origin: ProducerDefinition['origin'], where: string, given: unknown) => {
    if (given !== undefined && (typeof given !== 'object' || given === null || Array.isArray(given))) {
      problems.push({ where, message: M.notAnObject(where) });
      return;
    }
    const definition = (given ?? {}) as ProducerDefinitionOptions;
    const clusterName = definition.cluster ?? PRIMARY_CLUSTER;
    const cluster = byName.get(clusterName);
    if (!cluster) {
      // Inline clusters come from topics; they have derived names nobody writes by hand.
      const known = clusters.filter((c) => c.origin !== 'inline').map((c) => c.name);
      problems.push({
        where: `${where}.cluster`,
        message: M.unknownCluster(clusterName, didYouMean(clusterName, known), known),
      });
      return;
    }
    const serializers = checkSerializers(definition, where, problems);
    producers.push({
      name,
      origin,
      cluster,
      settings: producerSettings(cluster, definition, `${where}.kafka`, problems),
      ...serializers,
    });
  };

  resolve(DEFAULT_PRODUCER, 'default', 'forRoot.producer', options.producer);
  for (const [name, given] of Object.entries(options.producers ?? {})) {
    const where = `forRoot.producers.${name}`;
    if (name === DEFAULT_PRODUCER) problems.push({ where, message: M.reservedName() });
    else resolve(name, 'named', where, given);
  }
  return { producers, problems };
}

/** The cluster's producer settings, or the merge of the cluster's kafka hash and the producer's `kafka`. */
function producerSettings(
  cluster: ClusterDefinition,
  definition: ProducerDefinitionOptions,
  where: string,
  problems: ConfigProblem[],
): ProducerSettings {
  if (definition.kafka === undefined) return cluster.config.producer;

  const merged = normalizeKafkaConfig(mergeKafkaInput(cluster.input, definition.kafka), where);
  // The cluster's own problems are reported where the cluster is defined, not once more per producer.
  const clusterProblems = new Set(normalizeKafkaConfig(cluster.input, where).problems.map((p) => p.message));
  problems.push(...merged.problems.filter((p) => !clusterProblems.has(p.message)));

  const changed = SHARED_CONNECTION_FIELDS.filter(
    (field) => fingerprint(merged.config.connection[field]) !== fingerprint(cluster.config.connection[field]),
  );
  if (changed.length > 0) problems.push({ where, message: M.connectionOverride(changed) });

  const settings = { ...merged.config.producer };
  // Retries are a producer setting in librdkafka; kafkajs takes them per producer too.
  const retry = merged.config.connection.retry;
  if (fingerprint(retry) !== fingerprint(cluster.config.connection.retry) && retry) settings.retry = retry;
  return settings;
}

function checkSerializers(
  definition: ProducerDefinitionOptions,
  where: string,
  problems: ConfigProblem[],
): Pick<ProducerDefinition, 'serializer' | 'topicSerializers'> {
  const valid = (serializer: unknown, key: string): serializer is PayloadSerializer => {
    if (serializer === 'json' || typeof serializer === 'function') return true;
    problems.push({ where: `${where}.${key}`, message: M.invalidSerializer() });
    return false;
  };
  const serializer = definition.serializer ?? 'json';
  const topicSerializers: Record<string, PayloadSerializer> = {};
  for (const [topic, topicSerializer] of Object.entries(definition.topicSerializers ?? {})) {
    if (valid(topicSerializer, `topicSerializers.${topic}`)) topicSerializers[topic] = topicSerializer;
  }
  return { serializer: valid(serializer, 'serializer') ? serializer : 'json', topicSerializers };
}
