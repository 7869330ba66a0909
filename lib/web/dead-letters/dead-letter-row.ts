import type { KafkaMessage } from '../../message/kafka-message.interface';
import { html, type SafeHtml } from '../html/html';
import { link } from '../html/links';
import { badge } from '../html/widgets';
import { keyText, messageHref, payloadPreview, timeText } from '../explorer/message-widgets';
import { readDeadLetter } from './dead-letter-info';

/** A dead letter's row: where it lies, where it came from, why it died, and (optionally) a checkbox. */
export function deadLetterRow(
  base: string,
  message: KafkaMessage,
  options: { visible: boolean; replayed: boolean; checkbox: boolean },
): SafeHtml {
  const info = readDeadLetter(message.headers, message.cluster);
  const value = `${message.partition}:${message.offset}`;
  const source = info.sourceTopic
    ? html`<span class="mono">${info.sourceCluster}</span> ·
        <a
          class="mono"
          href="${link(base, ['explorer', info.sourceCluster, info.sourceTopic, info.sourcePartition ?? 0], { offset: info.sourceOffset })}"
          >${info.sourceTopic}</a
        >
        <span class="muted">[${info.sourcePartition ?? '?'}] @ ${info.sourceOffset ?? '?'}</span>`
    : html`<span class="muted">unknown (no source_topic header)</span>`;
  return html`<tr data-dead-letter="${value}">
    ${options.checkbox ? html`<td><input type="checkbox" name="m" value="${value}" aria-label="select ${value}" /></td>` : ''}
    <td class="mono">
      <a href="${messageHref(base, message)}">${value}</a>
    </td>
    <td class="mono">${timeText(message)}</td>
    <td>${source}</td>
    <td class="num">${info.attempts ?? '?'}</td>
    <td class="error-text">
      ${info.errorClass ? html`<strong>${info.errorClass}</strong>: ` : ''}${info.errorMessage ?? ''}
    </td>
    <td>${keyText(message)}</td>
    <td class="payload-cell">${payloadPreview(message, options.visible)}</td>
    <td>
      ${options.replayed ? badge('replayed here', 'warn') : ''}
      ${info.replayOf ? html`<span title="${info.replayOf}">${badge('a replay that failed again', 'warn')}</span>` : ''}
    </td>
  </tr>`;
}

export const DEAD_LETTER_COLUMNS = [
  'Dead letter',
  'Time',
  'Source',
  'Attempts',
  'Reason',
  'Key',
  'Payload',
  '',
];
