import { Inject, Injectable } from '@nestjs/common';
import { errorMessage } from '../../common/error-message';
import { DeadLetterStore, type DeadLetterTopic } from '../dead-letters/dead-letter-store';
import { DEAD_LETTER_COLUMNS, deadLetterRow } from '../dead-letters/dead-letter-row';
import { ReplayLog } from '../dead-letters/replay-log';
import { formatCount, formatTime, plural } from '../html/format';
import { html, type SafeHtml } from '../html/html';
import { link } from '../html/links';
import { badge, card, empty, heading, notice, table } from '../html/widgets';
import type { ResolvedWebUiOptions } from '../karafka-web-options.interface';
import { WEB_UI_OPTIONS } from '../web.tokens';
import type { PageRequest, WebPage } from './web-page.interface';

/** Dead letters shown per topic: the newest, over all partitions. */
export const DEAD_LETTERS_SHOWN = 50;

/** Every dead-letter topic of the routing, per cluster, with its newest dead letters, a replay form and the replays done. */
@Injectable()
export class DeadLettersPage implements WebPage {
  readonly path = '/dead-letters';
  readonly title = 'Dead letters';
  readonly nav = true;

  constructor(
    private readonly store: DeadLetterStore,
    private readonly log: ReplayLog,
    @Inject(WEB_UI_OPTIONS) private readonly options: ResolvedWebUiOptions,
  ) {}

  async render(request: PageRequest): Promise<SafeHtml> {
    const topics = this.store.topics();
    const cards = await Promise.all(topics.map((entry) => this.topicCard(request, entry)));
    const replayed = request.query.get('replayed');
    const done =
      replayed && /^\d+$/.test(replayed)
        ? notice('ok', `Replayed ${plural(Number(replayed), 'dead letter')}.`)
        : '';
    const mode = this.options.readOnly ? ' · read-only: replay is off' : '';
    return html`${heading(this.title, `${plural(topics.length, 'dead-letter topic')} in this app's routing${mode}`)}
    ${done} ${topics.length === 0 ? empty('No topic of the routing has a deadLetterQueue.') : cards}
    ${this.replaysCard(request.now)}`;
  }

  private async topicCard(request: PageRequest, entry: DeadLetterTopic): Promise<SafeHtml> {
    const title = html`<span class="mono">${entry.topic}</span> ${badge(entry.cluster, 'info')}`;
    const aside = html`dead letters of <span class="mono">${entry.sources.join(', ')}</span>`;
    try {
      const marks = await this.store.watermarks(entry);
      const total = marks.reduce((sum, mark) => sum + Number(BigInt(mark.high) - BigInt(mark.low)), 0);
      if (total === 0) return card(title, empty('No dead letters.'), aside);
      const messages = await this.store.latest(entry, marks, DEAD_LETTERS_SHOWN);
      const checkbox = !this.options.readOnly;
      const visible = this.options.payloadVisible(entry.cluster, entry.topic);
      const rows = messages.map((message) =>
        deadLetterRow(request.base, message, {
          visible,
          checkbox,
          replayed: this.store.wasReplayed(message),
        }),
      );
      const columns = checkbox ? ['', ...DEAD_LETTER_COLUMNS] : DEAD_LETTER_COLUMNS;
      const summary = html`<p class="small">
        ${formatCount(total)} in the topic · the newest ${messages.length} shown ·
        <a href="${link(request.base, ['explorer', entry.cluster, entry.topic])}">all in the Explorer</a>
      </p>`;
      if (!checkbox) return card(title, html`${summary}${table(columns, rows)}`, aside);
      // GET: choosing is no change; the confirmation page that follows holds the CSRF-protected POST.
      return card(
        title,
        html`${summary}
          <form
            method="get"
            action="${link(request.base, ['dead-letters', entry.cluster, entry.topic, 'replay'])}"
          >
            ${table(columns, rows)}
            <p class="actions">
              <button type="submit">Replay selected…</button>
              <button type="submit" name="all" value="1">Replay all ${formatCount(total)}…</button>
            </p>
          </form>`,
        aside,
      );
    } catch (error) {
      // The routing names it, but the dead-letter topic is created on its first dead letter (or by migrate).
      if (/does not exist/.test(errorMessage(error)))
        return card(title, empty('No dead letters: the topic does not exist yet.'), aside);
      return card(title, notice('bad', errorMessage(error)), aside);
    }
  }

  private replaysCard(now: number): SafeHtml {
    const records = this.log.all();
    const rows = records.map(
      (record) =>
        html`<tr>
          <td class="mono">${formatTime(record.at)}</td>
          <td>${record.user}</td>
          <td class="mono">${record.cluster} · ${record.topic}</td>
          <td class="num">${record.count}</td>
          <td class="mono">
            ${Object.entries(record.targets)
              .map(([target, count]) => `${count} → ${target}`)
              .join(', ')}
          </td>
        </tr>`,
    );
    return html`<div id="replays">
      ${card(
        'Replays',
        rows.length === 0
          ? empty('No replays from this process yet.')
          : table(['When', 'Who', 'From', 'How many', 'To'], rows, [3]),
        html`by this process, newest first · ${formatTime(now)}`,
      )}
    </div>`;
  }
}
