import type { KafkaConfigInput } from '../config/kafka-config.types';
import { normalizeKafkaConfig } from '../config/normalize-kafka-config';
import { clusterIdentity } from './cluster-identity';

const BROKERS = { 'bootstrap.servers': '127.0.0.1:19092' };

/** Normalises and fails the test with the problems if there are any. */
function ok(input: KafkaConfigInput) {
  const { config, problems } = normalizeKafkaConfig(input, 'forRoot.kafka');
  expect(problems).toEqual([]);
  return config;
}

describe('clusterIdentity', () => {
  const identity = (input: KafkaConfigInput) => clusterIdentity(ok(input).connection);

  it('is order- and case-insensitive over brokers and names the security flavour and the SASL user', () => {
    expect(identity({ 'bootstrap.servers': 'B:2,a:1' })).toBe('plaintext://a:1,b:2');
    expect(identity({ brokers: ['a:1', 'B:2'] })).toBe(identity({ 'bootstrap.servers': 'b:2, A:1' }));
    expect(identity({ ...BROKERS, 'security.protocol': 'ssl' })).toBe('ssl://127.0.0.1:19092');
    expect(identity({ ...BROKERS, sasl: { mechanism: 'plain', username: 'u', password: 'p' } })).toBe(
      'sasl_plaintext://u@127.0.0.1:19092',
    );
    expect(
      identity({ ...BROKERS, ssl: true, sasl: { mechanism: 'plain', username: 'u', password: 'p' } }),
    ).toBe('sasl_ssl://u@127.0.0.1:19092');
    // Two users of the same brokers have their own rights: two connections, never one shared client.
    expect(identity({ ...BROKERS, sasl: { mechanism: 'plain', username: 'v', password: 'p' } })).not.toBe(
      identity({ ...BROKERS, sasl: { mechanism: 'plain', username: 'u', password: 'p' } }),
    );
  });

  it('ignores settings that do not change which cluster it is', () => {
    expect(identity({ ...BROKERS, 'client.id': 'a' })).toBe(
      identity({ ...BROKERS, 'client.id': 'b', 'session.timeout.ms': 9000 }),
    );
  });
});
