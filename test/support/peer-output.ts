/**
 * Parses what the independent peer clients print (kcat's JSON lines, Kafka's console consumer) into
 * one shape. Pure: no I/O, unit-tested in test/unit/support/peer-output.spec.ts.
 */

/** Header values as the peer saw them; a key sent several times keeps every value, in order. */
export type PeerHeaderValue = string | null | Array<string | null>;
export type PeerHeaders = Record<string, PeerHeaderValue>;

/** One record as read by a peer client. Keys, values and headers are decoded as UTF-8 text. */
export interface PeerMessage {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: PeerHeaders;
}

/**
 * Separators for the console consumer. Control characters, so tabs and newlines inside keys and
 * values survive; the console consumer has no header key separator option, it always prints `key:value`.
 */
export const CONSOLE_SEPARATORS = {
  field: '\x1f',
  record: '\x1e',
  header: '\x1d',
  nullLiteral: '\x19null',
} as const;

/** `--property` arguments that make the console consumer print what parseConsoleConsumerOutput reads. */
export function consoleConsumerProperties(): string[] {
  const properties = [
    'print.partition=true',
    'print.offset=true',
    'print.headers=true',
    'print.key=true',
    'print.value=true',
    `key.separator=${CONSOLE_SEPARATORS.field}`,
    `line.separator=${CONSOLE_SEPARATORS.record}`,
    `headers.separator=${CONSOLE_SEPARATORS.header}`,
    `null.literal=${CONSOLE_SEPARATORS.nullLiteral}`,
  ];
  return properties.flatMap((property) => ['--property', property]);
}

/** Sorts by partition, then offset, so results do not depend on how the peer interleaved partitions. */
export function sortByPosition(messages: PeerMessage[]): PeerMessage[] {
  return [...messages].sort((a, b) => a.partition - b.partition || compareOffsets(a.offset, b.offset));
}

/** Parses `kcat -C -J` output: one JSON object per line, headers as a flat [k1, v1, k2, v2, ...] array. */
export function parseKcatJsonLines(output: string): PeerMessage[] {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`kcat output line ${index + 1} is not JSON: ${line.slice(0, 200)}`);
      }
      const flat = (record.headers as Array<string | null> | undefined) ?? [];
      const headers: PeerHeaders = {};
      for (let i = 0; i < flat.length; i += 2) addHeader(headers, String(flat[i]), flat[i + 1] ?? null);
      return {
        partition: Number(record.partition),
        offset: String(record.offset),
        key: (record.key as string | null | undefined) ?? null,
        value: (record.payload as string | null | undefined) ?? null,
        headers,
      };
    });
}

/**
 * Parses console consumer output printed with consoleConsumerProperties():
 * `Partition:<p><F>Offset:<o><F><headers or NO_HEADERS><F><key><F><value><R>`.
 */
export function parseConsoleConsumerOutput(output: string): PeerMessage[] {
  const { field, record, header, nullLiteral } = CONSOLE_SEPARATORS;
  return output
    .split(record)
    .filter((chunk) => chunk.trim() !== '')
    .map((chunk) => {
      const fields = chunk.split(field);
      if (fields.length < 5) {
        throw new Error(
          `console consumer printed an unexpected record: ${JSON.stringify(chunk.slice(0, 200))}`,
        );
      }
      const [partitionField, offsetField, headerField, key, ...valueParts] = fields;
      const value = valueParts.join(field);
      const headers: PeerHeaders = {};
      if (headerField !== 'NO_HEADERS') {
        for (const pair of headerField.split(header)) {
          const colon = pair.indexOf(':');
          if (colon < 0)
            throw new Error(`console consumer printed a header without ':': ${JSON.stringify(pair)}`);
          const headerValue = pair.slice(colon + 1);
          addHeader(headers, pair.slice(0, colon), headerValue === nullLiteral ? null : headerValue);
        }
      }
      return {
        partition: Number(stripLabel(partitionField.trim(), 'Partition:')),
        offset: stripLabel(offsetField, 'Offset:'),
        key: key === nullLiteral ? null : key,
        value: value === nullLiteral ? null : value,
        headers,
      };
    });
}

function addHeader(headers: PeerHeaders, key: string, value: string | null): void {
  if (!(key in headers)) {
    headers[key] = value;
    return;
  }
  const existing = headers[key];
  headers[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
}

function stripLabel(text: string, label: string): string {
  if (!text.startsWith(label)) {
    throw new Error(`console consumer printed ${JSON.stringify(text)} where '${label}<n>' was expected`);
  }
  return text.slice(label.length);
}

function compareOffsets(a: string, b: string): number {
  const difference = BigInt(a) - BigInt(b);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}
