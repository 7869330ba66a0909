import { countChanges } from './plan-topics';
import type { ClusterTopicsPlan, TopicCreation, TopicsMode, TopicsPlan } from './topics-plan.interface';

/**
 * The plan as people read it, one block per cluster:
 *
 *   cluster 'primary' (127.0.0.1:19092)
 *     + create   orders: 6 partitions, replication 1, cleanup.policy=compact
 *     + partitions payments: 3 -> 6
 *     ~ config   audit: retention.ms 604800000 -> 86400000
 *     - delete   legacy
 *     ! orders: 6 partitions declared but the topic has 8; ...
 *     i audit: replication factor 3 declared but the topic has 1; ...
 *     = 2 unchanged: invoices, users
 *
 * `mode` says what will be applied: for `migrate`, config changes are listed as skipped. Without a mode
 * (the `plan` command) everything is listed with the command that applies it.
 */
export function formatTopicsPlan(plan: TopicsPlan, mode?: TopicsMode): string {
  if (plan.clusters.length === 0) return 'No declared topics: nothing to plan.';
  return plan.clusters.map((cluster) => formatCluster(cluster, mode)).join('\n');
}

function formatCluster(plan: ClusterTopicsPlan, mode: TopicsMode | undefined): string {
  const aliases =
    plan.aliases.length > 0 ? `, also named ${plan.aliases.map((a) => `'${a}'`).join(', ')}` : '';
  const lines = [`cluster '${plan.cluster}' (${plan.brokers.join(',')}${aliases})`];
  const configNote =
    mode === 'migrate' ? '  [skipped by migrate; run topics align]' : mode === undefined ? '  [align]' : '';

  for (const creation of plan.create)
    lines.push(`  + create      ${creation.topic}: ${describeCreation(creation)}`);
  for (const { topic, from, to } of plan.addPartitions)
    lines.push(`  + partitions  ${topic}: ${from} -> ${to}`);
  for (const { topic, changes } of plan.alterConfig) {
    const text = changes.map(({ name, from, to }) => `${name} ${from ?? '(hidden)'} -> ${to}`).join(', ');
    lines.push(`  ~ config      ${topic}: ${text}${configNote}`);
  }
  for (const topic of plan.delete) lines.push(`  - delete      ${topic}`);
  for (const { topic, message } of plan.problems) lines.push(`  ! ${topic}: ${message}`);
  for (const { topic, message } of plan.notices) lines.push(`  i ${topic}: ${message}`);
  if (plan.unchanged.length > 0)
    lines.push(`  = ${plan.unchanged.length} unchanged: ${plan.unchanged.join(', ')}`);
  if (countChanges(plan, 'align') === 0 && plan.problems.length === 0) lines.push('  no changes');
  return lines.join('\n');
}

function describeCreation({ partitions, replicationFactor, config }: TopicCreation): string {
  const parts = [
    `${partitions} partition${partitions === 1 ? '' : 's'}`,
    `replication ${replicationFactor ?? 'cluster default'}`,
    ...Object.entries(config).map(([name, value]) => `${name}=${value}`),
  ];
  return parts.join(', ');
}
