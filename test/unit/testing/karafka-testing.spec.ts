/**
 * KarafkaTesting's own contract, beyond the shared scenarios: messages are held until consumed, Nest's pipeline
 * runs around `consume`, producers are recorded per cluster and producer (transactions once committed), jobs are
 * visible before they run, jest's fake timers drive retries, the broker helpers read the in-memory clusters too,
 * and every mistake is an error naming it.
 */
import 'reflect-metadata';
import {
  ConsoleLogger,
  Injectable,
  UseGuards,
  UseInterceptors,
  type CallHandler,
  type CanActivate,
  type DynamicModule,
  type ExecutionContext,
  type NestInterceptor,
  type Provider,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  InjectProducer,
  KafkaJob,
  KafkaJobs,
  KafkaProducer,
  KafkaTopic,
  KarafkaAdmin,
  KarafkaModule,
  getKarafkaArgs,
  type KafkaContext,
  type KafkaMessage,
  type KarafkaModuleOptions,
} from 'nestjs-karafka';
import {
  KarafkaTesting,
  readMessages,
  waitForConsumerGroup,
  type KarafkaTestingOptions,
} from 'nestjs-karafka/testing';

/** What the consumers of these tests saw. */
@Injectable()
class Seen {
  readonly calls: Array<{ topic: string; payloads: unknown[]; attempt: number }> = [];

  /** One `consume` call: its topic, its payloads and its attempt. */
  record(messages: KafkaMessage[], ctx: KafkaContext): void {
    this.calls.push({ topic: ctx.topic, payloads: messages.map((m) => m.payload), attempt: ctx.attempt });
  }
}

@KafkaTopic('orders', { deadLetterQueue: { topic: 'orders.dlq' } })
class OrdersConsumer {
  constructor(
    private readonly seen: Seen,
    @InjectProducer('secondary') private readonly audit: KafkaProducer,
  ) {}

  async consume(messages: KafkaMessage<{ id: number }>[], ctx: KafkaContext): Promise<void> {
    this.seen.record(messages, ctx);
    for (const { payload } of messages) {
      await this.audit.produceSync({ topic: 'audit', payload: { orderId: payload.id } });
    }
  }
}

@KafkaTopic('audit', { cluster: 'secondary' })
class AuditConsumer {
  constructor(private readonly seen: Seen) {}
  async consume(messages: KafkaMessage[], ctx: KafkaContext): Promise<void> {
    this.seen.record(messages, ctx);
  }
}

const silent = new ConsoleLogger();
silent.setLogLevels([]);

/** An app on two clusters with `providers`; failures are the point of several tests, so it logs nothing. */
async function start(
  providers: Provider[],
  options: Partial<KarafkaModuleOptions> = {},
  testing: KarafkaTestingOptions = {},
): Promise<KarafkaTesting> {
  class TestApp {}
  const module: DynamicModule = {
    module: TestApp,
    imports: [
      KarafkaModule.forRoot({
        kafka: { 'bootstrap.servers': '127.0.0.1:19001', 'client.id': 'karafka-testing' },
        clusters: { secondary: { 'bootstrap.servers': '127.0.0.1:29001' } },
        consumerGroup: 'shop',
        producers: { secondary: { cluster: 'secondary' } },
        logRoutingTable: false,
        ...options,
      }),
    ],
    providers: [Seen, ...providers],
  };
  const builder = Test.createTestingModule({ imports: [module] }).setLogger(silent);
  const moduleRef = await KarafkaTesting.override(builder, testing).compile();
  return KarafkaTesting.attach(await moduleRef.init());
}

