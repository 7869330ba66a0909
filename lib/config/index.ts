export type {
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
export type { KarafkaModuleOptions, ProducerDefinitionOptions } from './karafka-options.interface';
export {
  SUPPORTED_KAFKA_KEYS,
  clusterIdentity,
  explicitClientId,
  fingerprint,
  hasBrokers,
  mergeKafkaInput,
  normalizeKafkaConfig,
  securityProtocolOf,
} from './normalize-kafka-config';
export { REDACTED, redactKafkaConfig, redactSecrets } from './redact-secrets';
export { KarafkaConfigurationError } from './karafka-configuration.error';
export {
  DEFAULT_CLIENT_ID,
  DEFAULT_CONCURRENCY,
  DEFAULT_INITIAL_OFFSET,
  DEFAULT_MAX_MESSAGES,
  DEFAULT_MAX_WAIT_TIME,
  DEFAULT_RETRY,
} from './karafka.defaults';
