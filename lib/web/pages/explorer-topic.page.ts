import { Injectable } from '@nestjs/common';
import { KarafkaAdmin } from '../../admin/karafka-admin';
import { ClusterRegistry } from '../../routing/cluster-registry';
import { explorerTopicNotFound } from '../explorer/explorer-errors';
import { clusterParam } from '../explorer/explorer-request';
import { formatCount, plural } from '../html/format';
import { html, type SafeHtml } from '../html/html';
import { link } from '../html/links';
import { card, heading, table } from '../html/widgets';
import type { PageRequest, WebPage } from './web-page.interface';

/** One topic of a cluster: its partitions with low and high watermarks and how many messages lie between. */
@Injectable()
export class ExplorerTopicPage implements WebPage {
  readonly path = '/explorer/:cluster/:topic';
  readonly title = 'Explorer';
  readonly nav = false;

  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly admin: KarafkaAdmin,
  ) {}

  async render(request: PageRequest): Promise<SafeHtml> {
    const cluster = clusterParam(this.clusters, request.params.cluster);
    const topic = request.params.topic;
    const admin = this.admin.forCluster(cluster);
    const marks = await explorerTopicNotFound(cluster, topic, admin.readWatermarkOffsets(topic));
    const total = marks.reduce((sum, mark) => sum + (BigInt(mark.high) - BigInt(mark.low)), 0n);
    const rows = marks.map(
      (mark) =>
        html`<tr data-partition="${mark.partition}">
          <td class="num">
            <a href="${link(request.base, ['explorer', cluster, topic, mark.partition])}"
              >${mark.partition}</a
            >
          </td>
          <td class="num">${mark.low}</td>
          <td class="num">${mark.high}</td>
          <td class="num">${formatCount(Number(BigInt(mark.high) - BigInt(mark.low)))}</td>
        </tr>`,
    );
    return html`${heading(html`<a href="${link(request.base, ['explorer'])}">Explorer</a> · ${cluster} · <span class="mono">${topic}</span>`, `${plural(marks.length, 'partition')} · ${formatCount(Number(total))} messages in range`)}
    ${card('Partitions', table(['Partition', 'Low watermark', 'High watermark', 'Messages'], rows, [0, 1, 2, 3]))}`;
  }
}
