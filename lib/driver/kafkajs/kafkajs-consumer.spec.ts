import { KafkaJSConnectionError, type Kafka, type KafkaMessage } from 'kafkajs';
import { DriverError } from '../driver-error';
import { KafkajsConsumer, toFetchedMessage, toKafkajsConsumerConfig } from './kafkajs-consumer';

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

describe('kafkajs consumer events', () => {
  /** A KafkajsConsumer over a stand-in kafkajs consumer whose events the test fires. */
  function consumerWithEvents() {
    const listeners = new Map<string, (event: { payload: unknown }) => void>();
    const fake = {
      events: {
        GROUP_JOIN: 'consumer.group_join',
        CRASH: 'consumer.crash',
        REBALANCING: 'consumer.rebalancing',
        FETCH: 'consumer.fetch',
      },
      on: (name: string, listener: (event: { payload: unknown }) => void) => {
        listeners.set(name, listener);
        return () => listeners.delete(name);
      },
    };
    const kafka = { consumer: () => fake } as unknown as Kafka;
    const fire = (name: string, payload: unknown) => listeners.get(name)?.({ payload });
    return { consumer: new KafkajsConsumer(kafka, { groupId: 'g' }), fire, listeners };
  }

  it('maps group join and crash payloads onto the port events, with a classified DriverError', () => {
    const { consumer, fire, listeners } = consumerWithEvents();
    const joined: unknown[] = [];
    const crashed: Array<{ error: DriverError; willRestart: boolean }> = [];
    consumer.on('joined', (event) => joined.push(event));
    const off = consumer.on('crashed', (event) => crashed.push(event));
    fire('consumer.group_join', { memberId: 'm-1', memberAssignment: { orders: [0, 2] }, groupId: 'g' });
    fire('consumer.crash', {
      error: new KafkaJSConnectionError('Connection error: connect ECONNREFUSED', { code: 'ECONNREFUSED' }),
      restart: true,
      groupId: 'g',
    });
    expect(joined).toEqual([{ memberId: 'm-1', assignment: { orders: [0, 2] } }]);
    expect(crashed).toHaveLength(1);
    expect(crashed[0].willRestart).toBe(true);
    expect(crashed[0].error).toBeInstanceOf(DriverError);
    expect(crashed[0].error.kind).toBe('connection-refused');
    off();
    expect(listeners.has('consumer.crash')).toBe(false);
  });

  it('reports each fetch round, empty ones included, as `fetched`', () => {
    const { consumer, fire } = consumerWithEvents();
    const fetched: unknown[] = [];
    consumer.on('fetched', (event) => fetched.push(event));
    fire('consumer.fetch', { numberOfBatches: 0, duration: 501 });
    fire('consumer.fetch', { numberOfBatches: 3, duration: 12 });
    expect(fetched).toEqual([
      { batches: 0, durationMs: 501 },
      { batches: 3, durationMs: 12 },
    ]);
  });
});
