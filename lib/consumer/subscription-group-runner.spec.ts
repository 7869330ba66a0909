import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { IsInt } from 'class-validator';
import { resolveClusters } from '../cluster/resolve-clusters';
import type { KarafkaModuleOptions } from '../karafka-options.interface';
import type { DriverBatchControl, DriverClient, DriverConsumer } from '../driver/kafka-driver.port';
import { KarafkaMonitor } from '../instrumentation/karafka-monitor';
import { buildRoutingTable } from '../routing/build-routing-table';
import type { ConsumeHandler } from './consumer-handler.factory';
import { DEAD_LETTER_HEADERS, type DeadLetterSink } from './dead-letter';
import { KarafkaValidationPipe } from './karafka-validation.pipe';
import { SubscriptionGroupRunner } from './subscription-group-runner';

class OrderDto {
  @IsInt()
  id!: number;
}

class OrdersConsumer {}

function group() {
  const options: KarafkaModuleOptions = {
    kafka: { 'bootstrap.servers': '127.0.0.1:19092', 'client.id': 'review' },
    consumerGroup: 'review',
  };
  const { clusters } = resolveClusters(options);
  const { table, problems } = buildRoutingTable({
    options,
    clusters,
    declarations: [
      {
        topic: 'orders',
        options: { deadLetterQueue: { topic: 'orders.dlq' }, maxMessages: 1000 },
        className: 'OrdersConsumer',
        target: OrdersConsumer,
        hasConsumeMethod: true,
      },
    ],
  });
  expect(problems).toEqual([]);
  return table.subscriptionGroups[0];
}

/** Starts a runner over a fake consumer and returns its eachBatch. */
async function startRunner(
  handler: ConsumeHandler,
  onDeadLetter: (...args: Parameters<DeadLetterSink['send']>) => void,
) {
  let eachBatch!: (control: DriverBatchControl) => Promise<void>;
  const listeners = new Map<string, (payload: unknown) => void>();
  const consumer: DriverConsumer = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    subscribe: async () => undefined,
    run: async (args) => {
      eachBatch = args.eachBatch;
      listeners.get('group.join')?.({ memberAssignment: { orders: [0] } });
    },
    stop: async () => undefined,
    commitOffsets: async () => undefined,
    seek: () => undefined,
    pause: () => undefined,
    resume: () => undefined,
    on: (event, listener) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    },
  };
  const client = { consumer: () => consumer } as unknown as DriverClient;
  const runner = new SubscriptionGroupRunner(group(), {
    client,
    handlers: new Map([['orders', handler]]),
    monitor: new KarafkaMonitor(),
    deadLetterSink: { send: async (...args) => onDeadLetter(...args) },
  });
  await runner.start();
  return { runner, eachBatch: () => eachBatch };
}

function control(ids: unknown[], log: string[], running: () => boolean): DriverBatchControl {
  return {
    batch: {
      topic: 'orders',
      partition: 0,
      highWatermark: String(ids.length),
      messages: ids.map((id, offset) => ({
        key: null,
        value: Buffer.from(JSON.stringify({ id })),
        headers: {},
        offset: String(offset),
        timestamp: '0',
      })),
    },
    resolveOffset: () => undefined,
    commitOffsetsIfNecessary: async () => undefined,
    heartbeat: async () => void log.push('heartbeat'),
    pause: () => () => undefined,
    isRunning: running,
    isStale: () => false,
  };
}

describe('SubscriptionGroupRunner with a PayloadValidationError (fake driver)', () => {
  const pipe = new KarafkaValidationPipe({ items: OrderDto });
  // A dead letter is logged as a warning each; a thousand of them say nothing here.
  beforeAll(() => Logger.overrideLogger(['error']));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose']));

  it('consumes each run of valid messages as one batch, dead-letters each invalid one, heartbeating between', async () => {
    const log: string[] = [];
    const handler: ConsumeHandler = async (messages) => {
      const orders = (await pipe.transform(messages.map((m) => m.payload))) as OrderDto[];
      log.push(`consume ${orders.map((order) => order.id).join(',')}`);
    };
    const { runner, eachBatch } = await startRunner(handler, () => void log.push('dead-letter'));
    await eachBatch()(control(['bad', 1, 2, 'bad', 'bad', 3, 'bad'], log, () => true));
    await runner.stop(1000);
    expect(log).toEqual([
      'dead-letter',
      'heartbeat',
      'consume 1,2',
      'heartbeat',
      'dead-letter',
      'heartbeat',
      'dead-letter',
      'heartbeat',
      'consume 3',
      'heartbeat',
      'dead-letter',
      'heartbeat',
      // the end of the fetched batch's chunk
      'heartbeat',
    ]);
  });

  it('validates each payload at most twice, however many are invalid', async () => {
    let validated = 0;
    const handler: ConsumeHandler = async (messages) => {
      validated += messages.length;
      await pipe.transform(messages.map((m) => m.payload));
    };
    let deadLetters = 0;
    const { runner, eachBatch } = await startRunner(handler, () => void (deadLetters += 1));
    const log: string[] = [];
    await eachBatch()(control(Array(1000).fill('bad'), log, () => true));
    await runner.stop(1000);
    expect({ validated, deadLetters, heartbeats: log.length }).toEqual({
      validated: 2000,
      deadLetters: 1000,
      heartbeats: 1001,
    });
  });
});

describe('SubscriptionGroupRunner with a value that is not JSON (fake driver)', () => {
  beforeAll(() => Logger.overrideLogger(['error']));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose']));

  it('dead-letters exactly that message with the reason and consumes the others', async () => {
    const consumed: unknown[][] = [];
    const deadLetters: Array<{ topic: string; offset?: string; reason?: string }> = [];
    const handler: ConsumeHandler = async (messages) => {
      consumed.push(messages.map((m) => (m.payload as { id: number }).id));
    };
    const { runner, eachBatch } = await startRunner(handler, (_cluster, topic, record) =>
      deadLetters.push({
        topic,
        offset: record.headers?.[DEAD_LETTER_HEADERS.offset] as string,
        reason: record.headers?.[DEAD_LETTER_HEADERS.errorMessage] as string,
      }),
    );
    const batch = control([1, 2, 3, 4], [], () => true);
    batch.batch.messages[2].value = Buffer.from('{"id": 3,');
    await eachBatch()(batch);
    await runner.stop(1000);

    expect(deadLetters).toEqual([
      { topic: 'orders.dlq', offset: '2', reason: expect.stringContaining('the deserializer failed') },
    ]);
    expect(consumed.flat()).toEqual([1, 2, 4]);
  });
});
