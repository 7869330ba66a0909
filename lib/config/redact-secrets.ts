import type { KafkaConfigInput } from './kafka-config.types';

/**
 * Secret-looking keys, in librdkafka, kafkajs and Node TLS spelling: passwords, passphrases, tokens, AWS secret
 * keys, private keys (`key`, `ssl.key.pem`, `pfx`), OAuth configs and client secrets.
 */
const SECRET_KEY =
  /password|passphrase|secret|token|credential|private|^pfx$|^key$|key\.pem$|^sasl\.oauthbearer\.config$/i;

export const REDACTED = '[redacted]';

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** A deep copy fit for logs: secret-looking values masked, functions and Buffers summarised. */
export function redactSecrets(value: unknown): unknown {
  return redact(value, false);
}

/** `redactSecrets` for one kafka hash (librdkafka keys and/or kafkajs shape). */
export function redactKafkaConfig(input: KafkaConfigInput): KafkaConfigInput {
  return redact(input, false) as KafkaConfigInput;
}

function redact(value: unknown, secret: boolean): unknown {
  if (value === undefined || value === null) return value;
  if (secret) return typeof value === 'function' ? '[function]' : REDACTED;
  if (typeof value === 'function') return '[function]';
  if (Buffer.isBuffer(value)) return `[buffer ${value.length} bytes]`;
  if (Array.isArray(value)) return value.map((item) => redact(item, false));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    // Own names, not keys: a hidden secret (see hideSecrets) still shows that it is set, masked.
    const fields = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.getOwnPropertyNames(fields).map((key) => [key, redact(fields[key], SECRET_KEY.test(key))]),
    );
  }
  return value;
}
