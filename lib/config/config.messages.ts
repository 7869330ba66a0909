/** Every text nestjs-karafka says about configuration (kafka hashes, clusters), in one place. */

const quote = (value: unknown): string => (typeof value === 'string' ? `'${value}'` : JSON.stringify(value));
const suggestion = (near: string | undefined): string => (near ? ` (did you mean '${near}'?)` : '');

export const CONFIG_MESSAGES = {
  errorHeader: (count: number): string =>
    `nestjs-karafka found ${count} configuration problem${count === 1 ? '' : 's'}:`,

  unsupportedKey: (key: string, near: string | undefined): string =>
    `unsupported key '${key}'${suggestion(near)}`,
  unsupportedKeyBecause: (key: string, reason: string): string => `unsupported key '${key}': ${reason}`,
  nullValue: (key: string): string => `'${key}' is null; remove the key or give it a value`,
  notAnObject: (key: string): string => `'${key}' must be an object`,
  aliasesTogether: (keys: string[]): string =>
    `${keys.map((k) => `'${k}'`).join(' and ')} set the same thing with different values; keep one`,

  expectedString: (key: string, value: unknown): string =>
    `'${key}' must be a non-empty string, got ${quote(value)}`,
  expectedBoolean: (key: string, value: unknown): string =>
    `'${key}' must be true or false (or 'true'/'false'), got ${quote(value)}`,
  expectedNumber: (key: string, value: unknown, min: number, max: number, integer: boolean): string =>
    `'${key}' must be ${integer ? 'an integer' : 'a number'} between ${min} and ${max}, got ${quote(value)}`,
  expectedOneOf: (key: string, value: unknown, allowed: string[]): string =>
    `'${key}' must be one of ${allowed.join(', ')}, got ${quote(value)}`,
  ignoredValueOnly: (key: string, accepted: unknown, reason: string): string =>
    `'${key}' can only be ${quote(accepted)} here: ${reason}`,

  brokersNotList: (key: string): string =>
    `'${key}' must be a 'host:port,host:port' string or an array of 'host:port' strings`,
  brokersFunction: (key: string): string =>
    `'${key}' is a function; nestjs-karafka identifies clusters by their broker list, so give the list itself`,
  brokerMalformed: (key: string, entry: unknown): string =>
    `'${key}' has a malformed broker ${quote(entry)}: expected 'host:port' with a port between 1 and 65535`,
  brokersEmpty: (key: string): string => `'${key}' is empty; give at least one 'host:port'`,
  brokersMissing: (): string => `no brokers: set 'bootstrap.servers' (or 'brokers')`,

  sslConflict: (protocol: string, ssl: unknown): string =>
    `'security.protocol' is '${protocol}' but 'ssl' is ${quote(ssl)}; they contradict each other`,
  tlsWithoutSsl: (keys: string[]): string =>
    `${keys.map((k) => `'${k}'`).join(', ')} given but TLS is not enabled; set 'security.protocol' to 'ssl' or 'sasl_ssl'`,
  saslWithoutProtocol: (keys: string[]): string =>
    `${keys.map((k) => `'${k}'`).join(', ')} given but SASL is not enabled; set 'security.protocol' to 'sasl_ssl' or 'sasl_plaintext'`,
  saslWithoutMechanism: (protocol: string): string =>
    `'security.protocol' is '${protocol}' but no 'sasl.mechanism' is set (librdkafka's default, GSSAPI, is not supported by kafkajs); set 'sasl.mechanism' to PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER`,
  saslMechanismMissing: (): string =>
    `SASL settings given without a mechanism; set 'sasl.mechanism' to PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER`,
  gssapiUnsupported: (key: string): string =>
    `'${key}' GSSAPI (Kerberos) is not supported by kafkajs; use PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER`,
  saslNeedsCredentials: (mechanism: string, missing: string[]): string =>
    `SASL ${mechanism.toUpperCase()} needs ${missing.map((m) => `'${m}'`).join(' and ')}`,
  oauthNeedsProvider: (): string =>
    `SASL OAUTHBEARER needs a token provider: pass sasl: { mechanism: 'oauthbearer', oauthBearerProvider: async () => ({ value: token }) } (librdkafka's sasl.oauthbearer.* settings are not available in kafkajs)`,
  awsNeedsCredentials: (missing: string[]): string =>
    `SASL AWS needs ${missing.map((m) => `sasl.${m}`).join(', ')}`,

  autoCommitUnsupported: (key: string): string =>
    `'${key}' cannot be true: nestjs-karafka commits offsets only after consume() returns (at-least-once), which periodic auto-commit would defeat`,
  heartbeatNotBelowSession: (heartbeat: number, session: number): string =>
    `'heartbeat.interval.ms' (${heartbeat}) must be lower than 'session.timeout.ms' (${session})`,
  retryBackoffAboveMax: (initial: number, max: number): string =>
    `'retry.backoff.ms' (${initial}) is above 'retry.backoff.max.ms' (${max})`,

  compressionUnsupported: (key: string, codec: string): string =>
    `'${key}' ${codec} is not available: kafkajs ships only gzip (snappy, lz4 and zstd need third-party codecs nestjs-karafka does not register); use 'gzip' or 'none'`,
  idempotenceNeedsAcksAll: (acks: number): string =>
    `idempotence (also implied by 'transactional.id') needs acks = all (-1), but acks is ${acks}`,
  idempotenceNeedsRetries: (): string => `idempotence needs retries >= 1 to survive transient errors`,
  idempotenceMaxInFlight: (inFlight: number): string =>
    `idempotence allows at most 5 in-flight requests per connection, got ${inFlight}`,
  transactionalNotIdempotent: (): string =>
    `'transactional.id' requires idempotence, but 'enable.idempotence' is false`,
  deliveryTimeoutBelowLinger: (delivery: number, linger: number): string =>
    `'message.timeout.ms' (${delivery}) must be greater than 'linger.ms' (${linger})`,
  deliveryTimeoutAboveTransaction: (delivery: number, transaction: number): string =>
    `'message.timeout.ms' (${delivery}) must not exceed 'transaction.timeout.ms' (${transaction})`,

  missingKafka: (): string =>
    `the primary cluster is required: pass forRoot({ kafka: { 'bootstrap.servers': 'host:port' } })`,
  invalidClusterName: (name: string): string =>
    `invalid cluster name '${name}': use letters, digits, '.', '_' or '-', starting with a letter or digit`,
  primaryRebound: (primary: string, other: string): string =>
    `cluster name 'primary' bound to two broker lists: forRoot.kafka is ${primary}, forRoot.clusters.primary is ${other}; 'primary' is reserved for forRoot.kafka`,
  primaryRedefined: (): string =>
    `'primary' is reserved for forRoot.kafka; forRoot.clusters.primary names the same brokers with different settings — put them in forRoot.kafka`,
  unknownDriver: (value: unknown, allowed: string[]): string =>
    `'driver' must be one of ${allowed.map((d) => `'${d}'`).join(', ')} or a map of cluster name to one of them, got ${quote(value)}`,
  driverForUnknownCluster: (cluster: string, near: string | undefined): string =>
    `'driver' names cluster '${cluster}', which is not defined${suggestion(near)}`,
  driverLogNotAFunction: (value: unknown): string =>
    `'driverLog' must be a function (entry, cluster) => void, got ${typeof value}`,
  driverLogWithLogCreator: (): string =>
    `give 'driverLog' or the deprecated kafkajs 'logCreator', not both: a logCreator replaces the forwarding that calls driverLog`,
} as const;
