import type { ConnectionOptions as TlsOptions } from 'tls';
import type {
  ConsumerSettings,
  ProducerSettings,
  RetrySettings,
  SaslSettings,
  SecurityProtocol,
  TlsFiles,
} from './kafka-config.types';

/**
 * What the key table's writers collect from one kafka hash, before `normalizeKafkaConfig` checks the
 * combinations and builds the `NormalizedKafkaConfig`. Structured values (`sslOption`, `saslObject`,
 * `retryObject`) are kept apart from the dotted keys so the keys override their fields whatever the order.
 */
export interface KafkaConfigDraft {
  brokers?: string[];
  clientId?: string;
  protocol?: SecurityProtocol;
  sslOption?: boolean | TlsOptions;
  tls: Record<string, unknown>;
  tlsFiles: TlsFiles;
  /** Dotted TLS keys given, for messages. */
  tlsKeys: string[];
  saslObject?: SaslSettings;
  sasl: Record<string, unknown>;
  saslKeys: string[];
  connectionTimeout?: number;
  authenticationTimeout?: number;
  requestTimeout?: number;
  ackTimeout?: number;
  retryObject?: RetrySettings;
  retry: RetrySettings;
  idempotentGiven?: boolean;
  consumer: ConsumerSettings;
  producer: ProducerSettings;
}

export function emptyDraft(): KafkaConfigDraft {
  return {
    tls: {},
    tlsFiles: {},
    tlsKeys: [],
    sasl: {},
    saslKeys: [],
    retry: {},
    consumer: {},
    producer: {},
  };
}
