import { readFileSync } from 'fs';
import type { ConnectionOptions as TlsOptions } from 'tls';
import { Kafka, logLevel, type KafkaConfig, type logCreator, type SASLOptions } from 'kafkajs';
import type { ConnectionSettings, TlsFiles } from '../../config/kafka-config.types';
import type { DriverClient, DriverLogEntry, KafkaDriver } from '../kafka-driver.port';
import { KafkajsAdmin } from './kafkajs-admin';
import { KafkajsConsumer } from './kafkajs-consumer';
import { KafkajsProducer } from './kafkajs-producer';

const LEVEL_NAMES: Record<number, DriverLogEntry['level']> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

export interface KafkajsDriverOptions {
  /** A user-supplied kafkajs logCreator wins over the library's Nest Logger adapter. */
  logCreator?: logCreator;
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
  const options: TlsOptions = typeof ssl === 'object' ? { ...ssl } : {};
  for (const field of Object.keys(files) as Array<keyof TlsFiles>) {
    const path = files[field];
    if (!path) continue;
    try {
      options[field] = read(path);
    } catch (error) {
      throw new Error(`Cannot read '${TLS_FILE_KEYS[field]}' file ${path}: ${(error as Error).message}`);
    }
  }
  return options;
}

/** Maps the library's connection settings onto kafkajs' `KafkaConfig`. */
export function toKafkajsConfig(connection: ConnectionSettings): KafkaConfig {
  return {
    brokers: connection.brokers,
    clientId: connection.clientId,
    ssl: loadTlsFiles(connection.ssl, connection.tlsFiles),
    sasl: connection.sasl as SASLOptions | undefined,
    connectionTimeout: connection.connectionTimeout,
    authenticationTimeout: connection.authenticationTimeout,
    requestTimeout: connection.requestTimeout,
    retry: connection.retry,
  };
}

export class KafkajsDriver implements KafkaDriver {
  readonly name = 'kafkajs';

  constructor(private readonly options: KafkajsDriverOptions = {}) {}

  createClient(connection: ConnectionSettings, log: (entry: DriverLogEntry) => void): DriverClient {
    const forward: logCreator =
      () =>
      ({ namespace, level, log: { message, ...extra } }) =>
        log({ level: LEVEL_NAMES[level] ?? 'info', namespace, message, extra });
    const kafka = new Kafka({
      ...toKafkajsConfig(connection),
      logLevel: logLevel.WARN,
      logCreator: this.options.logCreator ?? forward,
    });
    return {
      consumer: (settings) => new KafkajsConsumer(kafka, settings),
      producer: (settings) => new KafkajsProducer(kafka, settings),
      admin: () => new KafkajsAdmin(kafka),
    };
  }
}
