import type { ConnectionSettings } from '../../config/kafka-config.types';
import type { DriverClient, DriverLogEntry, KafkaDriver } from '../kafka-driver.port';
import { createKafkajsAdmin } from '../kafkajs/kafkajs-driver';
import { LibrdkafkaAdmin } from './librdkafka-admin';
import { toRdkafkaConnectionConfig } from './librdkafka-config';
import { LibrdkafkaConsumer } from './librdkafka-consumer';
import { LibrdkafkaProducer } from './librdkafka-producer';
import { loadLibrdkafka, type RdkafkaModule } from './load-librdkafka';

/**
 * The driver over librdkafka (@confluentinc/kafka-javascript's native API, an optional peer). Consumers and
 * producers are librdkafka's; the admin is too, but for the operations its native API lacks, which a kafkajs
 * admin of the same cluster serves (see LibrdkafkaAdmin).
 */
export class LibrdkafkaDriver implements KafkaDriver {
  readonly name = 'librdkafka';
  /** Loaded at once, so a missing package fails the bootstrap naming the install command. */
  private readonly rdkafka: RdkafkaModule = loadLibrdkafka();

  createClient(connection: ConnectionSettings, log: (entry: DriverLogEntry) => void): DriverClient {
    const { rdkafka } = this;
    const config = toRdkafkaConnectionConfig(connection);
    return {
      consumer: (settings) => new LibrdkafkaConsumer(rdkafka, config, settings, log),
      producer: (settings) => new LibrdkafkaProducer(rdkafka, config, settings, log),
      admin: () => new LibrdkafkaAdmin(config, createKafkajsAdmin(connection, log)),
    };
  }
}
