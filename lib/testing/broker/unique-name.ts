import { randomBytes } from 'node:crypto';

/**
 * A topic or group name no other test (or earlier run) uses: `<prefix>-<time>-<random>`, so tests sharing a
 * cluster never see each other's messages.
 */
export function uniqueName(prefix: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(prefix)) {
    throw new Error(`uniqueName prefix '${prefix}' may only contain letters, digits, '.', '_' and '-'`);
  }
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}
