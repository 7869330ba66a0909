import { Inject, Injectable } from '@nestjs/common';
import { KarafkaAdmin } from '../../admin/karafka-admin';
import type { KafkaMessage } from '../../message/kafka-message.interface';
import { ClusterRegistry } from '../../routing/cluster-registry';
import { explorerTopicNotFound } from '../explorer/explorer-errors';
import { explorerCrumbs } from '../explorer/explorer-heading';
import { partitionAddress } from '../explorer/explorer-request';
import { keyText, messageHref, payloadPreview, timeText } from '../explorer/message-widgets';
import { matchesSearch, searchChunks, type SearchQuery } from '../explorer/search-plan';
import { formatCount, formatDuration } from '../html/format';
import { html, type SafeHtml } from '../html/html';
import { link } from '../html/links';
import { card, empty, heading, notice, table } from '../html/widgets';
import { WebHttpError } from '../http/web-exchange.interface';
import type { ResolvedWebUiOptions } from '../karafka-web-options.interface';
import { WEB_MESSAGES as M } from '../web.messages';
import { WEB_UI_OPTIONS } from '../web.tokens';
import type { PageRequest, WebPage } from './web-page.interface';

/** A search scans `scan` messages (newest first; one of these, the first by default), in chunks, and stops after this long. */
export const SEARCH_SCANS = [10_000, 1_000, 100_000] as const;
export const SEARCH_CHUNK = 2_000;
export const SEARCH_MAX_MS = 5_000;
const SEARCH_MAX_FOUND = 100;

/** Search one partition, newest first, by exact key and/or payload substring; bounded in messages and time, and says what it scanned. */
@Injectable()
export class ExplorerSearchPage implements WebPage {
  readonly path = '/search/:cluster/:topic/:partition';
  readonly title = 'Explorer';
  readonly nav = false;

  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly admin: KarafkaAdmin,
    @Inject(WEB_UI_OPTIONS) private readonly options: ResolvedWebUiOptions,
  ) {}

  async render(request: PageRequest): Promise<SafeHtml> {
    const { cluster, topic, partition } = partitionAddress(this.clusters, request.params);
    const query: SearchQuery = {
      key: request.query.get('key') || undefined,
      contains: request.query.get('contains') || undefined,
    };
    const scanText = request.query.get('scan') ?? String(SEARCH_SCANS[0]);
    const maxScan = SEARCH_SCANS.find((choice) => String(choice) === scanText);
    if (maxScan === undefined)
      throw new WebHttpError(400, M.badQuery('scan', scanText, `one of ${SEARCH_SCANS.join(', ')}`));
    const visible = this.options.payloadVisible(cluster, topic);
    const here = link(request.base, ['search', cluster, topic, partition]);
    const form = html`<form class="inline-form" method="get" action="${here}">
      <label>Key is <input name="key" value="${query.key ?? ''}" /></label>
      <label
        >Payload contains
        <input
          name="contains"
          value="${query.contains ?? ''}"
          ${visible ? '' : html`disabled title="payloads of this topic are masked"`}
      /></label>
      <label
        >in the newest
        <select name="scan">
          ${[...SEARCH_SCANS].sort((a, b) => a - b).map((choice) => html`<option value="${choice}" ${choice === maxScan ? 'selected' : ''}>${formatCount(choice)}</option>`)}
        </select>
        messages</label
      >
      <button type="submit">Search</button>
    </form>`;
    const title = heading(explorerCrumbs(request.base, [cluster, topic, partition]), 'Search, newest first');
    if (query.key === undefined && query.contains === undefined) return html`${title}${card('Search', form)}`;
    if (query.contains !== undefined && !visible)
      throw new WebHttpError(403, "This topic's payloads are masked: search it by key only.");

    const admin = this.admin.forCluster(cluster);
    const marks = await explorerTopicNotFound(cluster, topic, admin.readWatermarkOffsets(topic));
    const mark = marks.find((candidate) => candidate.partition === partition);
    if (!mark)
      throw new WebHttpError(404, `Topic '${topic}' on cluster '${cluster}' has no partition ${partition}.`);
    const started = Date.now();
    const found: KafkaMessage[] = [];
    let scanned = 0;
    let lowest: string | undefined;
    let stoppedBy: string | undefined;
    for (const chunk of searchChunks(mark, maxScan, SEARCH_CHUNK)) {
      if (Date.now() - started > SEARCH_MAX_MS) {
        stoppedBy = `the time limit (${formatDuration(SEARCH_MAX_MS)})`;
        break;
      }
      const messages = await admin.readTopic(topic, partition, chunk.count, chunk.from, {
        deserializer: 'raw',
      });
      scanned += messages.length;
      lowest = chunk.from;
      for (const message of [...messages].reverse())
        if (matchesSearch(message, query, visible)) found.push(message);
      if (found.length >= SEARCH_MAX_FOUND) {
        stoppedBy = `${SEARCH_MAX_FOUND} matches`;
        break;
      }
    }
    const total = BigInt(mark.high) - BigInt(mark.low);
    if (!stoppedBy && BigInt(scanned) < total)
      stoppedBy = `the scan limit (${formatCount(maxScan)} messages)`;
    const range = lowest === undefined ? 'nothing' : `offsets ${lowest}–${BigInt(mark.high) - 1n}`;
    const summary = html`<p class="search-summary">
      Scanned <strong>${formatCount(scanned)}</strong> of ${formatCount(Number(total))} messages (${range}) in
      ${formatDuration(Date.now() - started)}${stoppedBy ? `, stopped by ${stoppedBy}` : ''} ·
      ${formatCount(found.length)} found
    </p>`;
    const rows = found.map(
      (message) =>
        html`<tr data-offset="${message.offset}">
          <td class="num"><a href="${messageHref(request.base, message)}">${message.offset}</a></td>
          <td class="mono">${timeText(message)}</td>
          <td>${keyText(message)}</td>
          <td class="payload-cell">${payloadPreview(message, visible)}</td>
        </tr>`,
    );
    return html`${title}${card('Search', form)}
    ${card('Results', html`${summary}${rows.length === 0 ? empty('No message matches.') : table(['Offset', 'Time', 'Key', 'Payload'], rows, [0])}`)}
    ${stoppedBy && found.length === 0 ? notice('muted', 'Older messages were not scanned.') : ''}`;
  }
}
