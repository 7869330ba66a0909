import { Inject, Injectable } from '@nestjs/common';
import { KarafkaAdmin } from '../../admin/karafka-admin';
import { ClusterRegistry } from '../../routing/cluster-registry';
import { explorerTopicNotFound } from '../explorer/explorer-errors';
import { explorerCrumbs } from '../explorer/explorer-heading';
import { offsetParam, partitionAddress } from '../explorer/explorer-request';
import { headersTable, keyText, messageHref, payloadBlock, timeText } from '../explorer/message-widgets';
import { html, type SafeHtml } from '../html/html';
import { link } from '../html/links';
import { card, heading, notice } from '../html/widgets';
import { WebHttpError } from '../http/web-exchange.interface';
import type { ResolvedWebUiOptions } from '../karafka-web-options.interface';
import { WEB_UI_OPTIONS } from '../web.tokens';
import type { PageRequest, WebPage } from './web-page.interface';

/** One message: key, headers, timestamp and payload (cut at 64 KiB of text unless `?full=1`). */
@Injectable()
export class ExplorerMessagePage implements WebPage {
  readonly path = '/explorer/:cluster/:topic/:partition/:offset';
  readonly title = 'Explorer';
  readonly nav = false;

  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly admin: KarafkaAdmin,
    @Inject(WEB_UI_OPTIONS) private readonly options: ResolvedWebUiOptions,
  ) {}

  async render(request: PageRequest): Promise<SafeHtml> {
    const { cluster, topic, partition } = partitionAddress(this.clusters, request.params);
    const offset = offsetParam('offset', request.params.offset);
    if (offset === undefined) throw new WebHttpError(400, 'An offset is required.');
    const admin = this.admin.forCluster(cluster);
    const [message] = await explorerTopicNotFound(
      cluster,
      topic,
      admin.readTopic(topic, partition, 1, offset, { deserializer: 'raw' }),
    );
    const partitionHref = link(request.base, ['explorer', cluster, topic, partition], { offset });
    // A compacted or deleted offset reads as the next one there is (or nothing past the end).
    if (!message || message.offset !== offset)
      return html`${heading(explorerCrumbs(request.base, [cluster, topic, partition, offset]))}
      ${notice(
        'warn',
        html`No message at offset ${offset} (deleted, compacted or not written yet).
          ${message ? html`The next one is <a href="${messageHref(request.base, message)}">${message.offset}</a>.` : ''}
          <a href="${partitionHref}">Back to the partition</a>.`,
      )}`;
    const full = request.query.get('full') === '1';
    const visible = this.options.payloadVisible(cluster, topic);
    const facts = html`<dl class="facts">
      <div>
        <dt>Offset</dt>
        <dd class="mono">${message.offset}</dd>
      </div>
      <div>
        <dt>Timestamp</dt>
        <dd>${timeText(message)}</dd>
      </div>
      <div>
        <dt>Key</dt>
        <dd>${keyText(message)}</dd>
      </div>
      <div>
        <dt>Partition</dt>
        <dd><a href="${partitionHref}">${partition}</a></dd>
      </div>
    </dl>`;
    return html`${heading(explorerCrumbs(request.base, [cluster, topic, partition, offset]))}
    ${card('Message', facts)} ${card('Headers', headersTable(message))}
    ${card('Payload', payloadBlock(message, visible, full, link(request.base, ['explorer', cluster, topic, partition, offset], { full: 1 })))}`;
  }
}
