import { REDACTED, redactKafkaConfig, redactSecrets } from './redact-secrets';
import { normalizeKafkaConfig } from './normalize-kafka-config';

describe('redactKafkaConfig', () => {
  it('masks librdkafka secrets and keeps what identifies the cluster', () => {
    const redacted = redactKafkaConfig({
      'bootstrap.servers': 'a:1',
      'sasl.username': 'alice',
      'sasl.password': 's3cret',
      'ssl.key.password': 'kp',
      'ssl.key.pem': '-----BEGIN PRIVATE KEY-----',
      'ssl.key.location': '/etc/key.pem',
      'ssl.certificate.pem': 'CERT',
      'sasl.oauthbearer.client.secret': 'cs',
      'sasl.oauthbearer.config': 'principal=x secret=y',
      'ssl.keystore.password': 'ksp',
    });
    expect(redacted).toEqual({
      'bootstrap.servers': 'a:1',
      'sasl.username': 'alice',
      'sasl.password': REDACTED,
      'ssl.key.password': REDACTED,
      'ssl.key.pem': REDACTED,
      'ssl.key.location': '/etc/key.pem',
      'ssl.certificate.pem': 'CERT',
      'sasl.oauthbearer.client.secret': REDACTED,
      'sasl.oauthbearer.config': REDACTED,
      'ssl.keystore.password': REDACTED,
    });
  });

  it('masks kafkajs secrets deeply: sasl password, AWS secret and session token, TLS key and passphrase, providers', () => {
    const redacted = redactKafkaConfig({
      brokers: ['a:1'],
      sasl: {
        mechanism: 'aws',
        authorizationIdentity: 'id',
        accessKeyId: 'AKIA',
        secretAccessKey: 'sk',
        sessionToken: 'st',
      },
      ssl: { ca: [Buffer.from('ca')], key: Buffer.from('k'), passphrase: 'pp', pfx: 'p', cert: 'c' },
      retry: { retries: 3 },
      other: { oauthBearerProvider: async () => ({ value: 'token' }), password: undefined },
    });
    expect(redacted).toEqual({
      brokers: ['a:1'],
      sasl: {
        mechanism: 'aws',
        authorizationIdentity: 'id',
        accessKeyId: 'AKIA',
        secretAccessKey: REDACTED,
        sessionToken: REDACTED,
      },
      ssl: { ca: ['[buffer 2 bytes]'], key: REDACTED, passphrase: REDACTED, pfx: REDACTED, cert: 'c' },
      retry: { retries: 3 },
      other: { oauthBearerProvider: '[function]', password: undefined },
    });
  });

  it('redacts a normalised config too, without changing the original', () => {
    const { config } = normalizeKafkaConfig(
      {
        'bootstrap.servers': 'a:1',
        'security.protocol': 'sasl_ssl',
        'sasl.mechanism': 'PLAIN',
        'sasl.username': 'u',
        'sasl.password': 'p',
        'ssl.key.pem': 'K',
      },
      'x',
    );
    const text = JSON.stringify(redactSecrets(config));
    expect(text).not.toContain('"p"');
    expect(text).not.toContain('"K"');
    expect(text).toContain('"u"');
    expect(config.connection.sasl?.password).toBe('p');
  });
});
