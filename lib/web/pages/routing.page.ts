import { Injectable } from '@nestjs/common';
import type { ClusterDefinition } from '../../cluster/cluster-definition.interface';
import { ProducerRegistry } from '../../producer/producer-registry';
import { ClusterRegistry } from '../../routing/cluster-registry';
import type { SubscriptionGroupDefinition, TopicRoute } from '../../routing/routing-table.interface';
import { plural } from '../html/format';
import { html, type SafeHtml } from '../html/html';
import { badge, card, empty, heading, table } from '../html/widgets';
import type { WebPage } from './web-page.interface';

/**
 * This process's routing table, browsable: clusters → consumer groups → subscription groups → topics →
 * consumer class, with settings and dead-letter topics, then the producers and their clusters. The same
 * facts the log prints at start (brokers, never credentials).
 */
@Injectable()
export class RoutingPage implements WebPage {
  readonly path = '/routing';
  readonly title = 'Routing';
  readonly nav = true;

  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly producers: ProducerRegistry,
  ) {}

  render(): SafeHtml {
    const { clusters, subscriptionGroups } = this.clusters.routing;
    const topics = subscriptionGroups.reduce((sum, group) => sum + group.topics.length, 0);
    const subtitle = `${plural(clusters.length, 'cluster')}, ${plural(subscriptionGroups.length, 'subscription group')}, ${plural(topics, 'topic')} · as routed in this process`;
    const producers = this.producers.all().map(
      (producer) =>
        html`<tr>
          <td class="mono">${producer.name}</td>
          <td><strong>${producer.cluster}</strong></td>
          <td class="mono">${this.clusters.get(producer.cluster).config.connection.brokers.join(', ')}</td>
        </tr>`,
    );
    return html`${heading(this.title, subtitle)}
    ${clusters.map((cluster) =>
      clusterCard(
        cluster,
        subscriptionGroups.filter((group) => group.cluster === cluster),
      ),
    )}
    ${card('Producers', table(['Producer', 'Cluster', 'Brokers'], producers))}`;
  }
}

function clusterCard(cluster: ClusterDefinition, groups: SubscriptionGroupDefinition[]): SafeHtml {
  const { brokers, clientId, sasl, ssl } = cluster.config.connection;
  const security = sasl ? `SASL ${sasl.mechanism}${ssl ? ' over TLS' : ''}` : ssl ? 'TLS' : 'plaintext';
  const title = html`${cluster.name} ${badge(cluster.origin, 'info')}`;
  const aside = html`<span class="mono">${brokers.join(', ')}</span> · client.id
    <span class="mono">${clientId}</span> · ${security}`;
  const groupIds = [...new Set(groups.map((group) => group.groupId))];
  const body =
    groupIds.length === 0
      ? empty('No topics consumed from this cluster.')
      : groupIds.map(
          (groupId) =>
            html`<div class="consumer-group">
              <h3>Consumer group <span class="mono">${groupId}</span></h3>
              ${groups.filter((group) => group.groupId === groupId).map(subscriptionGroup)}
            </div>`,
        );
  return card(title, body, aside);
}

function subscriptionGroup(group: SubscriptionGroupDefinition): SafeHtml {
  const settings = [
    `maxMessages ${group.maxMessages}`,
    `maxWaitTime ${group.maxWaitTime} ms`,
    `initialOffset ${group.initialOffset}`,
    `concurrency ${group.concurrency}`,
  ];
  return html`<div class="subscription-group">
    <h4>Subscription group <span class="mono">${group.id}</span></h4>
    <p class="settings">${settings.map((setting) => html`<span class="chip">${setting}</span>`)}</p>
    ${table(['Topic', 'Consumer', 'Retries', 'Dead letters', 'Deserializer'], group.topics.map(topicRow))}
  </div>`;
}

function topicRow(route: TopicRoute): SafeHtml {
  const { maxRetries, backoffMs, maxBackoffMs, multiplier } = route.retry;
  const dlq = route.deadLetterQueue
    ? html`<span class="mono">${route.deadLetterQueue.topic}</span>
        <span class="muted">after ${route.deadLetterQueue.maxRetries} retries</span>`
    : html`<span class="muted">none</span>`;
  const deserializer = typeof route.deserializer === 'function' ? 'custom' : route.deserializer;
  return html`<tr>
    <td class="mono">${route.topic}</td>
    <td class="mono">${route.className}</td>
    <td>${maxRetries} <span class="muted">(${backoffMs}–${maxBackoffMs} ms ×${multiplier})</span></td>
    <td>${dlq}</td>
    <td>${deserializer}</td>
  </tr>`;
}
