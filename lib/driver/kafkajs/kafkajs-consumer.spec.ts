import type { KafkaMessage } from 'kafkajs';
import { toFetchedMessage, toKafkajsConsumerConfig } from './kafkajs-consumer';

describe('kafkajs consumer mapping', () => {
  it('maps the consumer settings onto kafkajs names, leaving out autoOffsetReset (routing uses it)', () => {
    const config = toKafkajsConsumerConfig({
      groupId: 'shop',
      sessionTimeout: 10000,
      heartbeatInterval: 1000,
      maxWaitTimeInMs: 250,
      maxBytesPerPartition: 1024,
      readUncommitted: true,
      autoOffsetReset: 'latest',
    });
    expect(config).toMatchObject({
      groupId: 'shop',
      sessionTimeout: 10000,
      heartbeatInterval: 1000,
      maxWaitTimeInMs: 250,
      maxBytesPerPartition: 1024,
      readUncommitted: true,
    });
    expect(config).not.toHaveProperty('autoOffsetReset');
  });

  it('keeps the last value of a repeated header and turns a missing key into null', () => {
    const message = {
      key: undefined,
      value: Buffer.from('v'),
      headers: { trace: [Buffer.from('a'), Buffer.from('b')], kind: 'text', empty: undefined },
      offset: '7',
      timestamp: '1700000000000',
      attributes: 0,
    } as unknown as KafkaMessage;
    expect(toFetchedMessage(message)).toEqual({
      key: null,
      value: Buffer.from('v'),
      headers: { trace: Buffer.from('b'), kind: 'text', empty: undefined },
      offset: '7',
      timestamp: '1700000000000',
    });
  });
});
