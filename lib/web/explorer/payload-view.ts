/** How a payload is shown: pretty JSON, UTF-8 text, or a hex dump of binary bytes. */
export interface PayloadView {
  kind: 'json' | 'text' | 'binary' | 'null';
  /** What is shown, cut at the limit. */
  text: string;
  /** The payload's size in bytes. */
  bytes: number;
  /** Whether `text` was cut (the page links to the whole payload). */
  truncated: boolean;
}

const DECODER = new TextDecoder('utf-8', { fatal: true });
const HEX_BYTES_PER_LINE = 16;

/**
 * A payload as the Explorer shows it. Valid UTF-8 without control characters (other than tab, CR, LF) is
 * text, and pretty-printed when it parses as a JSON object or array; anything else is a hex dump with the
 * printable ASCII beside it. `limit` bounds the characters shown.
 */
export function viewPayload(value: Buffer | null, limit: number): PayloadView {
  if (value === null) return { kind: 'null', text: '', bytes: 0, truncated: false };
  const text = decodeText(value);
  if (text === undefined) {
    // A dump line is 16 bytes in ~67 characters: only as many bytes as the limit can show are dumped.
    const shown = Math.max(HEX_BYTES_PER_LINE, Math.floor(limit / 67) * HEX_BYTES_PER_LINE);
    return {
      kind: 'binary',
      text: hexDump(value.subarray(0, shown)),
      bytes: value.length,
      truncated: value.length > shown,
    };
  }
  const json = prettyJson(text);
  const shown = json ?? text;
  return {
    kind: json === undefined ? 'text' : 'json',
    text: shown.length > limit ? shown.slice(0, limit) : shown,
    bytes: value.length,
    truncated: shown.length > limit,
  };
}

function decodeText(value: Buffer): string | undefined {
  try {
    const text = DECODER.decode(value);
    // eslint-disable-next-line no-control-regex
    return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) ? undefined : text;
  } catch {
    return undefined;
  }
}

function prettyJson(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return undefined;
  }
}

/** `00000000  7b 22 61 ...  {"a...`, 16 bytes a line. */
export function hexDump(bytes: Buffer): string {
  const lines: string[] = [];
  for (let start = 0; start < bytes.length; start += HEX_BYTES_PER_LINE) {
    const chunk = bytes.subarray(start, start + HEX_BYTES_PER_LINE);
    const hex = [...chunk].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
    const ascii = [...chunk].map((byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.'));
    lines.push(`${start.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii.join('')}`);
  }
  return lines.join('\n');
}
