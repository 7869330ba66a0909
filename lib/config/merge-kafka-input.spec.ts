import { withSecrets } from './hidden-secrets';
import type { KafkaConfigInput } from './kafka-config.types';
import { explicitClientId, hasBrokers, mergeKafkaInput } from './merge-kafka-input';
import { normalizeKafkaConfig } from './normalize-kafka-config';

const BROKERS = { 'bootstrap.servers': '127.0.0.1:19092' };

/** Normalises and fails the test with the problems if there are any. */
function ok(input: KafkaConfigInput) {
  const { config, problems } = normalizeKafkaConfig(input, 'forRoot.kafka');
  expect(problems).toEqual([]);
  return config;
}

describe('mergeKafkaInput', () => {
  it('lets the override win key-wise and keeps the rest', () => {
    expect(
      mergeKafkaInput({ ...BROKERS, 'client.id': 'a', 'session.timeout.ms': 10000 }, { 'client.id': 'b' }),
    ).toEqual({
      ...BROKERS,
      'session.timeout.ms': 10000,
      'client.id': 'b',
    });
  });

  it('treats aliases of one setting as one key', () => {
    expect(
      mergeKafkaInput({ 'bootstrap.servers': 'a:1', clientId: 'x' }, { brokers: ['b:2'], 'client.id': 'y' }),
    ).toEqual({
      brokers: ['b:2'],
      'client.id': 'y',
    });
    const merged = mergeKafkaInput({ 'request.required.acks': 1 }, { acks: 'all' });
    expect(merged).toEqual({ acks: 'all' });
    expect(ok(merged).producer.acks).toBe(-1);
  });

  it('replaces dotted SASL keys with a sasl object, and patches a sasl object with one dotted key', () => {
    const dotted = {
      'security.protocol': 'sasl_ssl',
      'sasl.mechanism': 'PLAIN',
      'sasl.username': 'u',
      'sasl.password': 'p',
    };
    const object = { sasl: { mechanism: 'scram-sha-512', username: 'v', password: 'q' } };
    expect(mergeKafkaInput(dotted, object)).toEqual({ 'security.protocol': 'sasl_ssl', ...object });
    const patched = mergeKafkaInput({ ...BROKERS, ...object }, { 'sasl.password': 'new' });
    expect(withSecrets(ok(patched).connection.sasl!)).toEqual({
      mechanism: 'scram-sha-512',
      username: 'v',
      password: 'new',
    });
  });

  it('ignores undefined override values and does not mutate its inputs', () => {
    const base = { ...BROKERS, 'client.id': 'a' };
    const override = { 'client.id': undefined, 'group.id': 'g' };
    expect(mergeKafkaInput(base, override)).toEqual({ ...BROKERS, 'client.id': 'a', 'group.id': 'g' });
    expect(base).toEqual({ ...BROKERS, 'client.id': 'a' });
  });

  it('keeps unknown keys so normalising still reports them', () => {
    const merged = mergeKafkaInput({ 'bootstrap.server': 'a:1' }, { 'bootstrap.server': 'b:2' });
    expect(merged).toEqual({ 'bootstrap.server': 'b:2' });
  });
});

describe('hasBrokers and explicitClientId', () => {
  it('see every alias', () => {
    expect(hasBrokers({ 'metadata.broker.list': 'a:1' })).toBe(true);
    expect(hasBrokers({ brokers: undefined })).toBe(false);
    expect(explicitClientId({ clientId: 'c' })).toBe('c');
    expect(explicitClientId({ 'client.id': 'd' })).toBe('d');
    expect(explicitClientId({})).toBeUndefined();
  });
});
