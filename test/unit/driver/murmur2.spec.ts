import { Partitioners } from 'kafkajs';
import { partitionOfKey } from '../../../lib/driver/in-memory/murmur2';

describe('the in-memory partitioner', () => {
  // kafkajs' default partitioner is Kafka's (murmur2): a key must land on the same partition in memory.
  const kafkajs = Partitioners.DefaultPartitioner();
  const partitionMetadata = (count: number) =>
    Array.from({ length: count }, (_, partitionId) => ({
      partitionId,
      leader: 1,
      partitionErrorCode: 0,
      replicas: [1],
      isr: [1],
    }));

  it.each([1, 2, 3, 6, 12])(
    "puts every key where kafkajs' default partitioner does (%i partitions)",
    (count) => {
      const keys = [
        '',
        'a',
        'ab',
        'abc',
        'abcd',
        'abcde',
        'customer-3',
        'tenant-acme',
        'ü-ключ-🔑',
        'x'.repeat(101),
      ];
      const expected = keys.map((key) =>
        kafkajs({ topic: 't', partitionMetadata: partitionMetadata(count), message: { key, value: null } }),
      );
      expect(keys.map((key) => partitionOfKey(Buffer.from(key), count))).toEqual(expected);
    },
  );
});
