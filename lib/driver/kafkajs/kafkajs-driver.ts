import { Kafka, logLevel, type KafkaConfig, type logCreator, type SASLOptions } from 'kafkajs';
import type { ConnectionSettings } from '../../config/kafka-config.types';
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

/** Maps the library's connection settings onto kafkajs' `KafkaConfig` (pure, exported for tests). */
export function toKafkajsConfig(connection: ConnectionSettings): KafkaConfig {
  return {
    brokers: connection.brokers,
    clientId: connection.clientId,
    ssl: connection.ssl,
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
    const forward: logCreator = () => ({ namespace, level, log: { message, ...extra } }) =>
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
