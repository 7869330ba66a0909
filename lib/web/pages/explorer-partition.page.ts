import { Inject, Injectable } from '@nestjs/common';
import { KarafkaAdmin } from '../../admin/karafka-admin';
import { ClusterRegistry } from '../../routing/cluster-registry';
import { explorerTopicNotFound } from '../explorer/explorer-errors';
import { explorerCrumbs } from '../explorer/explorer-heading';
import { offsetParam, pageParam, partitionAddress, timeParam } from '../explorer/explorer-request';
import { messagePage } from '../explorer/message-paging';
import { keyText, messageHref, payloadPreview, timeText } from '../explorer/message-widgets';
import { formatCount, formatTime } from '../html/format';
import { html, type SafeHtml } from '../html/html';
import { link } from '../html/links';
import { card, empty, heading, notice, pager, table } from '../html/widgets';
import { WebHttpError } from '../http/web-exchange.interface';
import type { ResolvedWebUiOptions } from '../karafka-web-options.interface';
import { WEB_UI_OPTIONS } from '../web.tokens';
import type { PageRequest, WebPage } from './web-page.interface';

export const EXPLORER_PAGE_SIZE = 25;

/** A partition's messages, newest first, a page at a time, with a jump to an offset. */
@Injectable()
export class ExplorerPartitionPage implements WebPage {
  readonly path = '/explorer/:cluster/:topic/:partition';
  readonly title = 'Explorer';
  readonly nav = false;

  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly admin: KarafkaAdmin,
    @Inject(WEB_UI_OPTIONS) private readonly options: ResolvedWebUiOptions,
  ) {}

  async render(request: PageRequest): Promise<SafeHtml> {
    const { cluster, topic, partition } = partitionAddress(this.clusters, request.params);
    const time = timeParam(request.query.get('time'));
    const admin = this.admin.forCluster(cluster);
    // A time jumps to the first message at or after it (the broker's time index), then pages as an offset does.
    const atTime = time && (await admin.readTopic(topic, partition, 1, time, { deserializer: 'raw' }))[0];
    const offset = atTime ? atTime.offset : offsetParam('offset', request.query.get('offset'));
    const marks = await explorerTopicNotFound(cluster, topic, admin.readWatermarkOffsets(topic));
    const mark = marks.find((candidate) => candidate.partition === partition);
    if (!mark)
      throw new WebHttpError(
        404,
        `Topic '${topic}' on cluster '${cluster}' has no partition ${partition} (it has ${marks.length}).`,
      );
    const { low, high } = mark;
    const page = messagePage({ low, high }, EXPLORER_PAGE_SIZE, {
      page: pageParam(request.query.get('page')),
      offset,
    });
    const count = Number(BigInt(page.to) - BigInt(page.from));
    const messages =
      count === 0 ? [] : await admin.readTopic(topic, partition, count, page.from, { deserializer: 'raw' });
    const visible = this.options.payloadVisible(cluster, topic);
    const rows = [...messages].reverse().map(
      (message) =>
        html`<tr data-offset="${message.offset}" class="${message.offset === offset ? 'highlight' : ''}">
          <td class="num"><a href="${messageHref(request.base, message)}">${message.offset}</a></td>
          <td class="mono">${timeText(message)}</td>
          <td>${keyText(message)}</td>
          <td class="num">${Object.keys(message.headers).length}</td>
          <td class="payload-cell">${payloadPreview(message, visible)}</td>
        </tr>`,
    );
    const here = link(request.base, ['explorer', cluster, topic, partition]);
    const jump = html`<form class="inline-form" method="get" action="${here}">
        <label>Jump to offset <input name="offset" inputmode="numeric" value="${offset ?? ''}" /></label>
        <button type="submit">Go</button>
      </form>
      <form class="inline-form" method="get" action="${here}">
        <label
          >or to a time (UTC)
          <input
            type="datetime-local"
            step="1"
            name="time"
            value="${time ? time.toISOString().slice(0, 19) : ''}"
        /></label>
        <button type="submit">Go</button>
      </form>
      <p class="small">
        <a href="${link(request.base, ['search', cluster, topic, partition])}"
          >Search this partition by key or payload</a
        >
      </p>
      ${time && !atTime ? notice('warn', `No message at or after ${formatTime(time.getTime())}: showing the newest.`) : ''}`;
    const subtitle = `offsets ${low}–${high} (high watermark, exclusive) · ${formatCount(page.total)} messages · newest first`;
    return html`${heading(explorerCrumbs(request.base, [cluster, topic, partition]), subtitle)}
    ${card(
      `Offsets ${page.from}–${count === 0 ? page.from : BigInt(page.to) - 1n}`,
      html`${jump}
      ${rows.length === 0 ? empty('No messages in this partition.') : table(['Offset', 'Time', 'Key', 'Headers', 'Payload'], rows, [0, 3])}
      ${pager((n) => link(request.base, ['explorer', cluster, topic, partition], { page: n }), page.page, page.pages, page.total)}`,
    )}`;
  }
}
