import { hideSecrets } from './hidden-secrets';
import type { ConnectionOptions as TlsOptions } from 'tls';
import { isPlainObject } from '../common/is-plain-object';
import { CONFIG_MESSAGES as M } from './config.messages';
import { didYouMean } from './did-you-mean';
import { fingerprint } from './fingerprint';
import { emptyDraft, type KafkaConfigDraft as Draft } from './kafka-config-draft';
import type {
  ConfigProblem,
  ConnectionSettings,
  ConsumerSettings,
  KafkaConfigInput,
  NormalizedKafkaConfig,
  ProducerSettings,
  RetrySettings,
  SaslMechanism,
  SaslSettings,
} from './kafka-config.types';
import { keySpecOf, SUPPORTED_KAFKA_KEYS, unsupportedReason, type KeySpec } from './kafka-keys.table';
import { DEFAULT_CLIENT_ID } from './karafka.defaults';

/**
 * The one place where librdkafka keys (as Karafka users write them) and kafkajs' own config shape become
 * the library's `NormalizedKafkaConfig`: each key is read through the key table (`kafka-keys.table.ts`), then
 * the combinations are checked here. Pure: no I/O, no defaults from the environment.
 *
 * Decisions worth knowing:
 * - `'request.timeout.ms'` is librdkafka's producer ack timeout → `producer.ackTimeoutMs`; it also sets
 *   kafkajs' client-side `connection.requestTimeout` (otherwise kafkajs would give up before the broker does),
 *   unless `'socket.timeout.ms'` / `requestTimeout` set that one explicitly.
 * - `'ssl.*.location'` paths go to `connection.tlsFiles`; the driver reads them. `'ssl.ca.location': 'probe'`
 *   means "system CAs", which is Node's default, so nothing is stored.
 * - Structured kafkajs values (`sasl`, `ssl`, `retry` objects) are read first; the matching dotted keys override
 *   their fields, whatever the key order (so `inherit: true` can override just `'sasl.password'`).
 * - `'transactional.id'` implies idempotence and idempotence implies acks = all (librdkafka's rules).
 * - A key whose value is `undefined` counts as not set (the JS/kafkajs convention for optional settings).
 * - Brokers are not required here: the caller knows whether this hash must name a cluster.
 */

/**
 * Maps one kafka hash (librdkafka keys and/or kafkajs' shape) to the library's settings. Never throws:
 * every problem is returned, each naming `where` and the key at fault.
 */
export function normalizeKafkaConfig(
  input: KafkaConfigInput,
  where: string,
): { config: NormalizedKafkaConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const problem = (message: string) => problems.push({ where, message });
  const draft = emptyDraft();

  if (!isPlainObject(input)) {
    problem(M.notAnObject(where));
    return { config: finalize(draft, problem), problems };
  }

  const seen = new Map<KeySpec, { key: string; parsed: string }>();
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    const keySpec = keySpecOf(key);
    if (!keySpec) {
      const reason = unsupportedReason(key);
      problem(
        reason
          ? M.unsupportedKeyBecause(key, reason)
          : M.unsupportedKey(key, didYouMean(key, SUPPORTED_KAFKA_KEYS)),
      );
      continue;
    }
    if (value === null) {
      problem(M.nullValue(key));
      continue;
    }
    const parsed = keySpec.parse({ key, value, problem });
    if (parsed === undefined) continue;
    const earlier = seen.get(keySpec);
    if (earlier) {
      if (earlier.parsed !== fingerprint(parsed)) problem(M.aliasesTogether([earlier.key, key]));
      continue;
    }
    seen.set(keySpec, { key, parsed: fingerprint(parsed) });
    keySpec.write(draft, parsed, key);
  }
  return { config: finalize(draft, problem), problems };
}

function finalize(d: Draft, problem: (message: string) => void): NormalizedKafkaConfig {
  const sasl = finalizeSasl(d, problem);
  const connection: ConnectionSettings = {
    brokers: d.brokers ?? [],
    clientId: d.clientId ?? DEFAULT_CLIENT_ID,
    ...finalizeSsl(d, problem),
    ...compact({
      sasl,
      connectionTimeout: d.connectionTimeout,
      authenticationTimeout: d.authenticationTimeout,
      requestTimeout: d.requestTimeout ?? d.ackTimeout,
      retry: finalizeRetry(d, problem),
    }),
  };
  // kafkajs' `sasl` object alone enables SASL (kafkajs' rule); librdkafka's keys need 'security.protocol'.
  if (d.protocol === undefined && d.saslKeys.length > 0 && !d.saslObject)
    problem(M.saslWithoutProtocol(d.saslKeys));
  if (connection.tlsFiles === undefined) delete connection.tlsFiles;
  return {
    connection,
    consumer: finalizeConsumer(d, problem),
    producer: finalizeProducer(d, connection.retry, problem),
  };
}

