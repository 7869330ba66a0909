import { fingerprint } from '../config/fingerprint';
import type { SubscriptionGroupDefinition, TopicRoute } from './routing-table.interface';
import { ROUTING_MESSAGES as M } from './routing.messages';

/**
 * Routing rule 4: topics of one consumer group share a subscription group (one consumer) when cluster,
 * effective kafka settings, maxMessages, maxWaitTime, initialOffset, concurrency and explicit
 * `subscriptionGroup` name are all equal. Also refuses a topic routed twice to one group and cluster.
 */
export class SubscriptionGroupAssembler {
  private readonly groups = new Map<string, SubscriptionGroupDefinition>();
  private readonly explicitGroups = new Map<string, { key: string; where: string }>();
  private readonly groupCounters = new Map<string, number>();
  private readonly routed = new Map<string, string>();

  /** The groups in order of creation. */
  list(): SubscriptionGroupDefinition[] {
    return [...this.groups.values()];
  }

  /** Adds the route to its subscription group; a duplicate route or a reused explicit name is reported instead. */
  add(
    route: TopicRoute,
    explicitName: string | undefined,
    where: string,
    report: (message: string) => void,
  ): void {
    const routeKey = `${route.cluster.identity}|${route.groupId}|${route.topic}`;
    const first = this.routed.get(routeKey);
    if (first) {
      report(M.duplicateRoute(route.topic, route.groupId, route.cluster.name, first));
      return;
    }
    this.routed.set(routeKey, where);

    const key = fingerprint([
      route.cluster.name,
      route.cluster.identity,
      route.groupId,
      route.kafka,
      route.maxMessages,
      route.maxWaitTime,
      route.initialOffset,
      route.concurrency,
      explicitName ?? null,
    ]);
    if (explicitName !== undefined) {
      const named = this.explicitGroups.get(explicitName);
      if (named && named.key !== key) {
        report(M.subscriptionGroupReused(explicitName, named.where));
        return;
      }
      this.explicitGroups.set(explicitName, { key, where });
    }
    let group = this.groups.get(key);
    if (!group) {
      group = {
        id: explicitName ?? this.nextGroupId(route),
        cluster: route.cluster,
        groupId: route.groupId,
        kafka: route.kafka,
        maxMessages: route.maxMessages,
        maxWaitTime: route.maxWaitTime,
        initialOffset: route.initialOffset,
        concurrency: route.concurrency,
        topics: [],
      };
      this.groups.set(key, group);
    }
    group.topics.push(route);
  }

  private nextGroupId(route: TopicRoute): string {
    const prefix = `${route.groupId}@${route.cluster.name}`;
    const n = this.groupCounters.get(prefix) ?? 0;
    this.groupCounters.set(prefix, n + 1);
    return `${prefix}#${n}`;
  }
}
