import { isTopicConfigValue } from '../routing/is-topic-config-value';
import { isPositiveInteger } from '../common/is-number-in';
import { didYouMean } from '../config/did-you-mean';
import type { ConfigProblem } from '../config/kafka-config.types';
import { PRIMARY_CLUSTER } from '../cluster/cluster.constants';
import { checkKeys, isValidTopicName } from '../routing/read-routing-options';
import { isPlainObject } from '../common/is-plain-object';
import type { TopicRoute } from '../routing/routing-table.interface';
import type { ClusterDefinition } from '../cluster/cluster-definition.interface';
import { ROUTING_MESSAGES } from '../routing/routing.messages';
import { TOPICS_MESSAGES as M } from './topics.messages';
import type { DeclaredTopic, ReferencedTopic, TopicDeclarations } from './topics-plan.interface';

const SHAPE_KEYS = ['partitions', 'replicationFactor'];
const STANDALONE_KEYS = ['name', 'cluster', ...SHAPE_KEYS, 'config'];
const OPTIONS_KEYS = ['declarations', 'autoMigrate'];

type Report = (message: string) => void;

export interface CollectedTopicDeclarations extends TopicDeclarations {
  autoMigrate: boolean;
  problems: ConfigProblem[];
}

/**
 * Every topic the app declares, each on its cluster: `@KafkaTopic(name, { config })` on the route's
 * cluster (from the routing table) and `forRoot({ topics })` on the cluster it names (default `primary`).
 * Pure. Clusters are matched by identity, so two names for the same brokers are one place; the same topic
 * declared twice there must be declared identically. Every problem is collected, none thrown.
 */
export function collectTopicDeclarations(input: {
  topics: unknown;
  clusters: ClusterDefinition[];
  routes: TopicRoute[];
}): CollectedTopicDeclarations {
  const problems: ConfigProblem[] = [];
  const declared = new Map<string, DeclaredTopic>();
  const referenced: ReferencedTopic[] = [];

  const declare = (topic: DeclaredTopic, report: Report) => {
    const key = `${topic.cluster.identity}\u0000${topic.name}`;
    const existing = declared.get(key);
    if (!existing) declared.set(key, topic);
    else {
      const difference = differenceBetween(existing, topic);
      if (difference)
        report(M.conflictingDeclarations(topic.name, topic.cluster.name, existing.source, difference));
    }
  };

  for (const route of input.routes) {
    referenced.push({ cluster: route.cluster, name: route.topic });
    if (route.deadLetterQueue) referenced.push({ cluster: route.cluster, name: route.deadLetterQueue.topic });
    if (route.config === undefined) continue;
    const where = ROUTING_MESSAGES.topicWhere(route.topic, route.className);
    const report: Report = (message) => problems.push({ where: `${where} config`, message });
    const shape = readDecoratorConfig(route.config, report);
    if (shape) declare({ ...shape, cluster: route.cluster, name: route.topic, source: where }, report);
  }

  const options = readTopicsOption(input.topics, (message) =>
    problems.push({ where: 'forRoot.topics', message }),
  );
  options.declarations.forEach((entry, index) => {
    const where = `forRoot.topics${Array.isArray(input.topics) ? '' : '.declarations'}[${index}]`;
    const report: Report = (message) => problems.push({ where, message });
    const topic = readStandalone(entry, input.clusters, report);
    if (topic) declare({ ...topic, source: `${where} ('${topic.name}')` }, report);
  });

  return { declared: [...declared.values()], referenced, autoMigrate: options.autoMigrate, problems };
}

/** `forRoot({ topics })` in either shape: a list of declarations, or `{ declarations?, autoMigrate? }`. */
function readTopicsOption(value: unknown, report: Report): { declarations: unknown[]; autoMigrate: boolean } {
  if (value === undefined) return { declarations: [], autoMigrate: false };
  if (Array.isArray(value)) return { declarations: value, autoMigrate: false };
  if (!isPlainObject(value)) {
    report(M.topicsOptionShape(value));
    return { declarations: [], autoMigrate: false };
  }
  checkKeys(value, OPTIONS_KEYS, '', report);
  let autoMigrate = false;
  if (value.autoMigrate !== undefined) {
    if (typeof value.autoMigrate === 'boolean') autoMigrate = value.autoMigrate;
    else report(M.expectedBoolean('autoMigrate', value.autoMigrate));
  }
  if (value.declarations === undefined) return { declarations: [], autoMigrate };
  if (Array.isArray(value.declarations)) return { declarations: value.declarations, autoMigrate };
  report(M.topicsOptionShape(value.declarations));
  return { declarations: [], autoMigrate };
}

