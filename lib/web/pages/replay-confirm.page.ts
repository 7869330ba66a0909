import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { clusterParam } from '../explorer/explorer-request';
import { DeadLetterStore } from '../dead-letters/dead-letter-store';
import { DEAD_LETTER_COLUMNS, deadLetterRow } from '../dead-letters/dead-letter-row';
import { readDeadLetter } from '../dead-letters/dead-letter-info';
import { formatReplaySelection, parseReplaySelection, selectAll } from '../dead-letters/replay-selection';
import { plural } from '../html/format';
import { html, type SafeHtml } from '../html/html';
import { csrfField, link } from '../html/links';
import { card, heading, notice, table } from '../html/widgets';
import { WebHttpError } from '../http/web-exchange.interface';
import type { ResolvedWebUiOptions } from '../karafka-web-options.interface';
import { ClusterRegistry } from '../../routing/cluster-registry';
import { WEB_MESSAGES as M } from '../web.messages';
import { WEB_UI_OPTIONS } from '../web.tokens';
import type { PageRequest, WebPage } from './web-page.interface';

export const REPLAY_PATH = '/dead-letters/:cluster/:topic/replay';

/**
 * The confirmation step of a replay: the chosen dead letters and where each goes; dead letters replayed
 * before need one more tick. Its POST carries a one-time nonce, so sending the form twice replays once.
 */
@Injectable()
export class ReplayConfirmPage implements WebPage {
  readonly path = REPLAY_PATH;
  readonly title = 'Dead letters';
  readonly nav = false;

  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly store: DeadLetterStore,
    @Inject(WEB_UI_OPTIONS) private readonly options: ResolvedWebUiOptions,
  ) {}

  async render(request: PageRequest): Promise<SafeHtml> {
    if (this.options.readOnly) throw new WebHttpError(403, M.readOnly());
    const entry = this.store.known(clusterParam(this.clusters, request.params.cluster), request.params.topic);
    const picks =
      request.query.get('all') === '1'
        ? selectAll(await this.store.watermarks(entry))
        : parseReplaySelection(request.query.getAll('m'));
    const messages = await this.store.read(entry, picks);
    const visible = this.options.payloadVisible(entry.cluster, entry.topic);
    const again = messages.filter(
      (message) => this.store.wasReplayed(message) || readDeadLetter(message.headers, entry.cluster).replayOf,
    );
    const targets = new Map<string, number>();
    for (const message of messages) {
      const info = readDeadLetter(message.headers, entry.cluster);
      const target = `${info.sourceCluster} · ${info.sourceTopic ?? '(no source_topic)'}`;
      targets.set(target, (targets.get(target) ?? 0) + 1);
    }
    const rows = messages.map((message) =>
      deadLetterRow(request.base, message, {
        visible,
        checkbox: false,
        replayed: this.store.wasReplayed(message),
      }),
    );
    const action = link(request.base, ['dead-letters', entry.cluster, entry.topic, 'replay']);
    const form = html`<form method="post" action="${action}" class="confirm-replay">
      ${csrfField(request.csrfToken)}
      <input type="hidden" name="messages" value="${formatReplaySelection(picks)}" />
      <input type="hidden" name="nonce" value="${randomBytes(12).toString('base64url')}" />
      ${
        again.length > 0
          ? html`${notice('warn', `${plural(again.length, 'of these was', 'of these were')} replayed before: replaying again sends ${again.length === 1 ? 'it' : 'them'} once more.`)}
              <label
                ><input type="checkbox" name="again" value="1" required /> Replay
                ${again.length === 1 ? 'it' : 'them'} again</label
              >`
          : ''
      }
      <p class="actions">
        <button type="submit">Replay ${plural(messages.length, 'dead letter')}</button>
        <a href="${link(request.base, ['dead-letters'])}">Cancel</a>
      </p>
    </form>`;
    return html`${heading('Replay dead letters', html`from <span class="mono">${entry.topic}</span> on ${entry.cluster}`)}
    ${card(
      'Where they go',
      html`<ul>
          ${[...targets].map(([target, count]) => html`<li>${plural(count, 'message')} to <strong class="mono">${target}</strong></li>`)}
        </ul>
        ${form}`,
    )}
    ${card(plural(messages.length, 'dead letter'), table(DEAD_LETTER_COLUMNS, rows))}`;
  }
}
