import type { ConnectionOptions as TlsOptions } from 'tls';
import { CONFIG_MESSAGES as M } from './config.messages';
import { didYouMean } from './did-you-mean';
import { DEFAULT_CLIENT_ID } from './karafka.defaults';
import type {
  CompressionCodec,
  ConfigProblem,
  ConnectionSettings,
  ConsumerSettings,
  KafkaConfigInput,
  NormalizedKafkaConfig,
  ProducerSettings,
  RetrySettings,
  SaslMechanism,
  SaslSettings,
  TlsFiles,
} from './kafka-config.types';

/**
 * The one place where librdkafka keys (as Karafka users write them) and kafkajs' own config shape become
 * the library's `NormalizedKafkaConfig`. Pure: no I/O, no defaults from the environment.
 *
 * Decisions worth knowing:
 * - `'request.timeout.ms'` is librdkafka's producer ack timeout → `producer.ackTimeoutMs`; it also sets
 *   kafkajs' client-side `connection.requestTimeout` (otherwise kafkajs would give up before the broker does),
 *   unless `'socket.timeout.ms'` / `requestTimeout` set that one explicitly.
 * - `'ssl.*.location'` paths go to `connection.tlsFiles`; the driver reads them. `'ssl.ca.location': 'probe'`
 *   means "system CAs", which is Node's default, so nothing is stored.
 * - Structured kafkajs values (`sasl`, `ssl`, `retry` objects) are read first; the matching dotted keys override
 *   their fields, whatever the key order (so `inherit: true` can override just `'sasl.password'`).
 * - `'transactional.id'` implies idempotence and idempotence implies acks = all (librdkafka's rules).
 * - A key whose value is `undefined` counts as not set (the JS/kafkajs convention for optional settings).
 * - Brokers are not required here: the caller knows whether this hash must name a cluster.
 */

type SecurityProtocol = 'plaintext' | 'ssl' | 'sasl_plaintext' | 'sasl_ssl';

interface Draft {
  brokers?: string[];
  clientId?: string;
  protocol?: SecurityProtocol;
  sslOption?: boolean | TlsOptions;
  tls: Record<string, unknown>;
  tlsFiles: TlsFiles;
  /** Dotted TLS keys given, for messages. */
  tlsKeys: string[];
  saslObject?: SaslSettings;
  sasl: Record<string, unknown>;
  saslKeys: string[];
  connectionTimeout?: number;
  authenticationTimeout?: number;
  requestTimeout?: number;
  ackTimeout?: number;
  retryObject?: RetrySettings;
  retry: RetrySettings;
  idempotentGiven?: boolean;
  consumer: ConsumerSettings;
  producer: ProducerSettings;
}

interface ReadContext {
  key: string;
  value: unknown;
  problem(message: string): void;
}

interface KeySpec<T = any> {
  /** Aliases: every key naming this setting. */
  keys: readonly string[];
  /** The settings the key writes; used by `mergeKafkaInput` to let an override replace every alias. */
  settings: readonly string[];
  /** Returns the parsed value, or undefined after reporting a problem. */
  parse(c: ReadContext): T | undefined;
  write(d: Draft, value: T, key: string): void;
}

const MAX_INT32 = 2147483647;

// ---------------------------------------------------------------------------------------------- parsers

function parseString(c: ReadContext): string | undefined {
  if (typeof c.value === 'string' && c.value.trim() !== '') return c.value;
  c.problem(M.expectedString(c.key, c.value));
  return undefined;
}

function parseBoolean(c: ReadContext): boolean | undefined {
  if (typeof c.value === 'boolean') return c.value;
  if (typeof c.value === 'string' && /^(true|false)$/i.test(c.value.trim()))
    return c.value.trim().toLowerCase() === 'true';
  c.problem(M.expectedBoolean(c.key, c.value));
  return undefined;
}

function numberIn(min: number, max: number, integer = true): (c: ReadContext) => number | undefined {
  return (c) => {
    const raw = typeof c.value === 'string' && c.value.trim() !== '' ? Number(c.value.trim()) : c.value;
    if (
      typeof raw === 'number' &&
      Number.isFinite(raw) &&
      raw >= min &&
      raw <= max &&
      (!integer || Number.isInteger(raw))
    ) {
      return raw;
    }
    c.problem(M.expectedNumber(c.key, c.value, min, max, integer));
    return undefined;
  };
}

