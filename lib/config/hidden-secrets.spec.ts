import { inspect } from 'node:util';
import { hideSecrets, withSecrets } from './hidden-secrets';
import { redactSecrets } from './redact-secrets';
import { fingerprint } from './fingerprint';

describe('hideSecrets', () => {
  const sasl = () => hideSecrets({ mechanism: 'scram-sha-512', username: 'app', password: 'app-secret' });

  it('keeps secrets readable by name but out of JSON, inspect and spreads', () => {
    const settings = sasl();
    expect(settings.password).toBe('app-secret');
    expect(JSON.stringify(settings)).toBe('{"mechanism":"scram-sha-512","username":"app"}');
    expect(inspect(settings)).not.toContain('app-secret');
    expect({ ...settings }).toEqual({ mechanism: 'scram-sha-512', username: 'app' });
  });

  it('hides TLS private keys and passphrases, not the CA', () => {
    const tls = hideSecrets({ ca: 'CA', key: 'KEY', passphrase: 'pw' });
    expect(JSON.stringify(tls)).toBe('{"ca":"CA"}');
  });

  it('withSecrets gives a client library a plain copy with every field', () => {
    expect(withSecrets(sasl())).toEqual({
      mechanism: 'scram-sha-512',
      username: 'app',
      password: 'app-secret',
    });
  });

  it('still counts for comparisons, and shows as set (masked) in redacted logs', () => {
    const rotated = hideSecrets({ mechanism: 'scram-sha-512', username: 'app', password: 'rotated' });
    expect(fingerprint(rotated)).not.toBe(fingerprint(sasl()));
    expect(redactSecrets(sasl())).toEqual({
      mechanism: 'scram-sha-512',
      username: 'app',
      password: '[redacted]',
    });
  });
});
