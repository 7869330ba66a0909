import { isSecretKey } from './redact-secrets';

/**
 * Makes an object's secret-looking fields (passwords, passphrases, private keys, tokens) non-enumerable, so the
 * normalized settings can be logged, inspected or turned into JSON (routing table, registry, monitor events)
 * without showing them; code that reads a field by name still gets it.
 */
export function hideSecrets<T extends object>(settings: T): T {
  for (const key of Object.keys(settings)) {
    if (isSecretKey(key)) {
      Object.defineProperty(settings, key, { enumerable: false });
    }
  }
  return settings;
}

/** A plain copy with every own field, hidden ones included: what a client library is given. */
export function withSecrets<T extends object>(settings: T): T {
  const copy = {} as T;
  for (const key of Object.getOwnPropertyNames(settings)) {
    (copy as Record<string, unknown>)[key] = (settings as Record<string, unknown>)[key];
  }
  return copy;
}
