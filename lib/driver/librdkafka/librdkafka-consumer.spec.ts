import { toFetchedMessage, toRdkafkaConsumerConfig } from './librdkafka-consumer';

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
