import type { KafkaMessage } from '../../message/kafka-message.interface';
import { formatBytes, formatTime } from '../html/format';
import { html, type SafeHtml } from '../html/html';
import { link } from '../html/links';
import { badge } from '../html/widgets';
import { viewPayload } from './payload-view';

/** Characters of a payload shown in a list row and on a message's page before "show all". */
export const ROW_PAYLOAD_CHARS = 160;
export const MESSAGE_PAYLOAD_CHARS = 64 * 1024;

/** A key as text, or as hex when it is binary; everything from Kafka is escaped by `html`. */
export function keyText(message: KafkaMessage): SafeHtml {
  if (message.rawKey === null) return html`<span class="muted">null</span>`;
  const view = viewPayload(message.rawKey, 200);
  return view.kind === 'binary'
    ? html`<span class="mono" title="binary key">${message.rawKey.toString('hex').slice(0, 64)}</span>`
    : html`<span class="mono">${view.text}</span>`;
}

export function maskedPayload(): SafeHtml {
  return html`<span class="masked">${badge('masked', 'muted')} payload hidden for this topic</span>`;
}

/** The start of the payload on one line, for a list. */
export function payloadPreview(message: KafkaMessage, visible: boolean): SafeHtml {
  if (!visible) return maskedPayload();
  const view = viewPayload(message.rawPayload, ROW_PAYLOAD_CHARS);
  if (view.kind === 'null') return html`<span class="muted">null (tombstone)</span>`;
  const oneLine = view.text.replace(/\s+/g, ' ');
  return html`<span class="badge badge-muted">${view.kind}</span>
    <span class="mono preview"
      >${oneLine.slice(0, ROW_PAYLOAD_CHARS)}${view.truncated || oneLine.length > ROW_PAYLOAD_CHARS ? '…' : ''}</span
    >`;
}

/** The whole payload (up to the limit unless `full`), with a link to see all of a cut one. */
export function payloadBlock(
  message: KafkaMessage,
  visible: boolean,
  full: boolean,
  fullHref: string,
): SafeHtml {
  if (!visible) return maskedPayload();
  const view = viewPayload(message.rawPayload, full ? Number.MAX_SAFE_INTEGER : MESSAGE_PAYLOAD_CHARS);
  if (view.kind === 'null') return html`<p class="muted">null (a tombstone)</p>`;
  return html`<p class="small">${badge(view.kind, 'info')} ${formatBytes(view.bytes)}</p>
    <pre class="payload">${view.text}</pre>
    ${
      view.truncated
        ? html`<p class="truncated">
            Cut at ${MESSAGE_PAYLOAD_CHARS.toLocaleString('en-US')} characters ·
            <a href="${fullHref}">show all ${formatBytes(view.bytes)}</a>
          </p>`
        : ''
    }`;
}

export function headersTable(message: KafkaMessage): SafeHtml {
  const names = Object.keys(message.headers);
  if (names.length === 0) return html`<p class="muted">No headers.</p>`;
  return html`<table class="inner headers">
    <tbody>
      ${names.map(
        (name) =>
          html`<tr>
            <th class="mono">${name}</th>
            <td class="mono">${message.headers[name] ?? ''}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function messageHref(base: string, message: KafkaMessage): string {
  return link(base, ['explorer', message.cluster, message.topic, message.partition, message.offset]);
}

export function timeText(message: KafkaMessage): string {
  return formatTime(message.timestamp.getTime());
}
