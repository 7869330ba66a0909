import { Injectable } from '@nestjs/common';
import { KarafkaAdmin } from '../../admin/karafka-admin';
import { ClusterRegistry } from '../../routing/cluster-registry';
import { plural } from '../html/format';
import { html, type SafeHtml } from '../html/html';
import { link } from '../html/links';
import { badge, card, empty, heading, table } from '../html/widgets';
import { clusterCards } from './cluster-cards';
import type { PageRequest, WebPage } from './web-page.interface';

/** The Offsets page's start: every cluster's consumer groups (filterable), this app's own marked. */
@Injectable()
export class OffsetsPage implements WebPage {
  readonly path = '/offsets';
  readonly title = 'Offsets';
  readonly nav = true;

  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly admin: KarafkaAdmin,
  ) {}

  async render(request: PageRequest): Promise<SafeHtml> {
    const filter = (request.query.get('q') ?? '').trim();
    const own = new Set(
      this.clusters.routing.subscriptionGroups.map((group) => `${group.cluster.name}/${group.groupId}`),
    );
    const cards = await clusterCards(
      this.clusters,
      (cluster) => this.admin.forCluster(cluster.name).listConsumerGroups(),
      (cluster, groups) => {
        const shown = groups.filter((group) => group.groupId.includes(filter));
        const rows = shown.map(
          (group) =>
            html`<tr data-group="${group.groupId}">
              <td class="mono">
                <a href="${link(request.base, ['offsets', cluster.name, group.groupId])}">${group.groupId}</a>
              </td>
              <td>${own.has(`${cluster.name}/${group.groupId}`) ? badge('this app', 'info') : ''}</td>
            </tr>`,
        );
        return card(
          html`${cluster.name} ${badge(plural(shown.length, 'group'), 'info')}`,
          rows.length === 0 ? empty('No consumer groups.') : table(['Consumer group', ''], rows),
        );
      },
    );
    const form = html`<form class="inline-form" method="get" action="${link(request.base, ['offsets'])}">
      <label>Group id contains <input type="search" name="q" value="${filter}" /></label>
      <button type="submit">Filter</button>
    </form>`;
    return html`${heading(this.title, 'Move a stopped consumer group to earliest, latest, an offset or a time')}${form}${cards}`;
  }
}
