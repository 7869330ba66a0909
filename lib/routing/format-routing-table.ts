import type { ConsumerSettings } from '../config/kafka-config.types';
import { fingerprint } from '../config/fingerprint';
import { redactSecrets } from '../config/redact-secrets';
import type { RoutingTable, SubscriptionGroupDefinition, TopicRoute } from './routing-table.interface';
import type { ClusterDefinition } from '../cluster/cluster-definition.interface';

export interface ProducerRoutingLine {
  name: string;
  cluster: string;
}

/** Consumer settings already shown on their own (group id, wait time, initial offset). */
const SHOWN_ELSEWHERE: ReadonlyArray<keyof ConsumerSettings> = [
  'groupId',
  'maxWaitTimeInMs',
  'autoOffsetReset',
];

/**
 * The routing table as text, logged once at start: cluster → consumer group → subscription group → topics,
 * then producer → cluster. Shows brokers, security flavour and SASL user; never passwords, keys or tokens.
 */
export function formatRoutingTable(table: RoutingTable, producers: ProducerRoutingLine[] = []): string {
  const topicCount = table.subscriptionGroups.reduce((sum, group) => sum + group.topics.length, 0);
  const lines = [
    `Routing table: ${plural(table.clusters.length, 'cluster')}, ${plural(table.subscriptionGroups.length, 'subscription group')}, ${plural(topicCount, 'topic')}`,
  ];
  for (const cluster of table.clusters) {
    lines.push(`cluster ${cluster.name} (${cluster.origin}) ${describeConnection(cluster)}`);
    const groups = table.subscriptionGroups.filter((group) => group.cluster === cluster);
    if (groups.length === 0) lines.push('  (no topics)');
    for (const groupId of [...new Set(groups.map((group) => group.groupId))]) {
      lines.push(`  consumer group ${groupId}`);
      for (const group of groups.filter((g) => g.groupId === groupId)) {
        lines.push(`    subscription group ${group.id}: ${describeGroup(group)}`);
        for (const route of group.topics)
          lines.push(`      ${route.topic} → ${route.className}${describeRoute(route)}`);
      }
    }
  }
  if (producers.length > 0) {
    lines.push('producers');
    const known = new Map(table.clusters.map((cluster) => [cluster.name, cluster]));
    for (const producer of producers) {
      const cluster = known.get(producer.cluster);
      const target = cluster
        ? `${cluster.name} ${cluster.identity}`
        : `${producer.cluster} (unknown cluster)`;
      lines.push(`  ${producer.name} → ${target}`);
    }
  }
  return lines.join('\n');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function describeConnection(cluster: ClusterDefinition): string {
  const { clientId, sasl } = cluster.config.connection;
  // The SASL user is part of the identity (`sasl_ssl://user@host:port`).
  const saslPart = sasl ? ` sasl=${sasl.mechanism}` : '';
  return `${cluster.identity} client.id=${clientId}${saslPart}`;
}

function describeGroup(group: SubscriptionGroupDefinition): string {
  const parts = [
    `maxMessages=${group.maxMessages}`,
    `maxWaitTime=${group.maxWaitTime}ms`,
    `initialOffset=${group.initialOffset}`,
  ];
  if (group.concurrency > 1) parts.push(`concurrency=${group.concurrency}`);
  const consumer = group.kafka.consumer as Record<string, unknown>;
  for (const key of Object.keys(consumer).sort()) {
    if (!SHOWN_ELSEWHERE.includes(key as keyof ConsumerSettings))
      parts.push(`${key}=${String(consumer[key])}`);
  }
  // Connection and producer settings that differ from the cluster's also split groups: show them, redacted.
  for (const section of ['connection', 'producer'] as const) {
    const own = group.kafka[section] as unknown as Record<string, unknown>;
    const cluster = group.cluster.config[section] as unknown as Record<string, unknown>;
    for (const key of [...new Set([...Object.keys(own), ...Object.keys(cluster)])].sort()) {
      if (fingerprint(own[key]) !== fingerprint(cluster[key]))
        parts.push(`${section}.${key}=${describeValue(own[key])}`);
    }
  }
  return parts.join(' ');
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(redactSecrets(value)) ?? 'unset';
}

function describeRoute(route: TopicRoute): string {
  const { maxRetries, backoffMs, maxBackoffMs, multiplier } = route.retry;
  const parts = [`retries=${maxRetries} backoff=${backoffMs}..${maxBackoffMs}ms×${multiplier}`];
  if (route.deadLetterQueue)
    parts.push(`dlq=${route.deadLetterQueue.topic} after ${route.deadLetterQueue.maxRetries} retries`);
  if (route.deserializer !== 'json')
    parts.push(`deserializer=${typeof route.deserializer === 'function' ? 'custom' : route.deserializer}`);
  if (route.lazyPayload) parts.push('lazyPayload');
  return ` (${parts.join(', ')})`;
}
