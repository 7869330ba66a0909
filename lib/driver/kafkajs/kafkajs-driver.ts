import { readFileSync } from 'fs';
import type { ConnectionOptions as TlsOptions } from 'tls';
import { Kafka, logLevel, type KafkaConfig, type SASLOptions } from 'kafkajs';
import type { ConnectionSettings, TlsFiles } from '../../config/kafka-config.types';
import type { DriverAdmin, DriverClient, DriverLogEntry, KafkaDriver } from '../kafka-driver.port';
import { errorMessage } from '../../common/error-message';
import { withSecrets } from '../../config/hidden-secrets';
import { KafkajsAdmin } from './kafkajs-admin';
import { KafkajsConsumer } from './kafkajs-consumer';
import { forwardingLogCreator, type KafkajsLogCreator } from './kafkajs-log';
import { KafkajsProducer } from './kafkajs-producer';

export interface KafkajsDriverOptions {
  /** Replaces the forwarding of kafkajs' logs to the library (the deprecated `forRoot({ logCreator })`). */
  logCreator?: KafkajsLogCreator;
}

const TLS_FILE_KEYS: Record<keyof TlsFiles, string> = {
  ca: 'ssl.ca.location',
  cert: 'ssl.certificate.location',
  key: 'ssl.key.location',
};

/** Reads librdkafka-style `ssl.*.location` files into the TLS options; a missing file names its key. */
export function loadTlsFiles(
  ssl: ConnectionSettings['ssl'],
  files: TlsFiles | undefined,
  read: (path: string) => Buffer = readFileSync,
): ConnectionSettings['ssl'] {
  if (!files || Object.keys(files).length === 0) return ssl;
  const options: TlsOptions = typeof ssl === 'object' ? withSecrets(ssl) : {};
  for (const field of Object.keys(files) as Array<keyof TlsFiles>) {
    const path = files[field];
    if (!path) continue;
    try {
      options[field] = read(path);
    } catch (error) {
      throw new Error(`Cannot read '${TLS_FILE_KEYS[field]}' file ${path}: ${errorMessage(error)}`);
    }
  }
  return options;
}

function revealTls(ssl: ConnectionSettings['ssl']): ConnectionSettings['ssl'] {
  return typeof ssl === 'object' ? withSecrets(ssl) : ssl;
}

/** Maps the library's connection settings onto kafkajs' `KafkaConfig` (secrets revealed: see hideSecrets). */
export function toKafkajsConfig(connection: ConnectionSettings): KafkaConfig {
  return {
    brokers: connection.brokers,
    clientId: connection.clientId,
    ssl: revealTls(loadTlsFiles(connection.ssl, connection.tlsFiles)),
    sasl: connection.sasl && (withSecrets(connection.sasl) as SASLOptions),
    connectionTimeout: connection.connectionTimeout,
    authenticationTimeout: connection.authenticationTimeout,
    requestTimeout: connection.requestTimeout,
    retry: connection.retry,
  };
}

/** A kafkajs admin of one cluster on its own client: the librdkafka driver serves what its native admin lacks with it. */
export function createKafkajsAdmin(
  connection: ConnectionSettings,
  log: (entry: DriverLogEntry) => void,
): DriverAdmin {
  return new KafkajsAdmin(
    new Kafka({
      ...toKafkajsConfig(connection),
      logLevel: logLevel.WARN,
      logCreator: forwardingLogCreator(log),
    }),
  );
}

export class KafkajsDriver implements KafkaDriver {
  readonly name = 'kafkajs';

  constructor(private readonly options: KafkajsDriverOptions = {}) {}

  createClient(connection: ConnectionSettings, log: (entry: DriverLogEntry) => void): DriverClient {
    const config: KafkaConfig = {
      ...toKafkajsConfig(connection),
      logLevel: logLevel.WARN,
      logCreator: this.options.logCreator ?? forwardingLogCreator(log),
    };
    const kafka = new Kafka(config);
    return {
      // Each consumer on a kafkajs client of its own. kafkajs 2.2.4 keeps one table of committed offsets per group
      // id for all consumers of a client, and every join of one of them clears the table but for its own topics
      // (OffsetManager.clearAllOffsets): another subscription group of the same consumer group then crashes with
      // "Cannot read properties of undefined (reading '<partition>')" at its next commit or fetch. A client holds
      // no connections itself (each consumer has its own anyway), and the library never commits through a
      // producer's transaction, the one thing the shared table is for.
      consumer: (settings) => new KafkajsConsumer(new Kafka(config), settings),
      producer: (settings) => new KafkajsProducer(kafka, settings),
      admin: () => new KafkajsAdmin(kafka),
    };
  }
}
