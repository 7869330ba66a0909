import { batchLength, reportsOutage, toFetchedMessage, toRdkafkaConsumerConfig } from './librdkafka-consumer';

describe('librdkafka consumer mapping', () => {
  it("writes the library's consumer settings as librdkafka keys, committing nothing on its own", () => {
    expect(
      toRdkafkaConsumerConfig(
        {
          groupId: 'g',
          sessionTimeout: 6000,
          rebalanceTimeout: 60000,
          heartbeatInterval: 1000,
          maxWaitTimeInMs: 250,
        },
        true,
      ),
    ).toEqual({
      'group.id': 'g',
      'enable.auto.commit': false,
      'enable.auto.offset.store': false,
      'auto.offset.reset': 'earliest',
      'isolation.level': 'read_committed',
      'session.timeout.ms': 6000,
      'max.poll.interval.ms': 60000,
      'heartbeat.interval.ms': 1000,
      'fetch.wait.max.ms': 250,
      'allow.auto.create.topics': true,
      'reconnect.backoff.max.ms': 5000,
    });
    expect(toRdkafkaConsumerConfig({ groupId: 'g', readUncommitted: true }, false)).toMatchObject({
      'auto.offset.reset': 'latest',
      'isolation.level': 'read_uncommitted',
    });
  });

  it("reads librdkafka's message in the port's shape: string offsets, last header value wins", () => {
    expect(
      toFetchedMessage({
        topic: 't',
        partition: 1,
        offset: 41,
        size: 1,
        timestamp: 1700000000000,
        key: 'k',
        value: Buffer.from('v'),
        headers: [{ a: Buffer.from('1') }, { b: Buffer.from('2') }, { a: Buffer.from('3') }],
      }),
    ).toEqual({
      key: Buffer.from('k'),
      value: Buffer.from('v'),
      headers: { a: Buffer.from('3'), b: Buffer.from('2') },
      offset: '41',
      timestamp: '1700000000000',
    });
  });
});

describe('librdkafka consumer batches', () => {
  const message = (bytes: number, key: string | null = null) => ({
    key: key === null ? null : Buffer.from(key),
    value: Buffer.alloc(bytes),
    headers: {},
    offset: '0',
    timestamp: '0',
  });

  it("takes as many queued messages as one fetch's bytes hold, keys and values counted", () => {
    const queue = [message(40), message(40, 'k'.repeat(10)), message(40)];
    expect(batchLength(queue, 100)).toBe(2);
    expect(batchLength(queue, 90)).toBe(2);
    expect(batchLength(queue, 89)).toBe(1);
    expect(batchLength(queue, 130)).toBe(3);
  });

  it('takes one message larger than the limit, and a tombstone costs nothing', () => {
    expect(batchLength([message(500), message(1)], 100)).toBe(1);
    expect(batchLength([{ ...message(0), value: null }, message(100)], 100)).toBe(2);
    expect(batchLength([], 100)).toBe(0);
  });
});

describe('librdkafka consumer outages', () => {
  it("tells the whole cluster gone from librdkafka's error text, in either form the binding gives it", () => {
    expect(reportsOutage({ message: 'Local: All broker connections are down' })).toBe(true);
    expect(reportsOutage({ message: 'all broker connections are down' })).toBe(true);
    expect(reportsOutage({ message: 'Local: Broker transport failure' })).toBe(false);
    expect(reportsOutage({ message: '1/1 brokers are down' })).toBe(false);
  });
});