/** Case-insensitive enum; `map` keys are the accepted spellings (`shown`: how to list them in messages). */
function oneOf<T>(map: Record<string, T>, shown = Object.keys(map)): (c: ReadContext) => T | undefined {
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

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

const BROKER = /^(\[[0-9a-fA-F:.]+\]|[^\s:[\]/]+):(\d{1,5})$/;

function parseBrokers(c: ReadContext): string[] | undefined {
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

function parseSslOption(c: ReadContext): boolean | TlsOptions | undefined {
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
function parseSaslMechanism(c: ReadContext, allowAws = false): SaslMechanism | undefined {
  const mechanism = oneOf<SaslMechanism | 'gssapi'>(
    allowAws ? { ...SASL_MECHANISMS, aws: 'aws' } : SASL_MECHANISMS,
  )(c);
  if (mechanism === 'gssapi') {
    c.problem(M.gssapiUnsupported(c.key));
    return undefined;
  }
  return mechanism;
}

function parseSaslObject(c: ReadContext): SaslSettings | undefined {
  if (!isPlainObject(c.value)) {
    c.problem(M.notAnObject(c.key));
    return undefined;
  }
  const mechanism = parseSaslMechanism({ ...c, key: 'sasl.mechanism', value: c.value.mechanism }, true);
  return mechanism ? { ...c.value, mechanism } : undefined;
}

const RETRY_FIELDS: Record<keyof RetrySettings, (c: ReadContext) => number | undefined> = {
  retries: numberIn(0, Number.MAX_SAFE_INTEGER),
  initialRetryTime: numberIn(1, 300000),
  maxRetryTime: numberIn(1, MAX_INT32),
  factor: numberIn(0, 1, false),
  multiplier: numberIn(1, 100, false),
};

function parseRetryObject(c: ReadContext): RetrySettings | undefined {
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

function parseAcks(c: ReadContext): -1 | 0 | 1 | undefined {
  return oneOf<-1 | 0 | 1>({ all: -1, '-1': -1, '0': 0, '1': 1 }, ['all', '-1', '0', '1'])(c);
}

const KAFKAJS_COMPRESSION: Record<string, CompressionCodec> = {
  '0': 'none',
  '1': 'gzip',
  '2': 'snappy',
  '3': 'lz4',
  '4': 'zstd',
};

function parseCompression(c: ReadContext): CompressionCodec | undefined {
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

function parseAutoCommit(c: ReadContext): false | undefined {
  const value = parseBoolean(c);
  if (value === true) c.problem(M.autoCommitUnsupported(c.key));
  return value === false ? false : undefined;
}

/** For `'ssl.endpoint.identification.algorithm': 'none'`; one shared function keeps configs comparable. */
const acceptAnyHostname = (): undefined => undefined;

// ---------------------------------------------------------------------------------------------- key table

function spec<T>(
  keys: readonly string[],
  settings: string | readonly string[],
  parse: (c: ReadContext) => T | undefined,
  write: (d: Draft, value: T, key: string) => void,
): KeySpec<T> {
  return { keys, settings: typeof settings === 'string' ? [settings] : settings, parse, write };
}

/** A harmless librdkafka key that Karafka configs often carry: accepted with one value, ignored, reason given. */
function ignored(key: string, accepted: boolean, reason: string): KeySpec<boolean> {
  return spec(
    [key],
    key,
    (c) => {
      const value = parseBoolean(c);
      if (value !== undefined && value !== accepted) c.problem(M.ignoredValueOnly(key, accepted, reason));
      return value;
    },
    () => undefined,
  );
}

const tlsValue = (field: string) => (d: Draft, value: unknown, key: string) => {
  d.tls[field] = value;
  d.tlsKeys.push(key);
};
const tlsFile = (field: keyof TlsFiles) => (d: Draft, path: string, key: string) => {
  if (!(field === 'ca' && path.toLowerCase() === 'probe')) d.tlsFiles[field] = path;
  d.tlsKeys.push(key);
};
const saslValue = (field: string) => (d: Draft, value: unknown, key: string) => {
  d.sasl[field] = value;
  d.saslKeys.push(key);
};

const SSL_SETTINGS = [
  'ssl.enabled',
  'ssl.ca',
  'ssl.cert',
  'ssl.key',
  'ssl.passphrase',
  'ssl.verify',
  'ssl.hostname',
];
const SASL_SETTINGS = ['sasl.enabled', 'sasl.mechanism', 'sasl.username', 'sasl.password'];
const RETRY_SETTINGS = Object.keys(RETRY_FIELDS).map((f) => `retry.${f}`);

const SPECS: KeySpec[] = [
  // connection
  spec(
    ['bootstrap.servers', 'metadata.broker.list', 'brokers'],
    'brokers',
    parseBrokers,
    (d, v) => (d.brokers = v),
  ),
  spec(['client.id', 'clientId'], 'clientId', parseString, (d, v) => (d.clientId = v)),
  spec(
    ['security.protocol'],
    ['ssl.enabled', 'sasl.enabled'],
    oneOf<SecurityProtocol>({
      plaintext: 'plaintext',
      ssl: 'ssl',
      sasl_plaintext: 'sasl_plaintext',
      sasl_ssl: 'sasl_ssl',
    }),
    (d, v) => (d.protocol = v),
  ),
  spec(['ssl'], SSL_SETTINGS, parseSslOption, (d, v) => (d.sslOption = v)),
  spec(['ssl.ca.location'], 'ssl.ca', parseString, tlsFile('ca')),
  spec(['ssl.certificate.location'], 'ssl.cert', parseString, tlsFile('cert')),
  spec(['ssl.key.location'], 'ssl.key', parseString, tlsFile('key')),
  spec(['ssl.ca.pem'], 'ssl.ca', parseString, tlsValue('ca')),
  spec(['ssl.certificate.pem'], 'ssl.cert', parseString, tlsValue('cert')),
  spec(['ssl.key.pem'], 'ssl.key', parseString, tlsValue('key')),
  spec(['ssl.key.password'], 'ssl.passphrase', parseString, tlsValue('passphrase')),
  spec(['enable.ssl.certificate.verification'], 'ssl.verify', parseBoolean, tlsValue('rejectUnauthorized')),
  // 'https' is Node's behaviour already; only 'none' changes anything.
  spec(
    ['ssl.endpoint.identification.algorithm'],
    'ssl.hostname',
    oneOf({ https: 'https', none: 'none' }),
    (d, v, key) => {
      if (v === 'none') tlsValue('checkServerIdentity')(d, acceptAnyHostname, key);
    },
  ),
  spec(['sasl'], [...SASL_SETTINGS, 'sasl.extra'], parseSaslObject, (d, v) => (d.saslObject = v)),
  spec(
    ['sasl.mechanism', 'sasl.mechanisms'],
    'sasl.mechanism',
    (c) => parseSaslMechanism(c),
    saslValue('mechanism'),
  ),
  spec(['sasl.username'], 'sasl.username', parseString, saslValue('username')),
  spec(['sasl.password'], 'sasl.password', parseString, saslValue('password')),
  spec(
    ['socket.connection.setup.timeout.ms', 'connectionTimeout'],
    'connectionTimeout',
    numberIn(1, MAX_INT32),
    (d, v) => (d.connectionTimeout = v),
  ),
  spec(
    ['authenticationTimeout'],
    'authenticationTimeout',
    numberIn(1, MAX_INT32),
    (d, v) => (d.authenticationTimeout = v),
  ),
  spec(
    ['socket.timeout.ms', 'requestTimeout'],
    'requestTimeout',
    numberIn(10, 300000),
    (d, v) => (d.requestTimeout = v),
  ),
  spec(['request.timeout.ms'], 'ackTimeout', numberIn(1, 900000), (d, v) => (d.ackTimeout = v)),
  spec(['retry'], RETRY_SETTINGS, parseRetryObject, (d, v) => (d.retryObject = v)),
  spec(
    ['retry.backoff.ms'],
    'retry.initialRetryTime',
    numberIn(1, 300000),
    (d, v) => (d.retry.initialRetryTime = v),
  ),
  spec(
    ['retry.backoff.max.ms'],
    'retry.maxRetryTime',
    numberIn(1, 300000),
    (d, v) => (d.retry.maxRetryTime = v),
  ),
  spec(
    ['retries', 'message.send.max.retries'],
    'retry.retries',
    numberIn(0, MAX_INT32),
    (d, v) => (d.retry.retries = v),
  ),

  // consumer
  spec(['group.id', 'groupId'], 'groupId', parseString, (d, v) => (d.consumer.groupId = v)),
  spec(
    ['session.timeout.ms', 'sessionTimeout'],
    'sessionTimeout',
    numberIn(1, 3600000),
    (d, v) => (d.consumer.sessionTimeout = v),
  ),
  spec(
    ['heartbeat.interval.ms', 'heartbeatInterval'],
    'heartbeatInterval',
    numberIn(1, 3600000),
    (d, v) => (d.consumer.heartbeatInterval = v),
  ),
  spec(
    ['max.poll.interval.ms', 'rebalanceTimeout'],
    'rebalanceTimeout',
    numberIn(1, 86400000),
    (d, v) => (d.consumer.rebalanceTimeout = v),
  ),
  spec(
    ['fetch.max.bytes', 'maxBytes'],
    'maxBytes',
    numberIn(1, MAX_INT32),
    (d, v) => (d.consumer.maxBytes = v),
  ),
  spec(
    ['max.partition.fetch.bytes', 'fetch.message.max.bytes', 'maxBytesPerPartition'],
    'maxBytesPerPartition',
    numberIn(1, 1000000000),
    (d, v) => (d.consumer.maxBytesPerPartition = v),
  ),
  spec(
    ['fetch.min.bytes', 'minBytes'],
    'minBytes',
    numberIn(1, 100000000),
    (d, v) => (d.consumer.minBytes = v),
  ),
  spec(
    ['fetch.wait.max.ms', 'maxWaitTimeInMs'],
    'maxWaitTimeInMs',
    numberIn(0, 300000),
    (d, v) => (d.consumer.maxWaitTimeInMs = v),
  ),
  spec(
    ['isolation.level', 'readUncommitted'],
    'isolation',
    (c) =>
      c.key === 'readUncommitted'
        ? parseBoolean(c)
        : oneOf({ read_committed: false, read_uncommitted: true })(c),
    (d, v) => (d.consumer.readUncommitted = v),
  ),
  spec(['client.rack', 'rackId'], 'rackId', parseString, (d, v) => (d.consumer.rackId = v)),
  spec(
    ['auto.offset.reset'],
    'autoOffsetReset',
    oneOf<'earliest' | 'latest'>({
      earliest: 'earliest',
      smallest: 'earliest',
      beginning: 'earliest',
      latest: 'latest',
      largest: 'latest',
      end: 'latest',
    }),
    (d, v) => (d.consumer.autoOffsetReset = v),
  ),
  spec(['enable.auto.commit', 'autoCommit'], 'autoCommit', parseAutoCommit, () => undefined),
  ignored(
    'enable.auto.offset.store',
    false,
    'nestjs-karafka stores offsets itself once consume() returns, as Karafka does',
  ),
  ignored('enable.partition.eof', false, 'partition EOF events are not used'),
  ignored('api.version.request', true, 'kafkajs always negotiates API versions'),

  // both consumer and producer
  spec(
    ['allow.auto.create.topics', 'allowAutoTopicCreation'],
    'allowAutoTopicCreation',
    parseBoolean,
    (d, v) => {
      d.consumer.allowAutoTopicCreation = v;
      d.producer.allowAutoTopicCreation = v;
    },
  ),
  spec(['metadata.max.age.ms', 'metadataMaxAge'], 'metadataMaxAge', numberIn(1, 86400000), (d, v) => {
    d.consumer.metadataMaxAge = v;
    d.producer.metadataMaxAge = v;
  }),
  spec(
    ['max.in.flight.requests.per.connection', 'max.in.flight', 'maxInFlightRequests'],
    'maxInFlightRequests',
    numberIn(1, 1000000),
    (d, v) => {
      d.consumer.maxInFlightRequests = v;
      d.producer.maxInFlightRequests = v;
    },
  ),

  // producer
  spec(['request.required.acks', 'acks'], 'acks', parseAcks, (d, v) => (d.producer.acks = v)),
  spec(['enable.idempotence', 'idempotent'], 'idempotent', parseBoolean, (d, v) => {
    d.producer.idempotent = v;
    d.idempotentGiven = true;
  }),
  spec(
    ['compression.codec', 'compression.type', 'compression'],
    'compression',
    parseCompression,
    (d, v) => (d.producer.compression = v),
  ),
  spec(
    ['linger.ms', 'queue.buffering.max.ms'],
    'lingerMs',
    numberIn(0, 900000, false),
    (d, v) => (d.producer.lingerMs = v),
  ),
  spec(
    ['batch.num.messages'],
    'batchNumMessages',
    numberIn(1, 1000000),
    (d, v) => (d.producer.batchNumMessages = v),
  ),
  spec(
    ['transactional.id', 'transactionalId'],
    'transactionalId',
    parseString,
    (d, v) => (d.producer.transactionalId = v),
  ),
  spec(
    ['transaction.timeout.ms', 'transactionTimeout'],
    'transactionTimeout',
    numberIn(1000, MAX_INT32),
    (d, v) => (d.producer.transactionTimeout = v),
  ),
  spec(
    ['message.timeout.ms', 'delivery.timeout.ms'],
    'deliveryTimeoutMs',
    numberIn(1, MAX_INT32),
    (d, v) => (d.producer.deliveryTimeoutMs = v),
  ),
];

/** librdkafka/kafkajs keys we know but cannot honour, with the reason and what to do instead. */
const UNSUPPORTED: Record<string, string> = {
  'statistics.interval.ms': `kafkajs has no librdkafka statistics; nestjs-karafka emits 'statistics.emitted' on KarafkaMonitor from its own counters`,
  'partition.assignment.strategy': 'kafkajs assigns partitions with its own round-robin assigner',
  'group.instance.id': 'kafkajs does not support static group membership',
  'group.protocol': 'kafkajs speaks only the classic consumer group protocol',
  'group.remote.assignor': 'kafkajs speaks only the classic consumer group protocol',
  'auto.commit.interval.ms': 'offsets are committed after each consumed batch, not on an interval',
  'queued.min.messages': `kafkajs has no local pre-fetch queue; tune 'fetch.max.bytes' / 'max.partition.fetch.bytes'`,
  'queued.max.messages.kbytes': `kafkajs has no local pre-fetch queue; tune 'fetch.max.bytes' / 'max.partition.fetch.bytes'`,
  'queue.buffering.max.messages': `produceAsync batches are bounded by 'batch.num.messages' and 'linger.ms'`,
  'queue.buffering.max.kbytes': `produceAsync batches are bounded by 'batch.num.messages' and 'linger.ms'`,
  'batch.size': `kafkajs batches by message count: use 'batch.num.messages'`,
  'compression.level': `kafkajs' gzip codec has no level setting`,
  partitioner: `kafkajs partitions keys with its murmur2 (Java-compatible) partitioner; librdkafka's partitioners do not apply`,
  createPartitioner: 'custom partitioners are not supported; set the partition on the message instead',
  debug: `kafkajs' logs go through Nest's Logger; pass forRoot({ logCreator }) to handle them yourself`,
  logLevel: 'kafkajs logging is configured once, with forRoot({ logCreator })',
  logCreator: 'pass logCreator to forRoot(), not inside a kafka hash',
  'ssl.keystore.location': `PKCS#12 keystores are not read; use 'ssl.certificate.location' + 'ssl.key.location' (PEM) or ssl: { pfx, passphrase }`,
  'ssl.keystore.password': `PKCS#12 keystores are not read; use 'ssl.key.password' with PEM files or ssl: { pfx, passphrase }`,
  'ssl.cipher.suites': 'pass Node TLS options instead: ssl: { ciphers }',
  'ssl.curves.list': 'pass Node TLS options instead: ssl: { ecdhCurve }',
  'ssl.sigalgs.list': 'pass Node TLS options instead: ssl: { sigalgs }',
  'topic.metadata.refresh.interval.ms': `use 'metadata.max.age.ms'`,
  'reconnect.backoff.ms': `kafkajs reconnects with its retry backoff: use 'retry.backoff.ms'`,
  'reconnect.backoff.max.ms': `kafkajs reconnects with its retry backoff: use 'retry.backoff.max.ms'`,
  'socket.keepalive.enable': 'kafkajs manages its sockets itself',
  'socket.nagle.disable': 'kafkajs manages its sockets itself',
  socketFactory: `custom sockets are not supported by nestjs-karafka's kafkajs driver`,
  enforceRequestTimeout: 'kafkajs always enforces the request timeout in nestjs-karafka',
};
const UNSUPPORTED_PREFIXES: Record<string, string> = {
  'sasl.kerberos.': 'GSSAPI (Kerberos) is not supported by kafkajs',
  'sasl.oauthbearer.': `kafkajs gets OAUTHBEARER tokens from a provider: sasl: { mechanism: 'oauthbearer', oauthBearerProvider }`,
};

const SPEC_BY_KEY = new Map<string, KeySpec>(
  SPECS.flatMap((s) => s.keys.map((k) => [k, s] as [string, KeySpec])),
);

/** Every key `normalizeKafkaConfig` understands (for docs and suggestions). */
export const SUPPORTED_KAFKA_KEYS: readonly string[] = [...SPEC_BY_KEY.keys()];

function unsupportedReason(key: string): string | undefined {
  if (UNSUPPORTED[key]) return UNSUPPORTED[key];
  const prefix = Object.keys(UNSUPPORTED_PREFIXES).find((p) => key.startsWith(p));
  return prefix ? UNSUPPORTED_PREFIXES[prefix] : undefined;
}

// ---------------------------------------------------------------------------------------------- normalising

/**
 * Maps one kafka hash (librdkafka keys and/or kafkajs' shape) to the library's settings. Never throws:
 * every problem is returned, each naming `where` and the key at fault.
 */
export function normalizeKafkaConfig(
  input: KafkaConfigInput,
  where: string,
): { config: NormalizedKafkaConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const problem = (message: string) => problems.push({ where, message });
  const draft: Draft = {
    tls: {},
    tlsFiles: {},
    tlsKeys: [],
    sasl: {},
    saslKeys: [],
    retry: {},
    consumer: {},
    producer: {},
  };

  if (!isPlainObject(input)) {
    problem(M.notAnObject(where));
    return { config: finalize(draft, problem), problems };
  }

  const seen = new Map<KeySpec, { key: string; parsed: string }>();
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    const keySpec = SPEC_BY_KEY.get(key);
    if (!keySpec) {
      const reason = unsupportedReason(key);
      problem(
        reason
          ? M.unsupportedKeyBecause(key, reason)
          : M.unsupportedKey(key, didYouMean(key, SUPPORTED_KAFKA_KEYS)),
      );
      continue;
    }
    if (value === null) {
      problem(M.nullValue(key));
      continue;
    }
    const parsed = keySpec.parse({ key, value, problem });
    if (parsed === undefined) continue;
    const earlier = seen.get(keySpec);
    if (earlier) {
      if (earlier.parsed !== fingerprint(parsed)) problem(M.aliasesTogether([earlier.key, key]));
      continue;
    }
    seen.set(keySpec, { key, parsed: fingerprint(parsed) });
    keySpec.write(draft, parsed, key);
  }
  return { config: finalize(draft, problem), problems };
}

function finalize(d: Draft, problem: (message: string) => void): NormalizedKafkaConfig {
  const sasl = finalizeSasl(d, problem);
  const connection: ConnectionSettings = {
    brokers: d.brokers ?? [],
    clientId: d.clientId ?? DEFAULT_CLIENT_ID,
    ...finalizeSsl(d, problem),
    ...compact({
      sasl,
      connectionTimeout: d.connectionTimeout,
      authenticationTimeout: d.authenticationTimeout,
      requestTimeout: d.requestTimeout ?? d.ackTimeout,
      retry: finalizeRetry(d, problem),
    }),
  };
  // kafkajs' `sasl` object alone enables SASL (kafkajs' rule); librdkafka's keys need 'security.protocol'.
  if (d.protocol === undefined && d.saslKeys.length > 0 && !d.saslObject)
    problem(M.saslWithoutProtocol(d.saslKeys));
  if (connection.tlsFiles === undefined) delete connection.tlsFiles;
  return {
    connection,
    consumer: finalizeConsumer(d, problem),
    producer: finalizeProducer(d, connection.retry, problem),
  };
}

function finalizeSsl(
  d: Draft,
  problem: (message: string) => void,
): Pick<ConnectionSettings, 'ssl' | 'tlsFiles'> {
  let sslOn: boolean;
  if (d.protocol) {
    sslOn = d.protocol === 'ssl' || d.protocol === 'sasl_ssl';
    if (d.sslOption !== undefined && Boolean(d.sslOption) !== sslOn)
      problem(M.sslConflict(d.protocol, d.sslOption));
    const saslOn = d.protocol.startsWith('sasl_');
    const saslGiven = [...d.saslKeys, ...(d.saslObject ? ['sasl'] : [])];
    if (saslOn && saslGiven.length === 0) problem(M.saslWithoutMechanism(d.protocol));
    if (!saslOn && saslGiven.length > 0) problem(M.saslWithoutProtocol(saslGiven));
  } else {
    sslOn = Boolean(d.sslOption);
  }
  if (!sslOn) {
    if (d.tlsKeys.length > 0) problem(M.tlsWithoutSsl(d.tlsKeys));
    return { ssl: false };
  }
  const tls = compact({ ...(isPlainObject(d.sslOption) ? d.sslOption : {}), ...d.tls });
  const tlsFiles = compact({ ...d.tlsFiles });
  for (const field of ['ca', 'cert', 'key'] as const) {
    if (tlsFiles[field] !== undefined && tls[field] !== undefined) {
      problem(
        M.aliasesTogether([
          `ssl.${field === 'cert' ? 'certificate' : field}.location`,
          `ssl.${field === 'cert' ? 'certificate' : field}.pem`,
        ]),
      );
    }
  }
  return {
    ssl: Object.keys(tls).length > 0 ? (tls as TlsOptions) : true,
    tlsFiles: Object.keys(tlsFiles).length > 0 ? tlsFiles : undefined,
  };
}

function finalizeSasl(d: Draft, problem: (message: string) => void): SaslSettings | undefined {
  if (!d.saslObject && d.saslKeys.length === 0) return undefined;
  const fields = { ...d.saslObject, ...d.sasl } as Record<string, unknown>;
  const mechanism = fields.mechanism as SaslMechanism | undefined;
  if (!mechanism) {
    problem(M.saslMechanismMissing());
    return undefined;
  }
  const missing = (names: string[]) => names.filter((n) => typeof fields[n] !== 'string' || fields[n] === '');
  if (mechanism === 'oauthbearer') {
    if (typeof fields.oauthBearerProvider !== 'function') problem(M.oauthNeedsProvider());
  } else if (mechanism === 'aws') {
    const absent = missing(['authorizationIdentity', 'accessKeyId', 'secretAccessKey']);
    if (absent.length > 0) problem(M.awsNeedsCredentials(absent));
  } else {
    const absent = missing(['username', 'password']);
    if (absent.length > 0)
      problem(
        M.saslNeedsCredentials(
          mechanism,
          absent.map((n) => `sasl.${n}`),
        ),
      );
  }
  return { ...fields, mechanism } as SaslSettings;
}

function finalizeRetry(d: Draft, problem: (message: string) => void): RetrySettings | undefined {
  const retry = compact({ ...d.retryObject, ...d.retry });
  if (Object.keys(retry).length === 0) return undefined;
  if (
    retry.initialRetryTime !== undefined &&
    retry.maxRetryTime !== undefined &&
    retry.initialRetryTime > retry.maxRetryTime
  ) {
    problem(M.retryBackoffAboveMax(retry.initialRetryTime, retry.maxRetryTime));
  }
  return retry;
}

function finalizeConsumer(d: Draft, problem: (message: string) => void): ConsumerSettings {
  const { heartbeatInterval, sessionTimeout } = d.consumer;
  if (
    heartbeatInterval !== undefined &&
    sessionTimeout !== undefined &&
    heartbeatInterval >= sessionTimeout
  ) {
    problem(M.heartbeatNotBelowSession(heartbeatInterval, sessionTimeout));
  }
  return compact(d.consumer);
}

function finalizeProducer(
  d: Draft,
  retry: RetrySettings | undefined,
  problem: (message: string) => void,
): ProducerSettings {
  const p: ProducerSettings = { ...d.producer, ackTimeoutMs: d.ackTimeout };
  if (p.transactionalId !== undefined) {
    if (p.idempotent === false && d.idempotentGiven) problem(M.transactionalNotIdempotent());
    else p.idempotent = true;
  }
  if (p.idempotent) {
    if (p.acks === undefined) p.acks = -1;
    else if (p.acks !== -1) problem(M.idempotenceNeedsAcksAll(p.acks));
    if (retry?.retries === 0) problem(M.idempotenceNeedsRetries());
    if (p.maxInFlightRequests !== undefined && p.maxInFlightRequests > 5)
      problem(M.idempotenceMaxInFlight(p.maxInFlightRequests));
  }
  if (p.deliveryTimeoutMs !== undefined && p.lingerMs !== undefined && p.deliveryTimeoutMs <= p.lingerMs) {
    problem(M.deliveryTimeoutBelowLinger(p.deliveryTimeoutMs, p.lingerMs));
  }
  if (
    p.deliveryTimeoutMs !== undefined &&
    p.transactionTimeout !== undefined &&
    p.deliveryTimeoutMs > p.transactionTimeout
  ) {
    problem(M.deliveryTimeoutAboveTransaction(p.deliveryTimeoutMs, p.transactionTimeout));
  }
  return compact(p);
}

/** Drops undefined fields so settings compare and print cleanly. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

// ---------------------------------------------------------------------------------------------- helpers

function settingsOf(key: string): readonly string[] {
  return SPEC_BY_KEY.get(key)?.settings ?? [`key:${key}`];
}

/**
 * Key-wise merge for `inherit: true`: the override wins, and it replaces every alias of the settings it sets
 * (`brokers` replaces `'bootstrap.servers'`, `sasl: {...}` replaces `'sasl.*'`). A base key survives when
 * it also sets something the override does not (e.g. base `sasl` object vs override `'sasl.password'`:
 * the dotted key then overrides that one field when normalised).
 */
export function mergeKafkaInput(base: KafkaConfigInput, override: KafkaConfigInput): KafkaConfigInput {
  const overridden = new Set<string>();
  for (const [key, value] of Object.entries(override)) {
    if (value !== undefined) settingsOf(key).forEach((s) => overridden.add(s));
  }
  const merged: KafkaConfigInput = {};
  for (const [key, value] of Object.entries(base)) {
    if (!settingsOf(key).every((s) => overridden.has(s))) merged[key] = value;
  }
  for (const [key, value] of Object.entries(override)) {
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}

/** Whether the hash names brokers (under any alias). */
export function hasBrokers(input: KafkaConfigInput): boolean {
  return Object.entries(input).some(
    ([key, value]) => value !== undefined && settingsOf(key).includes('brokers'),
  );
}

/** The `client.id` written in the hash (under any alias), not the default. */
export function explicitClientId(input: KafkaConfigInput): string | undefined {
  const entry = Object.entries(input).find(
    ([key, value]) => typeof value === 'string' && settingsOf(key).includes('clientId'),
  );
  return entry?.[1] as string | undefined;
}

/** `plaintext`, `ssl`, `sasl_plaintext` or `sasl_ssl`, as librdkafka spells it. */
export function securityProtocolOf(connection: ConnectionSettings): SecurityProtocol {
  const tls = Boolean(connection.ssl);
  if (connection.sasl) return tls ? 'sasl_ssl' : 'sasl_plaintext';
  return tls ? 'ssl' : 'plaintext';
}

/** Stable identity of a cluster: security flavour + sorted, lowercased brokers, e.g. `plaintext://a:1,b:2`. */
export function clusterIdentity(connection: ConnectionSettings): string {
  const brokers = [...new Set(connection.brokers.map((b) => b.toLowerCase()))].sort();
  return `${securityProtocolOf(connection)}://${brokers.join(',')}`;
}

const functionIds = new WeakMap<object, number>();
let nextFunctionId = 0;

/**
 * A stable string for comparing settings (key order ignored, functions by reference, Buffers by content).
 * Two configs with equal fingerprints behave the same.
 */
export function fingerprint(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  if (typeof value === 'function') {
    if (!functionIds.has(value)) functionIds.set(value, nextFunctionId++);
    return `[function#${functionIds.get(value)}]`;
  }
  if (Buffer.isBuffer(value)) return `[buffer:${value.toString('base64')}]`;
  if (Array.isArray(value)) return value.map(canonical);
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.keys(value)
        .filter((k) => value[k] !== undefined)
        .sort()
        .map((k) => [k, canonical(value[k])]),
    );
  }
  return value;
}
