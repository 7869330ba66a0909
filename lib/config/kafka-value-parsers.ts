import type { ConnectionOptions as TlsOptions } from 'tls';
import { isNonEmptyString } from '../common/is-non-empty-string';
import { isNumberIn } from '../common/is-number-in';
import { isPlainObject } from '../common/is-plain-object';
import { CONFIG_MESSAGES as M } from './config.messages';
import { didYouMean } from './did-you-mean';
import type { CompressionCodec, RetrySettings, SaslMechanism, SaslSettings } from './kafka-config.types';

/**
 * The parsers of the key table: each reads one value (as librdkafka users write it, often as a string)
 * and returns it in the library's shape, or reports a problem naming the key and returns undefined.
 */

/** One key being read: its name, its value, and where to report a problem. */
export interface ReadContext {
  key: string;
  value: unknown;
  problem(message: string): void;
}

export type ValueParser<T> = (c: ReadContext) => T | undefined;

export const MAX_INT32 = 2147483647;

export function parseString(c: ReadContext): string | undefined {
  if (isNonEmptyString(c.value)) return c.value;
  c.problem(M.expectedString(c.key, c.value));
  return undefined;
}

export function parseBoolean(c: ReadContext): boolean | undefined {
  if (typeof c.value === 'boolean') return c.value;
  if (typeof c.value === 'string' && /^(true|false)$/i.test(c.value.trim()))
    return c.value.trim().toLowerCase() === 'true';
  c.problem(M.expectedBoolean(c.key, c.value));
  return undefined;
}

/** A number (or its text, as librdkafka configs often carry it) within `min..max`. */
export function numberIn(min: number, max: number, integer = true): ValueParser<number> {
  return (c) => {
    const raw = typeof c.value === 'string' && c.value.trim() !== '' ? Number(c.value.trim()) : c.value;
    if (isNumberIn(raw, min, max, integer)) return raw;
    c.problem(M.expectedNumber(c.key, c.value, min, max, integer));
    return undefined;
  };
}

/** Case-insensitive enum; `map` keys are the accepted spellings (`shown`: how to list them in messages). */
export function oneOf<T>(map: Record<string, T>, shown = Object.keys(map)): ValueParser<T> {
  return (c) => {
    const spelled =
      typeof c.value === 'string' || typeof c.value === 'number'
        ? String(c.value).trim().toLowerCase()
        : undefined;
    if (spelled !== undefined && Object.prototype.hasOwnProperty.call(map, spelled)) return map[spelled];
    c.problem(M.expectedOneOf(c.key, c.value, shown));
    return undefined;
  };
}

const BROKER = /^(\[[0-9a-fA-F:.]+\]|[^\s:[\]/]+):(\d{1,5})$/;

export function parseBrokers(c: ReadContext): string[] | undefined {
  if (typeof c.value === 'function') {
    c.problem(M.brokersFunction(c.key));
    return undefined;
  }
  let entries: unknown[];
  if (typeof c.value === 'string')
    entries = c.value
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e !== '');
  else if (Array.isArray(c.value)) entries = c.value.map((e) => (typeof e === 'string' ? e.trim() : e));
  else {
    c.problem(M.brokersNotList(c.key));
    return undefined;
  }
  if (entries.length === 0) {
    c.problem(M.brokersEmpty(c.key));
    return undefined;
  }
  let ok = true;
  for (const entry of entries) {
    const match = typeof entry === 'string' ? BROKER.exec(entry) : null;
    const port = match ? Number(match[2]) : 0;
    if (!match || port < 1 || port > 65535) {
      c.problem(M.brokerMalformed(c.key, entry));
      ok = false;
    }
  }
  return ok ? [...new Set(entries as string[])] : undefined;
}

export function parseSslOption(c: ReadContext): boolean | TlsOptions | undefined {
  if (isPlainObject(c.value)) return c.value as TlsOptions;
  return parseBoolean(c);
}

const SASL_MECHANISMS: Record<string, SaslMechanism | 'gssapi'> = {
  plain: 'plain',
  'scram-sha-256': 'scram-sha-256',
  'scram-sha-512': 'scram-sha-512',
  oauthbearer: 'oauthbearer',
  gssapi: 'gssapi',
};

/** `aws` exists only in kafkajs' `sasl` object (it needs fields librdkafka has no keys for). */
export function parseSaslMechanism(c: ReadContext, allowAws = false): SaslMechanism | undefined {
  const mechanism = oneOf<SaslMechanism | 'gssapi'>(
    allowAws ? { ...SASL_MECHANISMS, aws: 'aws' } : SASL_MECHANISMS,
  )(c);
  if (mechanism === 'gssapi') {
    c.problem(M.gssapiUnsupported(c.key));
    return undefined;
  }
  return mechanism;
}

export function parseSaslObject(c: ReadContext): SaslSettings | undefined {
  if (!isPlainObject(c.value)) {
    c.problem(M.notAnObject(c.key));
    return undefined;
  }
  const mechanism = parseSaslMechanism({ ...c, key: 'sasl.mechanism', value: c.value.mechanism }, true);
  return mechanism ? { ...c.value, mechanism } : undefined;
}

export const RETRY_FIELDS: Record<keyof RetrySettings, ValueParser<number>> = {
  retries: numberIn(0, Number.MAX_SAFE_INTEGER),
  initialRetryTime: numberIn(1, 300000),
  maxRetryTime: numberIn(1, MAX_INT32),
  factor: numberIn(0, 1, false),
  multiplier: numberIn(1, 100, false),
};

export function parseRetryObject(c: ReadContext): RetrySettings | undefined {
  if (!isPlainObject(c.value)) {
    c.problem(M.notAnObject(c.key));
    return undefined;
  }
  const retry: RetrySettings = {};
  let ok = true;
  for (const [field, value] of Object.entries(c.value)) {
    if (value === undefined) continue;
    const parse = RETRY_FIELDS[field as keyof RetrySettings];
    const key = `${c.key}.${field}`;
    if (!parse) {
      c.problem(M.unsupportedKey(key, didYouMean(field, Object.keys(RETRY_FIELDS))));
      ok = false;
      continue;
    }
    const parsed = parse({ ...c, key, value });
    if (parsed === undefined) ok = false;
    else retry[field as keyof RetrySettings] = parsed;
  }
  return ok ? retry : undefined;
}

export function parseAcks(c: ReadContext): -1 | 0 | 1 | undefined {
  return oneOf<-1 | 0 | 1>({ all: -1, '-1': -1, '0': 0, '1': 1 }, ['all', '-1', '0', '1'])(c);
}

const KAFKAJS_COMPRESSION: Record<string, CompressionCodec> = {
  '0': 'none',
  '1': 'gzip',
  '2': 'snappy',
  '3': 'lz4',
  '4': 'zstd',
};

export function parseCompression(c: ReadContext): CompressionCodec | undefined {
  const codec = oneOf<CompressionCodec>({
    none: 'none',
    gzip: 'gzip',
    snappy: 'snappy',
    lz4: 'lz4',
    zstd: 'zstd',
    ...(c.key === 'compression' ? KAFKAJS_COMPRESSION : {}),
  })(c);
  if (codec === 'snappy' || codec === 'lz4' || codec === 'zstd') {
    c.problem(M.compressionUnsupported(c.key, codec));
    return undefined;
  }
  return codec;
}

export function parseAutoCommit(c: ReadContext): false | undefined {
  const value = parseBoolean(c);
  if (value === true) c.problem(M.autoCommitUnsupported(c.key));
  return value === false ? false : undefined;
}
