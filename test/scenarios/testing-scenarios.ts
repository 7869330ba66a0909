/**
 * The scenarios nestjs-karafka/testing is proved on: each one runs once over the in-memory driver
 * (test/unit/testing/scenarios.spec.ts, with KarafkaTesting) and once over the test bed's real clusters
 * (test/e2e/testing-scenarios.e2e-spec.ts, with the broker helpers), and both runs must observe `expected`. A
 * difference means the in-memory driver drifted from Kafka.
 */
import { Injectable, type Provider, type Type } from '@nestjs/common';
import { IsInt } from 'class-validator';
import {
  InjectProducer,
  KafkaContext,
  KafkaJob,
  KafkaJobs,
  KafkaProducer,
  KafkaTopic,
  KarafkaValidationPipe,
  Messages,
  Payload,
  Ctx,
  type KafkaMessage,
  type KarafkaModuleOptions,
} from 'nestjs-karafka';

export type ClusterName = 'primary' | 'secondary';

/** Names and addresses of one run: base names in memory, unique ones on the shared clusters. */
export interface ScenarioEnv {
  /** The name a base topic (or group, or transactional id) has in this run. */
  name(base: string): string;
  /** The base name of a name of this run (consumers record base names, so both runs compare). */
  base(name: string): string;
  /** The consumer group of the run's app. */
  group: string;
  brokers: Record<ClusterName, string>;
}

export interface ScenarioInput {
  topic: string;
  payload: unknown;
  key?: string;
  headers?: Record<string, string>;
  partition?: number;
  cluster?: ClusterName;
}

/** What a run observes; a scenario's `expected` is written in base names. */
export interface Outcome {
  /** What the scenario's consumers and jobs recorded, in order per topic and partition. */
  log: LogEntry[];
  /** The messages the app sent to `topic@cluster`, as `{ partition, key, payload, headers }`, sorted. */
  messages: Record<string, unknown[]>;
  /** The dead letters of `topic@cluster`, as `{ partition, offset, attempts, error, payload }`, by offset. */
  deadLetters: Record<string, unknown[]>;
}

export interface LogEntry {
  topic: string;
  partition: number;
  [detail: string]: unknown;
}

export interface Scenario {
  title: string;
  /** Every topic the scenario uses (created first on the real clusters). */
  topics: Array<{ topic: string; cluster: ClusterName; partitions?: number }>;
  /**
   * The app: its providers (consumers, jobs), `forRoot` options beyond the two clusters and the group (`producers`
   * add to the `secondary` one), and what to do in it once started and the input is there (enqueue jobs, ...).
   */
  app(env: ScenarioEnv): {
    providers: Provider[];
    options?: Partial<KarafkaModuleOptions>;
    act?(get: <T>(type: Type<T>) => T): Promise<void>;
  };
  /** Produced before the app consumes. */
  input?: ScenarioInput[];
  /** Topics whose messages are compared: `topic@cluster`. */
  read?: string[];
  /** Topics whose dead letters are compared: `topic@cluster`, with the dead-letter topic. */
  deadLetters?: Array<{ topic: string; cluster: ClusterName; queue: string }>;
  expected: Outcome;
}

/** What the scenarios' consumers saw, in the order they saw it. */
@Injectable()
export class ScenarioLog {
  readonly entries: LogEntry[] = [];

  record(entry: LogEntry): void {
    this.entries.push(entry);
  }
}

const quick = { backoffMs: 20, maxBackoffMs: 20, multiplier: 1 };

/** A consume call: where, which offsets, which attempt. */
function call(env: ScenarioEnv, messages: KafkaMessage[], ctx: KafkaContext, extra: object = {}): LogEntry {
  return {
    topic: env.base(ctx.topic),
    partition: ctx.partition,
    offsets: messages.map((message) => message.offset),
    attempt: ctx.attempt,
    ...extra,
  };
}

class IdDto {
  @IsInt() id!: number;
}

