import type { ConnectionOptions as TlsOptions } from 'tls';
import type { ConnectionSettings, SaslMechanism } from '../../config/kafka-config.types';
import { withSecrets } from '../../config/hidden-secrets';

/** A librdkafka configuration: its own dotted keys, as Karafka users write them. */
export type RdkafkaConfig = Record<string, string | number | boolean>;

/** The entries whose value is set: librdkafka keeps its own default for a key not given. */
export function definedKeys(entries: Record<string, string | number | boolean | undefined>): RdkafkaConfig {
  const config: RdkafkaConfig = {};
  for (const key of Object.keys(entries)) {
    const value = entries[key];
    if (value !== undefined) config[key] = value;
  }
  return config;
}

const MECHANISMS: Partial<Record<SaslMechanism, string>> = {
  plain: 'PLAIN',
  'scram-sha-256': 'SCRAM-SHA-256',
  'scram-sha-512': 'SCRAM-SHA-512',
};

/** Node TLS options that have a librdkafka key; any other one set is refused rather than dropped. */
const TLS_KEYS: Record<string, string> = {
  ca: 'ssl.ca.pem',
  cert: 'ssl.certificate.pem',
  key: 'ssl.key.pem',
};
const TLS_HANDLED = new Set(['ca', 'cert', 'key', 'passphrase', 'rejectUnauthorized', 'checkServerIdentity']);

function pem(value: unknown, field: string): string {
  const values = Array.isArray(value) ? value : [value];
  return values
    .map((item) => {
      if (typeof item === 'string') return item;
      if (Buffer.isBuffer(item)) return item.toString('utf8');
      throw new Error(`the librdkafka driver takes ssl.${field} as PEM text or a Buffer, got ${typeof item}`);
    })
    .join('\n');
}

function tlsConfig(connection: ConnectionSettings): RdkafkaConfig {
  const config: RdkafkaConfig = {};
  // The `ssl.*.location` files go to librdkafka as paths: it reads them itself, as it does for Karafka.
  const { tlsFiles } = connection;
  if (tlsFiles?.ca) config['ssl.ca.location'] = tlsFiles.ca;
  if (tlsFiles?.cert) config['ssl.certificate.location'] = tlsFiles.cert;
  if (tlsFiles?.key) config['ssl.key.location'] = tlsFiles.key;
  if (typeof connection.ssl !== 'object') return config;
  const tls = withSecrets(connection.ssl) as TlsOptions & Record<string, unknown>;
  const unsupported = Object.keys(tls).filter((field) => tls[field] !== undefined && !TLS_HANDLED.has(field));
  if (unsupported.length > 0) {
    throw new Error(
      `the librdkafka driver cannot apply the Node TLS option(s) ${unsupported.map((f) => `ssl.${f}`).join(', ')}: use librdkafka's 'ssl.*' keys, or the kafkajs driver`,
    );
  }
  for (const [field, key] of Object.entries(TLS_KEYS)) {
    if (tls[field] !== undefined) config[key] = pem(tls[field], field);
  }
  if (typeof tls.passphrase === 'string') config['ssl.key.password'] = tls.passphrase;
  if (tls.rejectUnauthorized === false) config['enable.ssl.certificate.verification'] = false;
  // The normaliser writes `'ssl.endpoint.identification.algorithm': 'none'` as a hostname check that accepts any.
  if (tls.checkServerIdentity !== undefined) config['ssl.endpoint.identification.algorithm'] = 'none';
  return config;
}

function saslConfig(connection: ConnectionSettings): RdkafkaConfig {
  if (!connection.sasl) return {};
  const sasl = withSecrets(connection.sasl);
  const mechanism = MECHANISMS[sasl.mechanism];
  if (!mechanism) {
    throw new Error(
      `the librdkafka driver does not support SASL mechanism '${sasl.mechanism}' (PLAIN and SCRAM are supported): use the kafkajs driver for it`,
    );
  }
  const config: RdkafkaConfig = { 'sasl.mechanisms': mechanism };
  if (typeof sasl.username === 'string') config['sasl.username'] = sasl.username;
  if (typeof sasl.password === 'string') config['sasl.password'] = sasl.password;
  return config;
}

function securityProtocol(connection: ConnectionSettings): string {
  const tls = connection.ssl !== false;
  if (connection.sasl) return tls ? 'sasl_ssl' : 'sasl_plaintext';
  return tls ? 'ssl' : 'plaintext';
}

/**
 * The librdkafka configuration of a connection: the same keys users wrote (`bootstrap.servers`, `client.id`,
 * `security.protocol`, `sasl.*`, `ssl.*`), secrets revealed. Throws naming a setting librdkafka has no key for.
 */
export function toRdkafkaConnectionConfig(connection: ConnectionSettings): RdkafkaConfig {
  return {
    'bootstrap.servers': connection.brokers.join(','),
    'client.id': connection.clientId,
    'security.protocol': securityProtocol(connection),
    ...saslConfig(connection),
    ...tlsConfig(connection),
    ...definedKeys({
      'socket.connection.setup.timeout.ms': connection.connectionTimeout,
      'socket.timeout.ms': connection.requestTimeout,
      'retry.backoff.ms': connection.retry?.initialRetryTime,
      'retry.backoff.max.ms': connection.retry?.maxRetryTime,
    }),
  };
}
