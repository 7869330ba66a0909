import { KafkaJSConnectionError, type ConsumerConfig, type Kafka, type KafkaMessage } from 'kafkajs';
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
  /**
   * A KafkajsConsumer over a stand-in kafkajs consumer whose events the test fires. Other consumers the driver
   * creates get a stand-in cluster whose coordinator records the LeaveGroup requests sent to it.
   */
  function consumerWithEvents() {
    const listeners = new Map<string, Set<(event: { payload: unknown }) => void>>();
    const fake = {
      events: {
        CONNECT: 'consumer.connect',
        GROUP_JOIN: 'consumer.group_join',
        CRASH: 'consumer.crash',
        REBALANCING: 'consumer.rebalancing',
        FETCH: 'consumer.fetch',
      },
      on: (name: string, listener: (event: { payload: unknown }) => void) => {
        const set = listeners.get(name) ?? new Set();
        listeners.set(name, set.add(listener));
        return () => set.delete(listener);
      },
    };
    const left: Array<{ groupId: string; memberId: string }> = [];
    const cluster = {
      connect: async () => undefined,
      disconnect: async () => undefined,
      findGroupCoordinator: async () => ({
        leaveGroup: async (request: { groupId: string; memberId: string }) => void left.push(request),
      }),
    };
    let created = 0;
    const kafka = {
      consumer: (config: ConsumerConfig) => {
        if (created++ === 0) return fake;
        for (const assigner of config.partitionAssigners ?? []) assigner({ cluster } as never);
        return {};
      },
    } as unknown as Kafka;
    const fire = (name: string, payload?: unknown) => {
      for (const listener of listeners.get(name) ?? []) listener({ payload });
    };
    const listening = (name: string) => listeners.get(name)?.size ?? 0;
    return { consumer: new KafkajsConsumer(kafka, { groupId: 'g' }), fire, listening, left };
  }

  it('maps group join and crash payloads onto the port events, with a classified DriverError', () => {
    const { consumer, fire, listening } = consumerWithEvents();
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
    const crashListeners = listening('consumer.crash');
    off();
    expect(listening('consumer.crash')).toBe(crashListeners - 1);
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

  it('after a crash, makes the member it was leave the group once the cluster answers again', async () => {
    const { consumer, fire, left } = consumerWithEvents();
    const removed = new Promise((resolve) => consumer.on('staleMemberRemoved', resolve));
    fire('consumer.connect', {});
    fire('consumer.group_join', { memberId: 'm-1', memberAssignment: { orders: [0] } });
    fire('consumer.crash', { error: new KafkaJSConnectionError('Connection error'), restart: true });
    expect(left).toEqual([]);
    fire('consumer.connect', {});
    expect(await removed).toEqual({ memberId: 'm-1' });
    expect(left).toEqual([{ groupId: 'g', memberId: 'm-1' }]);
  });
});
