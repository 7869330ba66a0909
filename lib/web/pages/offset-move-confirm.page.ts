import { Inject, Injectable } from '@nestjs/common';
import { ClusterRegistry } from '../../routing/cluster-registry';
import { clusterParam } from '../explorer/explorer-request';
import { html, type SafeHtml } from '../html/html';
import { csrfField, link } from '../html/links';
import { card, heading } from '../html/widgets';
import { WebHttpError } from '../http/web-exchange.interface';
import type { ResolvedWebUiOptions } from '../karafka-web-options.interface';
import { readOffsetMove } from '../offsets/offset-move';
import { WEB_MESSAGES as M } from '../web.messages';
import { WEB_UI_OPTIONS } from '../web.tokens';
import type { PageRequest, WebPage } from './web-page.interface';

export const OFFSET_MOVE_PATH = '/offsets/:cluster/:group/move';

/** The confirmation of an offset move: what moves where, and the CSRF-protected POST that does it. */
@Injectable()
export class OffsetMoveConfirmPage implements WebPage {
  readonly path = OFFSET_MOVE_PATH;
  readonly title = 'Offsets';
  readonly nav = false;

  constructor(
    private readonly clusters: ClusterRegistry,
    @Inject(WEB_UI_OPTIONS) private readonly options: ResolvedWebUiOptions,
  ) {}

  render(request: PageRequest): SafeHtml {
    if (this.options.readOnly) throw new WebHttpError(403, M.readOnlyOffsets());
    const cluster = clusterParam(this.clusters, request.params.cluster);
    const group = request.params.group;
    const move = readOffsetMove(request.query);
    const hidden = (name: string) =>
      html`<input type="hidden" name="${name}" value="${request.query.get(name) ?? ''}" />`;
    return html`${heading('Move consumer group offsets', html`<span class="mono">${group}</span> on ${cluster}`)}
    ${card(
      'Confirm',
      html`<p class="confirm-move">
          Move <strong class="mono">${group}</strong> on <strong>${cluster}</strong>, topic
          <strong class="mono">${move.topic}</strong>,
          ${move.partition === undefined ? 'every partition' : `partition ${move.partition}`}, to
          <strong>${move.description}</strong>.
        </p>
        <form method="post" action="${link(request.base, ['offsets', cluster, group, 'move'])}">
          ${csrfField(request.csrfToken)} ${['topic', 'partition', 'target', 'value'].map(hidden)}
          <p class="actions">
            <button type="submit">Move offsets</button>
            <a href="${link(request.base, ['offsets', cluster, group])}">Cancel</a>
          </p>
        </form>`,
    )}`;
  }
}
