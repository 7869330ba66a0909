import { Inject, Injectable } from '@nestjs/common';
import { KarafkaAdmin } from '../../admin/karafka-admin';
import type { ConsumerGroupDescription } from '../../admin/karafka-admin.interface';
import { ClusterRegistry } from '../../routing/cluster-registry';
import { clusterParam } from '../explorer/explorer-request';
import { plural } from '../html/format';
import { html, type SafeHtml } from '../html/html';
import { link } from '../html/links';
import { badge, card, empty, heading, notice, table } from '../html/widgets';
import type { ResolvedWebUiOptions } from '../karafka-web-options.interface';
import { WEB_UI_OPTIONS } from '../web.tokens';
import type { PageRequest, WebPage } from './web-page.interface';

/** One consumer group: state, members, committed offset, high watermark and lag per partition, and the move form. */
@Injectable()
export class GroupOffsetsPage implements WebPage {
  readonly path = '/offsets/:cluster/:group';
  readonly title = 'Offsets';
  readonly nav = false;

  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly admin: KarafkaAdmin,
    @Inject(WEB_UI_OPTIONS) private readonly options: ResolvedWebUiOptions,
  ) {}

  async render(request: PageRequest): Promise<SafeHtml> {
    const cluster = clusterParam(this.clusters, request.params.cluster);
    const group = await this.admin.forCluster(cluster).describeConsumerGroup(request.params.group);
    const rows = group.topics.flatMap((topic) =>
      topic.partitions.map(
        (p) =>
          html`<tr data-partition="${topic.topic}/${p.partition}">
            <td class="mono">${topic.topic}</td>
            <td class="num">${p.partition}</td>
            <td class="num">${p.committedOffset ?? html`<span class="muted">none</span>`}</td>
            <td class="num">${p.highWatermark}</td>
            <td class="num">${p.lag ?? ''}</td>
          </tr>`,
      ),
    );
    const moved = request.query.get('moved');
    return html`${heading(
      html`<a href="${link(request.base, ['offsets'])}">Offsets</a> · ${cluster} ·
        <span class="mono">${group.groupId}</span>`,
      html`${badge(group.state, group.members.length > 0 ? 'ok' : 'muted')}
      ${plural(group.members.length, 'running member')}`,
    )}
    ${moved && /^\d+$/.test(moved) ? notice('ok', `Moved ${plural(Number(moved), 'partition')}.`) : ''}
    ${card('Committed offsets', rows.length === 0 ? empty('No committed offsets.') : table(['Topic', 'Partition', 'Committed', 'High watermark', 'Lag'], rows, [1, 2, 3, 4]))}
    ${card('Move offsets', this.moveForm(request, cluster, group))}`;
  }

  private moveForm(request: PageRequest, cluster: string, group: ConsumerGroupDescription): SafeHtml {
    if (this.options.readOnly)
      return notice('muted', 'Read-only (readOnly: true): offsets cannot be moved here.');
    if (group.members.length > 0)
      return notice(
        'warn',
        `The group has ${plural(group.members.length, 'running member')}: stop its consumers to move its offsets (Kafka accepts offsets only for an inactive group).`,
      );
    const topics = group.topics.map((topic) => topic.topic);
    if (topics.length === 0) return empty('No topics to move.');
    // GET: choosing is no change; the confirmation page that follows holds the CSRF-protected POST.
    return html`<form
      class="move-offsets"
      method="get"
      action="${link(request.base, ['offsets', cluster, group.groupId, 'move'])}"
    >
      <label
        >Topic
        <select name="topic">
          ${topics.map((topic) => html`<option value="${topic}">${topic}</option>`)}
        </select></label
      >
      <label>Partition <input name="partition" value="all" size="5" /></label>
      <label
        >To
        <select name="target">
          <option value="earliest">earliest</option>
          <option value="latest">latest</option>
          <option value="offset">offset</option>
          <option value="time">time (UTC)</option>
        </select></label
      >
      <label>Offset or time <input name="value" placeholder="42 or 2024-05-01T12:00:00Z" /></label>
      <button type="submit">Move…</button>
    </form>`;
  }
}