type Shape = Pick<DeclaredTopic, 'partitions' | 'replicationFactor' | 'config'>;

/** `@KafkaTopic`'s flat hash: `partitions`, `replicationFactor`, and Kafka topic configs by name. */
function readDecoratorConfig(config: unknown, report: Report): Shape | undefined {
  if (!isPlainObject(config)) {
    report(M.notAnObject('config'));
    return undefined;
  }
  const { partitions, replicationFactor, ...topicConfig } = config;
  return readShape(partitions, replicationFactor, topicConfig, '', report);
}

function readStandalone(
  entry: unknown,
  clusters: ClusterDefinition[],
  report: Report,
): (Shape & { name: string; cluster: ClusterDefinition }) | undefined {
  if (!isPlainObject(entry)) {
    report(M.notAnObject('declaration'));
    return undefined;
  }
  checkKeys(entry, STANDALONE_KEYS, '', report);
  const nameOk = isValidTopicName(entry.name);
  if (!nameOk) report(M.invalidTopicName(entry.name));

  const clusterName = entry.cluster ?? PRIMARY_CLUSTER;
  const cluster = clusters.find((candidate) => candidate.name === clusterName);
  if (!cluster) {
    const known = clusters.map((candidate) => candidate.name);
    report(
      M.unknownCluster(
        clusterName,
        known,
        typeof clusterName === 'string' ? didYouMean(clusterName, known) : undefined,
      ),
    );
  }

  let topicConfig: Record<string, unknown> = {};
  if (entry.config !== undefined) {
    if (isPlainObject(entry.config)) topicConfig = entry.config;
    else report(M.notAnObject('config'));
  }
  const shape = readShape(entry.partitions, entry.replicationFactor, topicConfig, 'config.', report);
  return shape && cluster && nameOk ? { ...shape, name: entry.name as string, cluster } : undefined;
}

function readShape(
  partitions: unknown,
  replicationFactor: unknown,
  topicConfig: Record<string, unknown>,
  configPrefix: string,
  report: Report,
): Shape | undefined {
  let ok = true;
  const fail = (message: string) => {
    ok = false;
    report(message);
  };
  if (partitions === undefined) fail(M.missingPartitions());
  else if (!isPositiveInteger(partitions)) fail(M.positiveInteger('partitions', partitions));
  if (replicationFactor !== undefined && !isPositiveInteger(replicationFactor))
    fail(M.positiveInteger('replicationFactor', replicationFactor));

  const config: Record<string, string> = {};
  for (const [key, value] of Object.entries(topicConfig)) {
    // `replication_factor`, `replication.factor`, `Partitions`: meant as the shape, not a Kafka config.
    const near = didYouMean(key, SHAPE_KEYS);
    if (near) fail(M.optionLikeConfigKey(`${configPrefix}${key}`, near));
    else if (!isTopicConfigValue(value)) fail(M.badConfigValue(key, value));
    else config[key] = String(value);
  }
  if (!ok) return undefined;
  return {
    partitions: partitions as number,
    ...(replicationFactor !== undefined ? { replicationFactor: replicationFactor as number } : {}),
    config,
  };
}

/** How a second declaration of a topic (`here`) differs from the first (`there`), or undefined when equal. */
function differenceBetween(there: DeclaredTopic, here: DeclaredTopic): string | undefined {
  const describe = (what: string, a: unknown, b: unknown) => `${what} ${String(a)} there, ${String(b)} here`;
  if (there.partitions !== here.partitions) return describe('partitions', there.partitions, here.partitions);
  if (there.replicationFactor !== here.replicationFactor) {
    return describe(
      'replicationFactor',
      there.replicationFactor ?? '(default)',
      here.replicationFactor ?? '(default)',
    );
  }
  for (const key of new Set([...Object.keys(there.config), ...Object.keys(here.config)])) {
    if (there.config[key] !== here.config[key])
      return describe(`'${key}'`, there.config[key] ?? '(unset)', here.config[key] ?? '(unset)');
  }
  return undefined;
}
