import { toRdkafkaProducerConfig } from './librdkafka-producer';

describe('toRdkafkaProducerConfig', () => {
  it("writes the library's producer settings as librdkafka keys, with Java's partitioner", () => {
    expect(
      toRdkafkaProducerConfig({
        acks: -1,
        compression: 'zstd',
        lingerMs: 5,
        transactionalId: 'tx-1',
        deliveryTimeoutMs: 30000,
        messageMaxBytes: 1000000,
      }),
    ).toEqual({
      partitioner: 'murmur2_random',
      dr_cb: true,
      acks: -1,
      'enable.idempotence': true,
      'compression.codec': 'zstd',
      'linger.ms': 5,
      'transactional.id': 'tx-1',
      'message.timeout.ms': 30000,
      'message.max.bytes': 1000000,
    });
    expect(toRdkafkaProducerConfig({ idempotent: false })['enable.idempotence']).toBe(false);
    expect('enable.idempotence' in toRdkafkaProducerConfig({})).toBe(false);
  });
});
