import { Injectable } from '@nestjs/common';
import { KarafkaAdmin } from '../../admin/karafka-admin';
import type { TopicOverview } from '../../admin/karafka-admin.interface';
import { ClusterRegistry } from '../../routing/cluster-registry';
import { plural } from '../html/format';
import { html, type SafeHtml } from '../html/html';
import { link } from '../html/links';
import { badge, card, empty, heading, table } from '../html/widgets';
import { clusterCards } from './cluster-cards';
import type { PageRequest, WebPage } from './web-page.interface';

/** The Explorer's start: every cluster's topics (filterable by name), each linking to its partitions. */
@Injectable()
export class ExplorerPage implements WebPage {
  readonly path = '/explorer';
  readonly title = 'Explorer';
  readonly nav = true;

  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly admin: KarafkaAdmin,
  ) {}

  async render(request: PageRequest): Promise<SafeHtml> {
    const filter = (request.query.get('q') ?? '').trim();
    const cards = await clusterCards(
      this.clusters,
      (cluster) => this.admin.forCluster(cluster.name).describeTopics(),
      (cluster, topics) => {
        const shown = topics.filter((topic) => topic.name.includes(filter));
        return card(
          html`${cluster.name} ${badge(plural(shown.length, 'topic'), 'info')}`,
          shown.length === 0
            ? empty(filter ? `No topic name contains '${filter}'.` : 'No topics.')
            : table(
                ['Topic', 'Partitions'],
                shown.map((topic) => topicRow(request.base, cluster.name, topic)),
                [1],
              ),
          html`<span class="mono">${cluster.config.connection.brokers.join(', ')}</span>`,
        );
      },
    );
    const form = html`<form class="inline-form" method="get" action="${link(request.base, ['explorer'])}">
      <label>Topic name contains <input type="search" name="q" value="${filter}" /></label>
      <button type="submit">Filter</button>
    </form>`;
    return html`${heading(this.title, 'Read-only: messages are read with the admin, no consumer group joins or commits.')}
    ${form}${cards}`;
  }
}

function topicRow(base: string, cluster: string, topic: TopicOverview): SafeHtml {
  return html`<tr data-topic="${topic.name}">
    <td class="mono"><a href="${link(base, ['explorer', cluster, topic.name])}">${topic.name}</a></td>
    <td class="num">${topic.partitions.length}</td>
  </tr>`;
}
