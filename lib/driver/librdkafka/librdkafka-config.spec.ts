import { hideSecrets } from '../../config/hidden-secrets';
import { normalizeKafkaConfig } from '../../config/normalize-kafka-config';
import { toRdkafkaConnectionConfig } from './librdkafka-config';

const connectionOf = (input: Record<string, unknown>) => {
  const { config, problems } = normalizeKafkaConfig(input, 'test');
  expect(problems).toEqual([]);
  return config.connection;
};

describe('toRdkafkaConnectionConfig', () => {
  it('gives librdkafka back the security keys users wrote, file locations as paths and secrets revealed', () => {
    const written = {
      'bootstrap.servers': 'a:9093,b:9093',
      'client.id': 'shop',
      'security.protocol': 'sasl_ssl',
      'sasl.mechanisms': 'SCRAM-SHA-512',
      'sasl.username': 'app',
      'sasl.password': 's3cret',
      'ssl.ca.location': '/etc/kafka/ca.pem',
    };
    // What librdkafka gets is exactly what was written.
    expect(toRdkafkaConnectionConfig(connectionOf(written))).toEqual(written);
  });

  it("maps kafkajs' shape too: PEM buffers, no verification, plaintext", () => {
    const ca = Buffer.from('-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----');
    expect(
      toRdkafkaConnectionConfig({
        brokers: ['a:9093'],
        clientId: 'c',
        ssl: hideSecrets({ ca: [ca], rejectUnauthorized: false }),
        sasl: hideSecrets({ mechanism: 'plain' as const, username: 'u', password: 'p' }),
      }),
    ).toEqual({
      'bootstrap.servers': 'a:9093',
      'client.id': 'c',
      'security.protocol': 'sasl_ssl',
      'sasl.mechanisms': 'PLAIN',
      'sasl.username': 'u',
      'sasl.password': 'p',
      'ssl.ca.pem': ca.toString(),
      'enable.ssl.certificate.verification': false,
    });
    expect(
      toRdkafkaConnectionConfig({ brokers: ['a:1'], clientId: 'c', ssl: false })['security.protocol'],
    ).toBe('plaintext');
  });

  it('refuses what librdkafka has no key for, naming it, instead of dropping it', () => {
    expect(() =>
      toRdkafkaConnectionConfig({ brokers: ['a:1'], clientId: 'c', ssl: { ciphers: 'HIGH' } }),
    ).toThrow(
      "the librdkafka driver cannot apply the Node TLS option(s) ssl.ciphers: use librdkafka's 'ssl.*' keys, or the kafkajs driver",
    );
    expect(() =>
      toRdkafkaConnectionConfig({ brokers: ['a:1'], clientId: 'c', ssl: false, sasl: { mechanism: 'aws' } }),
    ).toThrow("the librdkafka driver does not support SASL mechanism 'aws'");
  });
});