export const SCENARIOS: Scenario[] = [
  {
    title:
      'routes each topic to its cluster, with keys, headers and partitions (keys partitioned as Kafka does)',
    topics: [
      { topic: 'orders', cluster: 'primary', partitions: 2 },
      { topic: 'audit', cluster: 'secondary' },
    ],
    app(env) {
      @KafkaTopic(env.name('orders'))
      class OrdersConsumer {
        constructor(
          private readonly log: ScenarioLog,
          @InjectProducer('secondary') private readonly audit: KafkaProducer,
        ) {}

        async consume(messages: KafkaMessage<{ id: number }>[], ctx: KafkaContext): Promise<void> {
          const seen = messages.map(({ key, payload, headers }) => ({
            key,
            payload,
            tenant: headers.tenant,
          }));
          this.log.record(call(env, messages, ctx, { cluster: ctx.cluster, seen }));
          for (const { key, payload } of messages) {
            await this.audit.produceSync({ topic: env.name('audit'), key, payload: { orderId: payload.id } });
          }
        }
      }
      return { providers: [OrdersConsumer] };
    },
    input: [
      { topic: 'orders', payload: { id: 1 }, key: 'k1', headers: { tenant: 'acme' }, partition: 0 },
      { topic: 'orders', payload: { id: 2 }, key: 'k2', headers: { tenant: 'globex' }, partition: 1 },
      { topic: 'orders', payload: { id: 3 }, key: 'customer-3' },
      { topic: 'orders', payload: { id: 4 }, key: 'customer-4' },
    ],
    read: ['audit@secondary'],
    expected: {
      log: [
        {
          topic: 'orders',
          partition: 0,
          offsets: ['0', '1'],
          attempt: 1,
          cluster: 'primary',
          seen: [
            { key: 'k1', payload: { id: 1 }, tenant: 'acme' },
            { key: 'customer-3', payload: { id: 3 }, tenant: undefined },
          ],
        },
        {
          topic: 'orders',
          partition: 1,
          offsets: ['0', '1'],
          attempt: 1,
          cluster: 'primary',
          seen: [
            { key: 'k2', payload: { id: 2 }, tenant: 'globex' },
            { key: 'customer-4', payload: { id: 4 }, tenant: undefined },
          ],
        },
      ],
      messages: {
        // Sorted as compared: by partition, then key.
        'audit@secondary': [3, 4, 1, 2].map((id) => ({
          partition: 0,
          key: id <= 2 ? `k${id}` : `customer-${id}`,
          payload: { orderId: id },
          headers: {},
        })),
      },
      deadLetters: {},
    },
  },
  {
    title: 'maxMessages splits a fetched batch into consume calls',
    topics: [{ topic: 'events', cluster: 'primary' }],
    app(env) {
      @KafkaTopic(env.name('events'), { maxMessages: 2 })
      class EventsConsumer {
        constructor(private readonly log: ScenarioLog) {}
        async consume(messages: KafkaMessage[], ctx: KafkaContext): Promise<void> {
          this.log.record(call(env, messages, ctx));
        }
      }
      return { providers: [EventsConsumer] };
    },
    input: [1, 2, 3, 4, 5].map((n) => ({ topic: 'events', payload: { n } })),
    expected: {
      log: [['0', '1'], ['2', '3'], ['4']].map((offsets) => ({
        topic: 'events',
        partition: 0,
        offsets,
        attempt: 1,
      })),
      messages: {},
      deadLetters: {},
    },
  },
  {
    title: 'after markAsConsumed and a failure, the retry starts after the marked message',
    topics: [{ topic: 'payments', cluster: 'primary' }],
    app(env) {
      @KafkaTopic(env.name('payments'), { retry: { maxRetries: 2, ...quick } })
      class PaymentsConsumer {
        constructor(private readonly log: ScenarioLog) {}
        async consume(messages: KafkaMessage[], ctx: KafkaContext): Promise<void> {
          this.log.record(call(env, messages, ctx));
          ctx.markAsConsumed(messages[0]);
          if (ctx.attempt === 1) throw new Error('the bank is down');
        }
      }
      return { providers: [PaymentsConsumer] };
    },
    input: [1, 2, 3].map((n) => ({ topic: 'payments', payload: { n } })),
    expected: {
      log: [
        { topic: 'payments', partition: 0, offsets: ['0', '1', '2'], attempt: 1 },
        { topic: 'payments', partition: 0, offsets: ['1', '2'], attempt: 2 },
      ],
      messages: {},
      deadLetters: {},
    },
  },
  {
    title:
      'a message that keeps failing goes to the dead-letter topic after its retries; the rest is consumed',
    topics: [
      { topic: 'shipments', cluster: 'primary' },
      { topic: 'shipments.dlq', cluster: 'primary' },
    ],
    app(env) {
      @KafkaTopic(env.name('shipments'), {
        retry: { maxRetries: 1, ...quick },
        deadLetterQueue: { topic: env.name('shipments.dlq') },
      })
      class ShipmentsConsumer {
        constructor(private readonly log: ScenarioLog) {}
        async consume(messages: KafkaMessage<{ poison?: boolean }>[], ctx: KafkaContext): Promise<void> {
          this.log.record(call(env, messages, ctx));
          for (const message of messages) {
            if (message.payload.poison) throw new Error('cannot ship this');
            ctx.markAsConsumed(message);
          }
        }
      }
      return { providers: [ShipmentsConsumer] };
    },
    input: [{}, { poison: true }, {}].map((payload) => ({ topic: 'shipments', payload })),
    deadLetters: [{ topic: 'shipments', cluster: 'primary', queue: 'shipments.dlq' }],
    expected: {
      log: [
        { topic: 'shipments', partition: 0, offsets: ['0', '1', '2'], attempt: 1 },
        { topic: 'shipments', partition: 0, offsets: ['1', '2'], attempt: 2 },
        { topic: 'shipments', partition: 0, offsets: ['2'], attempt: 1 },
      ],
      messages: {},
      deadLetters: {
        'shipments@primary': [
          {
            partition: 0,
            offset: '1',
            attempts: 2,
            error: { name: 'Error', message: 'cannot ship this' },
            payload: { poison: true },
          },
        ],
      },
    },
  },
  {
    title: 'invalid payloads are dead-lettered at once, the valid ones consumed around them',
    topics: [
      { topic: 'signups', cluster: 'secondary' },
      { topic: 'signups.dlq', cluster: 'secondary' },
    ],
    app(env) {
      @KafkaTopic(env.name('signups'), {
        cluster: 'secondary',
        deadLetterQueue: { topic: env.name('signups.dlq') },
      })
      class SignupsConsumer {
        constructor(private readonly log: ScenarioLog) {}
        async consume(
          @Payload(new KarafkaValidationPipe({ items: IdDto })) signups: IdDto[],
          @Messages() messages: KafkaMessage[],
          @Ctx() ctx: KafkaContext,
        ): Promise<void> {
          this.log.record(call(env, messages, ctx, { ids: signups.map((signup) => signup.id) }));
        }
      }
      return { providers: [SignupsConsumer] };
    },
    input: [{ id: 1 }, { id: 'x' }, { id: 2 }].map((payload) => ({
      topic: 'signups',
      payload,
      cluster: 'secondary' as const,
    })),
    deadLetters: [{ topic: 'signups', cluster: 'secondary', queue: 'signups.dlq' }],
    expected: {
      log: [
        { topic: 'signups', partition: 0, offsets: ['0'], attempt: 1, ids: [1] },
        { topic: 'signups', partition: 0, offsets: ['2'], attempt: 1, ids: [2] },
      ],
      messages: {},
      deadLetters: {
        'signups@secondary': [
          {
            partition: 0,
            offset: '1',
            attempts: 1,
            error: { name: 'PayloadValidationError', message: expect.any(String) },
            payload: { id: 'x' },
          },
        ],
      },
    },
  },
  {
    title: 'seek moves the partition back: what was not marked is delivered again',
    topics: [{ topic: 'replays', cluster: 'primary' }],
    app(env) {
      @KafkaTopic(env.name('replays'))
      class ReplaysConsumer {
        private sought = false;
        constructor(private readonly log: ScenarioLog) {}
        async consume(messages: KafkaMessage[], ctx: KafkaContext): Promise<void> {
          this.log.record(call(env, messages, ctx, { seek: !this.sought }));
          if (this.sought) return;
          this.sought = true;
          ctx.markAsConsumed(messages[0]);
          ctx.seek(1);
        }
      }
      return { providers: [ReplaysConsumer] };
    },
    input: [1, 2, 3].map((n) => ({ topic: 'replays', payload: { n } })),
    expected: {
      log: [
        { topic: 'replays', partition: 0, offsets: ['0', '1', '2'], attempt: 1, seek: true },
        { topic: 'replays', partition: 0, offsets: ['1', '2'], attempt: 1, seek: false },
      ],
      messages: {},
      deadLetters: {},
    },
  },
  {
    title: 'pause holds the partition; the rest of the batch comes once it resumes',
    topics: [{ topic: 'clicks', cluster: 'primary' }],
    app(env) {
      @KafkaTopic(env.name('clicks'), { maxMessages: 1 })
      class ClicksConsumer {
        constructor(private readonly log: ScenarioLog) {}
        async consume(messages: KafkaMessage[], ctx: KafkaContext): Promise<void> {
          this.log.record(call(env, messages, ctx));
          if (messages[0].offset === '0') ctx.pause(30);
        }
      }
      return { providers: [ClicksConsumer] };
    },
    input: [1, 2, 3].map((n) => ({ topic: 'clicks', payload: { n } })),
    expected: {
      log: ['0', '1', '2'].map((offset) => ({
        topic: 'clicks',
        partition: 0,
        offsets: [offset],
        attempt: 1,
      })),
      messages: {},
      deadLetters: {},
    },
  },
  {
    title: "background jobs are written and performed on their producer's cluster",
    topics: [
      { topic: 'mails', cluster: 'primary' },
      { topic: 'reports', cluster: 'secondary' },
    ],
    app(env) {
      @KafkaJob(env.name('mails'))
      class MailJob {
        constructor(private readonly log: ScenarioLog) {}
        async perform(args: { to: string }, job: { topic: string; partition: number; cluster: string }) {
          this.log.record({
            topic: env.base(job.topic),
            partition: job.partition,
            cluster: job.cluster,
            args,
          });
        }
      }
      @KafkaJob(env.name('reports'), { producer: 'secondary' })
      class ReportJob {
        constructor(private readonly log: ScenarioLog) {}
        async perform(args: { month: string }, job: { topic: string; partition: number; cluster: string }) {
          this.log.record({
            topic: env.base(job.topic),
            partition: job.partition,
            cluster: job.cluster,
            args,
          });
        }
      }
      return {
        providers: [MailJob, ReportJob],
        async act(get) {
          await get(KafkaJobs).enqueue(MailJob, { to: 'ada@example.com' });
          await get(KafkaJobs).enqueue(ReportJob, { month: '2024-05' });
        },
      };
    },
    expected: {
      log: [
        { topic: 'mails', partition: 0, cluster: 'primary', args: { to: 'ada@example.com' } },
        { topic: 'reports', partition: 0, cluster: 'secondary', args: { month: '2024-05' } },
      ],
      messages: {},
      deadLetters: {},
    },
  },
  {
    title: "a transaction's messages are there once it commits, an aborted one's never",
    topics: [
      { topic: 'invoices', cluster: 'primary' },
      { topic: 'ledger', cluster: 'primary' },
    ],
    app(env) {
      @KafkaTopic(env.name('invoices'))
      class InvoicesConsumer {
        constructor(@InjectProducer('ledger') private readonly ledger: KafkaProducer) {}
        async consume(messages: KafkaMessage<{ invoice: number }>[]): Promise<void> {
          for (const { payload } of messages) {
            await this.ledger.transaction(async (tx) => {
              await tx.produceManySync([
                { topic: env.name('ledger'), payload: { invoice: payload.invoice, entry: 'debit' } },
                { topic: env.name('ledger'), payload: { invoice: payload.invoice, entry: 'credit' } },
              ]);
            });
            await this.ledger
              .transaction(async (tx) => {
                await tx.produceSync({
                  topic: env.name('ledger'),
                  payload: { invoice: payload.invoice, entry: 'void' },
                });
                throw new Error('changed our mind');
              })
              .catch(() => undefined);
          }
        }
      }
      return {
        providers: [InvoicesConsumer],
        options: { producers: { ledger: { kafka: { 'transactional.id': env.name('ledger-tx') } } } },
      };
    },
    input: [{ topic: 'invoices', payload: { invoice: 7 } }],
    read: ['ledger@primary'],
    expected: {
      log: [],
      messages: {
        'ledger@primary': ['credit', 'debit'].map((entry) => ({
          partition: 0,
          key: null,
          payload: { invoice: 7, entry },
          headers: {},
        })),
      },
      deadLetters: {},
    },
  },
  {
    title: "the default producer writes to the primary cluster, whatever the consumer's cluster",
    topics: [
      { topic: 'requests', cluster: 'secondary' },
      { topic: 'replies', cluster: 'primary' },
      { topic: 'replies', cluster: 'secondary' },
    ],
    app(env) {
      @KafkaTopic(env.name('requests'), { cluster: 'secondary' })
      class RequestsConsumer {
        constructor(@InjectProducer() private readonly producer: KafkaProducer) {}
        async consume(messages: KafkaMessage[]): Promise<void> {
          for (const { payload } of messages) {
            await this.producer.produceSync({ topic: env.name('replies'), payload: { reply: payload } });
          }
        }
      }
      return { providers: [RequestsConsumer] };
    },
    input: [{ topic: 'requests', payload: { ping: 1 }, cluster: 'secondary' }],
    read: ['replies@primary', 'replies@secondary'],
    expected: {
      log: [],
      messages: {
        'replies@primary': [{ partition: 0, key: null, payload: { reply: { ping: 1 } }, headers: {} }],
        'replies@secondary': [],
      },
      deadLetters: {},
    },
  },
];
