import type { ConnectionOptions as TlsOptions } from 'tls';

/**
 * What users write for a cluster: librdkafka keys as Karafka users know them
 * (`'bootstrap.servers'`, `'client.id'`, `'security.protocol'`, `'sasl.*'`, `'ssl.*'`,
 * `'request.required.acks'`, ...) and/or kafkajs' own shape (`brokers`, `clientId`, `ssl`, `sasl`, ...).
 * Every key is either understood or reported; none is dropped silently.
 */
export type KafkaConfigInput = Record<string, unknown>;

/** librdkafka's `security.protocol`: whether the connection uses TLS, SASL, both or neither. */
export type SecurityProtocol = 'plaintext' | 'ssl' | 'sasl_plaintext' | 'sasl_ssl';

export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512' | 'oauthbearer' | 'aws';

export interface SaslSettings {
  mechanism: SaslMechanism;
  username?: string;
  password?: string;
  /** kafkajs-only mechanisms (oauthbearer provider, aws credentials) keep their extra fields here. */
  [extra: string]: unknown;
}

export interface RetrySettings {
  retries?: number;
  initialRetryTime?: number;
  maxRetryTime?: number;
  factor?: number;
  multiplier?: number;
}

/**
 * TLS material given as file paths (librdkafka's `ssl.*.location`). Config normalising stays pure, so the
 * files are not read there: the driver reads them when it creates the client and merges them into `ssl`.
 */
export interface TlsFiles {
  ca?: string;
  cert?: string;
  key?: string;
}

/** Everything that decides *which* cluster we talk to and *how* we connect. */
export interface ConnectionSettings {
  /** `host:port` strings, order as written, duplicates removed. */
  brokers: string[];
  clientId: string;
  ssl: boolean | TlsOptions;
  /** Present only with TLS enabled; the driver loads these files into `ssl` (ca/cert/key). */
  tlsFiles?: TlsFiles;
  sasl?: SaslSettings;
  connectionTimeout?: number;
  authenticationTimeout?: number;
  requestTimeout?: number;
  retry?: RetrySettings;
}

export interface ConsumerSettings {
  groupId?: string;
  sessionTimeout?: number;
  rebalanceTimeout?: number;
  heartbeatInterval?: number;
  maxBytes?: number;
  maxBytesPerPartition?: number;
  minBytes?: number;
  maxWaitTimeInMs?: number;
  allowAutoTopicCreation?: boolean;
  maxInFlightRequests?: number;
  readUncommitted?: boolean;
  rackId?: string;
  metadataMaxAge?: number;
  /** librdkafka `auto.offset.reset`: where a group with no committed offset starts. */
  autoOffsetReset?: 'earliest' | 'latest';
}

export type CompressionCodec = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

export interface ProducerSettings {
  /** -1 = all in-sync replicas, 0 = no ack, 1 = leader only. */
  acks?: -1 | 0 | 1;
  idempotent?: boolean;
  compression?: CompressionCodec;
  /** How long `produceAsync` waits for more messages before sending a batch. */
  lingerMs?: number;
  /** Upper bound of messages in one batch sent by `produceAsync`. */
  batchNumMessages?: number;
  transactionalId?: string;
  transactionTimeout?: number;
  maxInFlightRequests?: number;
  /** Broker-side ack timeout (`request.timeout.ms` of the produce request). */
  ackTimeoutMs?: number;
  /** Client-side bound for one delivery (`message.timeout.ms` / `delivery.timeout.ms`). */
  deliveryTimeoutMs?: number;
  /** Largest message (key + value + headers) a produce call accepts (`message.max.bytes`). */
  messageMaxBytes?: number;
  allowAutoTopicCreation?: boolean;
  metadataMaxAge?: number;
  /** Retries of this producer when they differ from its cluster's (`'retries'` in a producer's `kafka`). */
  retry?: RetrySettings;
}

/** One cluster config after normalisation: the library's own shape, independent of the driver. */
export interface NormalizedKafkaConfig {
  connection: ConnectionSettings;
  consumer: ConsumerSettings;
  producer: ProducerSettings;
}

/** A problem found while reading configuration; problems are collected and reported all at once. */
export interface ConfigProblem {
  /** Where: e.g. `forRoot.kafka`, `forRoot.clusters.secondary`, `@KafkaTopic('orders') on OrdersConsumer`. */
  where: string;
  message: string;
}