function finalizeSsl(
  d: Draft,
  problem: (message: string) => void,
): Pick<ConnectionSettings, 'ssl' | 'tlsFiles'> {
  let sslOn: boolean;
  if (d.protocol) {
    sslOn = d.protocol === 'ssl' || d.protocol === 'sasl_ssl';
    if (d.sslOption !== undefined && Boolean(d.sslOption) !== sslOn)
      problem(M.sslConflict(d.protocol, d.sslOption));
    const saslOn = d.protocol.startsWith('sasl_');
    const saslGiven = [...d.saslKeys, ...(d.saslObject ? ['sasl'] : [])];
    if (saslOn && saslGiven.length === 0) problem(M.saslWithoutMechanism(d.protocol));
    if (!saslOn && saslGiven.length > 0) problem(M.saslWithoutProtocol(saslGiven));
  } else {
    sslOn = Boolean(d.sslOption);
  }
  if (!sslOn) {
    if (d.tlsKeys.length > 0) problem(M.tlsWithoutSsl(d.tlsKeys));
    return { ssl: false };
  }
  const tls = compact({ ...(isPlainObject(d.sslOption) ? d.sslOption : {}), ...d.tls });
  const tlsFiles = compact({ ...d.tlsFiles });
  for (const field of ['ca', 'cert', 'key'] as const) {
    if (tlsFiles[field] !== undefined && tls[field] !== undefined) {
      problem(
        M.aliasesTogether([
          `ssl.${field === 'cert' ? 'certificate' : field}.location`,
          `ssl.${field === 'cert' ? 'certificate' : field}.pem`,
        ]),
      );
    }
  }
  return {
    ssl: Object.keys(tls).length > 0 ? hideSecrets(tls as TlsOptions) : true,
    tlsFiles: Object.keys(tlsFiles).length > 0 ? tlsFiles : undefined,
  };
}

function finalizeSasl(d: Draft, problem: (message: string) => void): SaslSettings | undefined {
  if (!d.saslObject && d.saslKeys.length === 0) return undefined;
  const fields = { ...d.saslObject, ...d.sasl } as Record<string, unknown>;
  const mechanism = fields.mechanism as SaslMechanism | undefined;
  if (!mechanism) {
    problem(M.saslMechanismMissing());
    return undefined;
  }
  const missing = (names: string[]) => names.filter((n) => typeof fields[n] !== 'string' || fields[n] === '');
  if (mechanism === 'oauthbearer') {
    if (typeof fields.oauthBearerProvider !== 'function') problem(M.oauthNeedsProvider());
  } else if (mechanism === 'aws') {
    const absent = missing(['authorizationIdentity', 'accessKeyId', 'secretAccessKey']);
    if (absent.length > 0) problem(M.awsNeedsCredentials(absent));
  } else {
    const absent = missing(['username', 'password']);
    if (absent.length > 0)
      problem(
        M.saslNeedsCredentials(
          mechanism,
          absent.map((n) => `sasl.${n}`),
        ),
      );
  }
  return hideSecrets({ ...fields, mechanism } as SaslSettings);
}

function finalizeRetry(d: Draft, problem: (message: string) => void): RetrySettings | undefined {
  const retry = compact({ ...d.retryObject, ...d.retry });
  if (Object.keys(retry).length === 0) return undefined;
  if (
    retry.initialRetryTime !== undefined &&
    retry.maxRetryTime !== undefined &&
    retry.initialRetryTime > retry.maxRetryTime
  ) {
    problem(M.retryBackoffAboveMax(retry.initialRetryTime, retry.maxRetryTime));
  }
  return retry;
}

function finalizeConsumer(d: Draft, problem: (message: string) => void): ConsumerSettings {
  const { heartbeatInterval, sessionTimeout } = d.consumer;
  if (
    heartbeatInterval !== undefined &&
    sessionTimeout !== undefined &&
    heartbeatInterval >= sessionTimeout
  ) {
    problem(M.heartbeatNotBelowSession(heartbeatInterval, sessionTimeout));
  }
  return compact(d.consumer);
}

function finalizeProducer(
  d: Draft,
  retry: RetrySettings | undefined,
  problem: (message: string) => void,
): ProducerSettings {
  const p: ProducerSettings = { ...d.producer, ackTimeoutMs: d.ackTimeout };
  if (p.transactionalId !== undefined) {
    if (p.idempotent === false && d.idempotentGiven) problem(M.transactionalNotIdempotent());
    else p.idempotent = true;
  }
  if (p.idempotent) {
    if (p.acks === undefined) p.acks = -1;
    else if (p.acks !== -1) problem(M.idempotenceNeedsAcksAll(p.acks));
    if (retry?.retries === 0) problem(M.idempotenceNeedsRetries());
    if (p.maxInFlightRequests !== undefined && p.maxInFlightRequests > 5)
      problem(M.idempotenceMaxInFlight(p.maxInFlightRequests));
  }
  if (p.deliveryTimeoutMs !== undefined && p.lingerMs !== undefined && p.deliveryTimeoutMs <= p.lingerMs) {
    problem(M.deliveryTimeoutBelowLinger(p.deliveryTimeoutMs, p.lingerMs));
  }
  if (
    p.deliveryTimeoutMs !== undefined &&
    p.transactionTimeout !== undefined &&
    p.deliveryTimeoutMs > p.transactionTimeout
  ) {
    problem(M.deliveryTimeoutAboveTransaction(p.deliveryTimeoutMs, p.transactionTimeout));
  }
  return compact(p);
}

/** Drops undefined fields so settings compare and print cleanly. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
