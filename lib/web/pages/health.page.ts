import { Inject, Injectable } from '@nestjs/common';
import { KarafkaAdmin } from '../../admin/karafka-admin';
import type { ConsumerGroupDescription, PartitionLag } from '../../admin/karafka-admin.interface';
import type { ClusterDefinition } from '../../cluster/cluster-definition.interface';
import { ClusterRegistry } from '../../routing/cluster-registry';
import { idleWithLag, lagTrend } from '../health/lag-trend';
import { PartitionHistory } from '../health/partition-history';
import { formatCount, formatDuration, plural } from '../html/format';
import { html, type SafeHtml } from '../html/html';
import { link } from '../html/links';
import { ago, badge, card, empty, heading, sparkline, table } from '../html/widgets';
import type { ResolvedWebUiOptions } from '../karafka-web-options.interface';
import { WEB_UI_OPTIONS } from '../web.tokens';
import { clusterCards } from './cluster-cards';
import type { PageRequest, WebPage } from './web-page.interface';

/**
 * The app's consumer groups on every cluster, per partition: committed offset, high watermark and lag as Kafka
 * says now, the lag's trend and the last change of the committed offset as this process has read them; a lag
 * climbing for longer than `health.lagGrowingForMs`, and a group with lag but no member, are flagged.
 */
@Injectable()
export class HealthPage implements WebPage {
  readonly path = '/health';
  readonly title = 'Health';
  readonly nav = true;

  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly admin: KarafkaAdmin,
    private readonly history: PartitionHistory,
    @Inject(WEB_UI_OPTIONS) private readonly options: ResolvedWebUiOptions,
  ) {}

  async render(request: PageRequest): Promise<SafeHtml> {
    const cards = await clusterCards(
      this.clusters,
      (cluster) =>
        Promise.all(
          this.groupIds(cluster).map((groupId) =>
            this.admin.forCluster(cluster.name).describeConsumerGroup(groupId),
          ),
        ),
      (cluster, groups) =>
        card(
          html`${cluster.name} ${badge(plural(groups.length, 'group'), 'info')}`,
          groups.length === 0
            ? empty('No consumer group of this app on this cluster.')
            : groups.map((group) => this.group(request, cluster.name, group)),
        ),
    );
    const threshold = formatDuration(this.options.health.lagGrowingForMs);
    return html`${heading(
        this.title,
        `Lag per partition of this app's consumer groups; flagged: a lag climbing for ${threshold} or more (health.lagGrowingForMs), and lag in a group without members`,
      )}
      <p class="help">
        Committed offsets, high watermarks and members are read from Kafka on each load. Kafka keeps no time
        of a commit and the reported series holds lag per cluster only, so the trend and the last commit
        change are what this process observed on its loads of this page (live refresh keeps reading while it
        is open; kept in memory, ${formatDuration(this.history.windowMs)} at most).
      </p>
      ${cards}`;
  }

  /** The consumer groups of the routing's subscription groups on this cluster, once each. */
  private groupIds(cluster: ClusterDefinition): string[] {
    const ids = this.clusters.routing.subscriptionGroups
      .filter((group) => group.cluster.name === cluster.name)
      .map((group) => group.groupId);
    return [...new Set(ids)].sort();
  }

  private group(request: PageRequest, cluster: string, group: ConsumerGroupDescription): SafeHtml {
    const lag = group.topics.reduce((sum, topic) => sum + topic.lag, 0);
    const idle = idleWithLag(group.members.length, lag);
    const rows = group.topics.flatMap((topic) =>
      topic.partitions.map((p) => this.partitionRow(request, cluster, group.groupId, topic.topic, p)),
    );
    return html`<div class="health-group${idle ? ' flagged' : ''}" data-group="${group.groupId}">
      <h3>
        <a class="mono" href="${link(request.base, ['offsets', cluster, group.groupId])}">${group.groupId}</a>
        ${badge(group.state, group.members.length > 0 ? 'ok' : 'muted')}
        ${plural(group.members.length, 'member')} · lag ${formatCount(lag)}
        ${idle ? badge('no members, has lag', 'bad') : ''}
      </h3>
      ${
        rows.length === 0
          ? empty('No committed offsets yet.')
          : table(
              [
                'Topic',
                'Partition',
                'Committed',
                'High watermark',
                'Lag',
                'Trend',
                'Committed offset changed',
              ],
              rows,
              [1, 2, 3, 4],
            )
      }
    </div>`;
  }

  private partitionRow(
    request: PageRequest,
    cluster: string,
    groupId: string,
    topic: string,
    p: PartitionLag,
  ): SafeHtml {
    const address = html`data-partition="${topic}/${p.partition}"`;
    if (p.lag === null)
      return html`<tr ${address}>
        <td class="mono">${topic}</td>
        <td class="num">${p.partition}</td>
        <td class="num"><span class="muted">none</span></td>
        <td class="num">${p.highWatermark}</td>
        <td class="num"></td>
        <td></td>
        <td><span class="muted">never committed</span></td>
      </tr>`;
    const key = `${cluster}/${groupId}/${topic}/${p.partition}`;
    const seen = this.history.record(key, request.now, p.committedOffset, p.lag);
    const trend = lagTrend(seen.samples, this.options.health.lagGrowingForMs);
    const change = trend.change > 0 ? `+${formatCount(trend.change)}` : formatCount(trend.change);
    return html`<tr ${address} ${trend.flagged ? html`class="flagged"` : ''}>
      <td class="mono">${topic}</td>
      <td class="num">${p.partition}</td>
      <td class="num">${p.committedOffset}</td>
      <td class="num">${p.highWatermark}</td>
      <td class="num">${formatCount(p.lag)}</td>
      <td class="trend">
        ${sparkline(seen.samples.map((sample) => sample.lag))}
        <span class="muted">${change} over ${formatDuration(request.now - seen.samples[0].at)}</span>
        ${trend.flagged ? badge(`growing for ${formatDuration(trend.growingForMs)}`, 'bad') : ''}
      </td>
      <td>
        ${
          seen.committedChangedAt === undefined
            ? html`<span class="muted">not since first read, ${ago(seen.firstSeenAt, request.now)}</span>`
            : ago(seen.committedChangedAt, request.now)
        }
      </td>
    </tr>`;
  }
}
