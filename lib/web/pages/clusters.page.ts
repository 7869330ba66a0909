import { Injectable } from '@nestjs/common';
import { errorMessage } from '../../common/error-message';
import { withTimeout } from '../../common/with-timeout';
import { KarafkaAdmin } from '../../admin/karafka-admin';
import type { ClusterInfo, PartitionDescription, TopicOverview } from '../../admin/karafka-admin.interface';
import { ClusterRegistry } from '../../routing/cluster-registry';
import { plural } from '../html/format';
import { html, type SafeHtml } from '../html/html';
import { badge, card, empty, heading, notice, table } from '../html/widgets';
import { CLUSTER_ANSWER_MS } from './cluster-cards';
import type { WebPage } from './web-page.interface';

interface ClusterState {
  name: string;
  brokers: string[];
  info?: ClusterInfo;
  topics?: TopicOverview[];
  error?: string;
}

/** Per cluster of the app: brokers, controller, topics with partitions, leader/replicas/ISR, under-replication. */
@Injectable()
export class ClustersPage implements WebPage {
  readonly path = '/clusters';
  readonly title = 'Clusters';
  readonly nav = true;

  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly admin: KarafkaAdmin,
  ) {}

  async render(): Promise<SafeHtml> {
    const states = await Promise.all(
      this.clusters.all().map((cluster) => this.describe(cluster.name, cluster.config.connection.brokers)),
    );
    const under = states.reduce(
      (sum, state) =>
        sum + (state.topics ?? []).flatMap((t) => t.partitions).filter(isUnderReplicated).length,
      0,
    );
    const subtitle = `${plural(states.length, 'cluster')} · ${under === 0 ? 'no under-replicated partitions' : plural(under, 'under-replicated partition')}`;
    return html`${heading(this.title, subtitle)}${states.map(clusterCard)}`;
  }

  private async describe(name: string, brokers: string[]): Promise<ClusterState> {
    const admin = this.admin.forCluster(name);
    try {
      const [info, topics] = await withTimeout(
        Promise.all([admin.clusterInfo(), admin.describeTopics()]),
        CLUSTER_ANSWER_MS,
        `cluster '${name}'`,
      );
      return { name, brokers, info, topics };
    } catch (error) {
      return { name, brokers, error: errorMessage(error) };
    }
  }
}

function isUnderReplicated(partition: PartitionDescription): boolean {
  return partition.isr.length < partition.replicas.length || partition.leader < 0;
}

function clusterCard(state: ClusterState): SafeHtml {
  const aside = html`<span class="mono">${state.brokers.join(', ')}</span>`;
  if (state.error || !state.info || !state.topics)
    return card(
      html`${state.name} ${badge('unreachable', 'bad')}`,
      notice('bad', state.error ?? 'no answer'),
      aside,
    );
  const { info, topics } = state;
  const brokers = table(
    ['Node', 'Host', 'Port', 'Role'],
    info.brokers.map(
      (broker) =>
        html`<tr>
          <td class="num">${broker.nodeId}</td>
          <td class="mono">${broker.host}</td>
          <td class="num">${broker.port}</td>
          <td>${broker.nodeId === info.controller ? badge('controller', 'info') : ''}</td>
        </tr>`,
    ),
    [0, 2],
  );
  const topicRows = topics.map(topicRow);
  const facts = html`<dl class="facts">
    <div>
      <dt>Cluster id</dt>
      <dd class="mono">${info.clusterId}</dd>
    </div>
    <div>
      <dt>Controller</dt>
      <dd>${info.controller ?? 'none'}</dd>
    </div>
    <div>
      <dt>Brokers</dt>
      <dd>${info.brokers.length}</dd>
    </div>
    <div>
      <dt>Topics</dt>
      <dd>${topics.length}</dd>
    </div>
  </dl>`;
  return card(
    html`${state.name} ${badge('reachable', 'ok')}`,
    html`${facts}
      <h3>Brokers</h3>
      ${brokers}
      <h3>Topics</h3>
      ${topicRows.length === 0 ? empty('No topics.') : table(['Topic', 'Partitions', 'Replication', 'Under-replicated', 'Leader · replicas · ISR'], topicRows, [1, 2, 3])}`,
    aside,
  );
}

function topicRow(topic: TopicOverview): SafeHtml {
  const under = topic.partitions.filter(isUnderReplicated);
  const partitions = html`<details>
    <summary>${topic.partitions.length} partition${topic.partitions.length === 1 ? '' : 's'}</summary>
    <table class="inner">
      <thead>
        <tr>
          <th>Partition</th>
          <th>Leader</th>
          <th>Replicas</th>
          <th>ISR</th>
          <th>Offline</th>
        </tr>
      </thead>
      <tbody>
        ${topic.partitions.map(
          (p) =>
            html`<tr class="${isUnderReplicated(p) ? 'under-replicated' : ''}">
              <td class="num">${p.partition}</td>
              <td class="num">${p.leader < 0 ? badge('none', 'bad') : p.leader}</td>
              <td>${p.replicas.join(', ')}</td>
              <td>${p.isr.join(', ')}</td>
              <td>${p.offlineReplicas.join(', ')}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </details>`;
  return html`<tr data-topic="${topic.name}" class="${under.length > 0 ? 'under-replicated' : ''}">
    <td class="mono">
      ${topic.name}${topic.name.startsWith('__') ? html` <span class="muted">internal</span>` : ''}
    </td>
    <td class="num">${topic.partitions.length}</td>
    <td class="num">${topic.replicationFactor}</td>
    <td class="num">${under.length > 0 ? badge(String(under.length), 'bad') : '0'}</td>
    <td>${partitions}</td>
  </tr>`;
}