describe('KarafkaTesting', () => {
  let karafka: KarafkaTesting | undefined;
  afterEach(async () => {
    await karafka?.close();
    karafka = undefined;
    jest.useRealTimers();
  });

  describe('produce and consumeAll', () => {
    it('holds messages until consumeAll, then runs the routed consumers until nothing is left', async () => {
      karafka = await start([OrdersConsumer, AuditConsumer]);
      const written = await karafka.produce('orders', { id: 1 }, { key: 'k', headers: { tenant: 'acme' } });
      expect(written).toEqual({ cluster: 'primary', topic: 'orders', partition: 0, offset: '0' });
      expect(karafka.get(Seen).calls).toEqual([]);

      await expect(karafka.consumeAll()).resolves.toEqual({ waiting: [] });
      // The audit message the orders consumer sent was consumed in the same call.
      expect(karafka.get(Seen).calls).toEqual([
        { topic: 'orders', payloads: [{ id: 1 }], attempt: 1 },
        { topic: 'audit', payloads: [{ orderId: 1 }], attempt: 1 },
      ]);
    });

    it('refuses a topic no consumer routes, listing the routed ones and the routing table', async () => {
      karafka = await start([OrdersConsumer, AuditConsumer]);
      const refusal = karafka.produce('order', { id: 1 });
      await expect(refusal).rejects.toThrow(
        "karafka.produce('order'): no consumer of this application routes topic 'order' (did you mean 'orders'?), " +
          "so nothing would consume it. Routed topics: 'audit', 'orders'.",
      );
      await expect(refusal).rejects.toThrow('Routing table: 2 clusters, 2 subscription groups, 2 topics');
    });

    it("refuses a topic consumed on another cluster than the default producer's, saying why", async () => {
      karafka = await start([OrdersConsumer, AuditConsumer]);
      await expect(karafka.produce('audit', {})).rejects.toThrow(
        "karafka.produce('audit'): topic 'audit' is consumed on cluster 'secondary' (AuditConsumer, consumer group " +
          "'shop'), not on cluster 'primary'. Without { cluster }, karafka.produce writes where the default producer " +
          "writes, cluster 'primary'",
      );
      await expect(karafka.produce('audit', {}, { cluster: 'secondary' })).resolves.toMatchObject({
        cluster: 'secondary',
      });
    });

    it('names an unknown cluster and a payload it cannot write', async () => {
      karafka = await start([OrdersConsumer]);
      await expect(karafka.produce('orders', {}, { cluster: 'secondry' })).rejects.toThrow(
        "karafka.produce('orders'): no cluster is named 'secondry' (did you mean 'secondary'?); known clusters: 'primary', 'secondary'",
      );
      await expect(karafka.produce('orders', undefined)).rejects.toThrow(
        "karafka.produce('orders'): payload is undefined (use null for a tombstone)",
      );
    });

    it("writes where the app's partitions say: declared counts, the option's counts, and the key's partition", async () => {
      @KafkaTopic('invoices', { config: { partitions: 3 } })
      class InvoicesConsumer {
        async consume(): Promise<void> {}
      }
      karafka = await start([InvoicesConsumer, OrdersConsumer], {}, { partitions: { orders: 2 } });
      await expect(karafka.produce('invoices', {}, { partition: 2 })).resolves.toMatchObject({
        partition: 2,
      });
      await expect(karafka.produce('orders', {}, { partition: 1 })).resolves.toMatchObject({ partition: 1 });
      await expect(karafka.produce('orders', {}, { partition: 2 })).rejects.toThrow(
        "Topic 'orders' has no partition 2",
      );
      // Kafka's murmur2 partitioner: 'customer-4' goes to partition 1 of 2.
      await expect(karafka.produce('orders', {}, { key: 'customer-4' })).resolves.toMatchObject({
        partition: 1,
      });
    });

    it('runs guards, interceptors and pipes around consume: a denying guard dead-letters the batch', async () => {
      class OnlyEven implements CanActivate {
        canActivate(context: ExecutionContext): boolean {
          const { messages } = getKarafkaArgs(context);
          return messages.every((message) => (message.payload as { id: number }).id % 2 === 0);
        }
      }
      @Injectable()
      class Counting implements NestInterceptor {
        static calls = 0;
        intercept(_context: ExecutionContext, next: CallHandler) {
          Counting.calls += 1;
          return next.handle();
        }
      }
      @KafkaTopic('orders', { deadLetterQueue: { topic: 'orders.dlq' }, maxMessages: 1 })
      @UseGuards(OnlyEven)
      @UseInterceptors(Counting)
      class GuardedConsumer {
        constructor(private readonly seen: Seen) {}
        async consume(messages: KafkaMessage[], ctx: KafkaContext): Promise<void> {
          this.seen.record(messages, ctx);
        }
      }
      karafka = await start([GuardedConsumer, Counting]);
      for (const id of [1, 2]) await karafka.produce('orders', { id });
      await karafka.consumeAll();
      expect(karafka.get(Seen).calls).toEqual([{ topic: 'orders', payloads: [{ id: 2 }], attempt: 1 }]);
      expect(Counting.calls).toBe(1);
      expect(karafka.deadLetters('orders')).toEqual([
        expect.objectContaining({
          offset: '0',
          payload: { id: 1 },
          attempts: 1,
          error: expect.objectContaining({ name: 'ForbiddenException' }),
        }),
      ]);
    });
  });

  describe('retries on the clock', () => {
    @KafkaTopic('orders', {
      retry: { maxRetries: 1, backoffMs: 1000 },
      deadLetterQueue: { topic: 'orders.dlq' },
    })
    class FailingConsumer {
      constructor(private readonly seen: Seen) {}
      async consume(messages: KafkaMessage[], ctx: KafkaContext): Promise<void> {
        this.seen.record(messages, ctx);
        throw new Error('down for maintenance');
      }
    }

    it('leaves a partition waiting for its backoff; advancing fake timers runs the retry', async () => {
      jest.useFakeTimers();
      karafka = await start([FailingConsumer]);
      await karafka.produce('orders', { id: 1 });
      await expect(karafka.consumeAll()).resolves.toEqual({
        waiting: [{ cluster: 'primary', topic: 'orders', partition: 0, offset: '0' }],
      });
      expect(karafka.deadLetters('orders')).toEqual([]);

      await jest.advanceTimersByTimeAsync(999);
      await karafka.consumeAll();
      expect(karafka.get(Seen).calls.map((call) => call.attempt)).toEqual([1]);

      await jest.advanceTimersByTimeAsync(1);
      await expect(karafka.consumeAll()).resolves.toEqual({ waiting: [] });
      expect(karafka.get(Seen).calls.map((call) => call.attempt)).toEqual([1, 2]);
      expect(karafka.deadLetters('orders')).toEqual([
        expect.objectContaining({
          payload: { id: 1 },
          attempts: 2,
          error: { name: 'Error', message: 'down for maintenance' },
        }),
      ]);
    });

    it('with advanceTimers, goes on through every backoff in one call', async () => {
      jest.useFakeTimers();
      karafka = await start([FailingConsumer]);
      await karafka.produce('orders', { id: 1 });
      await karafka.consumeAll({ advanceTimers: () => jest.advanceTimersToNextTimerAsync() });
      expect(karafka.deadLetters('orders')).toHaveLength(1);
    });

    it('runs a job enqueued for later once the clock gets there', async () => {
      const performed: number[] = [];
      @KafkaJob('reminders')
      class ReminderJob {
        async perform(args: { n: number }): Promise<void> {
          performed.push(args.n);
        }
      }
      jest.useFakeTimers({ now: new Date('2024-05-01T10:00:00Z') });
      karafka = await start([ReminderJob]);
      await karafka.get(KafkaJobs).enqueueAt(ReminderJob, { n: 1 }, new Date('2024-05-01T10:30:00Z'));
      await expect(karafka.performJobs()).resolves.toMatchObject({
        waiting: [{ topic: 'reminders', offset: '0' }],
      });
      expect(performed).toEqual([]);
      // Half an hour in steps of ten minutes: the partition looks at the clock again at least every minute.
      await karafka.performJobs({ advanceTimers: () => jest.advanceTimersByTimeAsync(600_000) });
      expect(performed).toEqual([1]);
      expect(Date.now()).toBeGreaterThanOrEqual(new Date('2024-05-01T10:30:00Z').getTime());
    });

    it('gives up naming the partition when advancing never frees it', async () => {
      @KafkaTopic('orders', { retry: { backoffMs: 10 } })
      class NoQueueConsumer {
        async consume(): Promise<void> {
          throw new Error('always');
        }
      }
      jest.useFakeTimers();
      karafka = await start([NoQueueConsumer]);
      await karafka.produce('orders', { id: 1 });
      await expect(
        karafka.consumeAll({ advanceTimers: () => jest.advanceTimersToNextTimerAsync(), maxTimerRounds: 5 }),
      ).rejects.toThrow('still paused after 5 rounds of advanceTimers: orders/0@primary');
    });

    it('names the consumer that does not return', async () => {
      @KafkaTopic('orders')
      class StuckConsumer {
        consume(): Promise<void> {
          return new Promise(() => undefined);
        }
      }
      karafka = await start([StuckConsumer], { shutdownTimeout: 10 });
      await karafka.produce('orders', { id: 1 });
      await expect(karafka.consumeAll({ timeoutMs: 50 })).rejects.toThrow(
        "consumer group 'shop' is still handling orders/0 after 50 ms",
      );
    });
  });

  describe('produced, deadLetters and jobs', () => {
    it('records what each producer sent per cluster; a transaction once it commits', async () => {
      let commit!: () => void;
      const committing = new Promise<void>((resolve) => (commit = resolve));
      let sent!: () => void;
      const inTransaction = new Promise<void>((resolve) => (sent = resolve));
      @Injectable()
      class Ledger {
        constructor(@InjectProducer('ledger') readonly producer: KafkaProducer) {}
      }
      karafka = await start([Ledger, OrdersConsumer], {
        producers: {
          secondary: { cluster: 'secondary' },
          ledger: { kafka: { 'transactional.id': 'ledger-1' } },
        },
      });
      const ledger = karafka.get(Ledger).producer;
      const transaction = ledger.transaction(async (tx) => {
        await tx.produceSync({ topic: 'entries', payload: { amount: 5 } });
        sent();
        await committing;
      });
      await inTransaction;
      expect(karafka.produced('entries')).toEqual([]);
      commit();
      await transaction;
      expect(karafka.produced('entries')).toEqual([
        expect.objectContaining({ producer: 'ledger', cluster: 'primary', payload: { amount: 5 } }),
      ]);

      await karafka.produce('orders', { id: 3 });
      await karafka.consumeAll();
      expect(karafka.produced('audit', { producer: 'secondary' })).toHaveLength(1);
      expect(karafka.produced('audit', { cluster: 'primary' })).toEqual([]);
      expect(() => karafka!.produced('audit', { producer: 'secondry' })).toThrow(
        "karafka.produced('audit'): no producer is named 'secondry' (did you mean 'secondary'?)",
      );
      expect(() => karafka!.produced('audit', { cluster: 'tertiary' })).toThrow(
        "no cluster is named 'tertiary'",
      );
    });

    it('says when a topic has no dead-letter queue', async () => {
      karafka = await start([OrdersConsumer, AuditConsumer]);
      expect(() => karafka!.deadLetters('audit')).toThrow(
        "karafka.deadLetters('audit'): the topic has no deadLetterQueue (consumed on cluster 'secondary')",
      );
      expect(() => karafka!.deadLetters('nope')).toThrow('no consumer of this application routes topic');
    });

    it('shows jobs before they are performed; performJobs runs only them', async () => {
      @KafkaJob('mails')
      class MailJob {
        constructor(@InjectProducer() private readonly producer: KafkaProducer) {}
        async perform(args: { orderId: number }): Promise<void> {
          await this.producer.produceSync({ topic: 'orders', payload: { id: args.orderId } });
        }
      }
      karafka = await start([MailJob, OrdersConsumer]);
      await karafka.get(KafkaJobs).enqueue(MailJob, { orderId: 9 });
      expect(karafka.jobs(MailJob)).toEqual([
        expect.objectContaining({
          job: 'MailJob',
          args: { orderId: 9 },
          cluster: 'primary',
          topic: 'mails',
          pending: true,
        }),
      ]);
      await karafka.performJobs();
      expect(karafka.jobs()).toEqual([expect.objectContaining({ pending: false })]);
      // The order the job wrote waits for consumeAll.
      expect(karafka.get(Seen).calls).toEqual([]);
      await karafka.consumeAll();
      expect(karafka.get(Seen).calls).toEqual([{ topic: 'orders', payloads: [{ id: 9 }], attempt: 1 }]);
      expect(() => karafka!.jobs(OrdersConsumer)).toThrow(
        'karafka.jobs(OrdersConsumer): not a @KafkaJob class',
      );
    });

    it('lets KarafkaAdmin and the broker helpers read the in-memory clusters', async () => {
      karafka = await start([OrdersConsumer, AuditConsumer]);
      for (const id of [1, 2]) await karafka.produce('orders', { id });
      await karafka.consumeAll();
      const admin = karafka.get(KarafkaAdmin);
      await waitForConsumerGroup(admin, 'shop', ['orders'], { timeoutMs: 1000 });
      expect((await readMessages(admin.forCluster('secondary'), 'audit')).map((m) => m.payload)).toEqual([
        { orderId: 1 },
        { orderId: 2 },
      ]);
      expect((await admin.describeConsumerGroup('shop')).topics).toEqual([
        {
          topic: 'orders',
          lag: 0,
          partitions: [{ partition: 0, committedOffset: '2', highWatermark: '2', lag: 0 }],
        },
      ]);
    });
  });

  describe('attach and options', () => {
    it('refuses an app that is not on the in-memory driver', async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [
          KarafkaModule.forRoot({
            kafka: { 'bootstrap.servers': '127.0.0.1:19001' },
            autoStartConsumers: false,
          }),
        ],
      })
        .setLogger(silent)
        .compile();
      expect(() => KarafkaTesting.attach(moduleRef)).toThrow(
        "KarafkaTesting.attach: the application runs on the 'kafkajs' driver, not the in-memory one",
      );
      await moduleRef.close();
    });

    it('refuses an app without KarafkaModule', async () => {
      const moduleRef = await Test.createTestingModule({ providers: [Seen] }).compile();
      expect(() => KarafkaTesting.attach(moduleRef)).toThrow(
        'KarafkaTesting: the application does not import KarafkaModule',
      );
    });

    it('names a partitions option it cannot use', () => {
      const builder = () => Test.createTestingModule({});
      expect(() => KarafkaTesting.override(builder(), { partitions: 0 })).toThrow(
        "KarafkaTesting option 'partitions': expected a positive integer, got 0",
      );
      expect(() => KarafkaTesting.override(builder(), { partitions: { orders: 1.5 } })).toThrow(
        "KarafkaTesting option 'partitions'.orders: expected a positive integer, got 1.5",
      );
    });

    it('create() starts the app in one call', async () => {
      @KafkaTopic('orders')
      class Plain {
        constructor(private readonly seen: Seen) {}
        async consume(messages: KafkaMessage[], ctx: KafkaContext): Promise<void> {
          this.seen.record(messages, ctx);
        }
      }
      karafka = await KarafkaTesting.create({
        imports: [
          KarafkaModule.forRoot({
            kafka: { 'bootstrap.servers': '127.0.0.1:19001' },
            consumerGroup: 'plain',
            logRoutingTable: false,
          }),
        ],
        providers: [Seen, Plain],
      });
      await karafka.produce('orders', { id: 4 });
      await karafka.consumeAll();
      expect(karafka.get(Seen).calls).toEqual([{ topic: 'orders', payloads: [{ id: 4 }], attempt: 1 }]);
    });
  });
});
