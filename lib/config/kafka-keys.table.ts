import type { KafkaConfigDraft as Draft } from './kafka-config-draft';
import { CONFIG_MESSAGES as M } from './config.messages';
import type { SecurityProtocol, TlsFiles } from './kafka-config.types';
import {
  MAX_INT32,
  RETRY_FIELDS,
  numberIn,
  oneOf,
  parseAcks,
  parseAutoCommit,
  parseBoolean,
  parseBrokers,
  parseCompression,
  parseRetryObject,
  parseSaslMechanism,
  parseSaslObject,
  parseSslOption,
  parseString,
  type ReadContext,
} from './kafka-value-parsers';

/**
 * The key table: every librdkafka key (as Karafka users write it) and kafkajs name the library understands,
 * with its aliases, the setting it writes and its parser; then the keys known but not honoured, with the
 * reason. A data table: it grows by rows, and `normalizeKafkaConfig` reads it without knowing any key.
 */

export interface KeySpec<T = any> {
  /** Aliases: every key naming this setting. */
  keys: readonly string[];
  /** The settings the key writes; used by `mergeKafkaInput` to let an override replace every alias. */
  settings: readonly string[];
  /** Returns the parsed value, or undefined after reporting a problem. */
  parse(c: ReadContext): T | undefined;
  write(d: Draft, value: T, key: string): void;
}

/** For `'ssl.endpoint.identification.algorithm': 'none'`; one shared function keeps configs comparable. */
const acceptAnyHostname = (): undefined => undefined;

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
  spec(
    ['message.max.bytes'],
    'messageMaxBytes',
    numberIn(1000, 1000000000),
    (d, v) => (d.producer.messageMaxBytes = v),
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
  debug: `kafkajs' logs go through Nest's Logger; pass forRoot({ driverLog }) to handle them yourself`,
  logLevel: 'driver logging is configured once, with forRoot({ driverLog })',
  logCreator: 'pass driverLog (or the deprecated logCreator) to forRoot(), not inside a kafka hash',
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

export function unsupportedReason(key: string): string | undefined {
  if (UNSUPPORTED[key]) return UNSUPPORTED[key];
  const prefix = Object.keys(UNSUPPORTED_PREFIXES).find((p) => key.startsWith(p));
  return prefix ? UNSUPPORTED_PREFIXES[prefix] : undefined;
}

/** The table row of a key (under any alias), if the key is known. */
export function keySpecOf(key: string): KeySpec | undefined {
  return SPEC_BY_KEY.get(key);
}

/** The settings a key writes; an unknown key stands for itself, so merging keeps it for normalising to report. */
export function settingsOf(key: string): readonly string[] {
  return SPEC_BY_KEY.get(key)?.settings ?? [`key:${key}`];
}
