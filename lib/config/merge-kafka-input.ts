import type { KafkaConfigInput } from './kafka-config.types';
import { settingsOf } from './kafka-keys.table';

/**
 * Key-wise merge for `inherit: true`: the override wins, and it replaces every alias of the settings it sets
 * (`brokers` replaces `'bootstrap.servers'`, `sasl: {...}` replaces `'sasl.*'`). A base key survives when
 * it also sets something the override does not (e.g. base `sasl` object vs override `'sasl.password'`:
 * the dotted key then overrides that one field when normalised).
 */
export function mergeKafkaInput(base: KafkaConfigInput, override: KafkaConfigInput): KafkaConfigInput {
  const overridden = new Set<string>();
  for (const [key, value] of Object.entries(override)) {
    if (value !== undefined) settingsOf(key).forEach((s) => overridden.add(s));
  }
  const merged: KafkaConfigInput = {};
  for (const [key, value] of Object.entries(base)) {
    if (!settingsOf(key).every((s) => overridden.has(s))) merged[key] = value;
  }
  for (const [key, value] of Object.entries(override)) {
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}

/** Whether the hash names brokers (under any alias). */
export function hasBrokers(input: KafkaConfigInput): boolean {
  return Object.entries(input).some(
    ([key, value]) => value !== undefined && settingsOf(key).includes('brokers'),
  );
}

/** The `client.id` written in the hash (under any alias), not the default. */
export function explicitClientId(input: KafkaConfigInput): string | undefined {
  const entry = Object.entries(input).find(
    ([key, value]) => typeof value === 'string' && settingsOf(key).includes('clientId'),
  );
  return entry?.[1] as string | undefined;
}
