import type { KafkaConfigInput } from '../config/kafka-config.types';
import type { DriverOption } from '../driver/driver-choice';
import type { DriverLogEntry } from '../driver/kafka-driver.port';

/** Receives every log entry of the driver, with the name of the cluster whose client wrote it. */
export type DriverLog = (entry: DriverLogEntry, cluster: string) => void;

/** The clusters part of `forRoot`: the primary cluster, the named ones, and where their clients log. */
export interface ClusterOptions {
  /** The primary cluster. Consumers, the default producer, jobs, admin and reporting use it unless told otherwise. */
  kafka: KafkaConfigInput;
  /** Other clusters by name. `primary` is reserved for `kafka`. */
  clusters?: Record<string, KafkaConfigInput>;
  /** The driver's logs go here instead of Nest's Logger. */
  driverLog?: DriverLog;
  /**
   * The Kafka client library: `'kafkajs'` (the default) or `'librdkafka'` (@confluentinc/kafka-javascript, an
   * optional peer: `npm install @confluentinc/kafka-javascript`), for every cluster or per cluster name
   * (`{ secondary: 'librdkafka' }`; clusters not named use kafkajs).
   */
  driver?: DriverOption;
}
