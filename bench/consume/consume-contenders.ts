import 'reflect-metadata';
import {
  Controller,
  type DynamicModule,
  Injectable,
  Module,
  ParseArrayPipe,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type INestApplicationContext,
  type NestInterceptor,
  type PipeTransform,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  EventPattern,
  Payload as MicroservicePayload,
  Transport,
  type MicroserviceOptions,
} from '@nestjs/microservices';
import { IsInt, IsNumber, IsString, Length } from 'class-validator';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { tap, type Observable } from 'rxjs';
import { Registry } from 'prom-client';
import { KafkaTopic, KarafkaModule, KarafkaValidationPipe, Payload, type KafkaMessage } from '../../lib';
import { KarafkaMetricsModule } from '../../lib/metrics';
import { KarafkaWebModule } from '../../lib/web';
import type { WebTopicNames } from '../../lib/web/reporting/web-reporting-options.interface';
import { WebTracker } from '../../lib/web/reporting/web-tracker';
import type { BenchOrder } from '../support/bench-topics';
import { ConsumptionTally } from './consumption-tally';

/**
 * The consume contenders. Each consumes the same pre-filled topic(s) with a fresh consumer group, does the same
 * work per message (decode the JSON order, record its id), and reports:
 *   startToReadyMs        from creating the client/app until it has joined the group (Nest bootstrap included),
 *   startToFirstMessageMs from the same start until the first message reached the handler,
 *   consumeMs             from ready until the last message reached the handler (the rate's denominator),
 *   cpuMicrosPerMessage   CPU time (user + system) of the process over the same span, per message: the client's
 *                         own cost, without the time spent waiting for the (shared) brokers.
 */
export const CONSUME_CONTENDERS = {
  'kafkajs-eachBatch': 'raw kafkajs eachBatch, resolveOffset per message (baseline)',
  'kafkajs-eachMessage': 'raw kafkajs eachMessage',
  'nest-microservices': '@nestjs/microservices Kafka transport, @EventPattern',
  karafka: 'nestjs-karafka @KafkaTopic batch consume, no enhancers',
  'karafka-librdkafka': 'nestjs-karafka @KafkaTopic batch consume, no enhancers, librdkafka driver',
  'karafka-metrics': 'nestjs-karafka @KafkaTopic batch consume + KarafkaMetricsModule (prom-client)',
  'karafka-web': 'nestjs-karafka @KafkaTopic batch consume + KarafkaWebModule tracker reporting every 500 ms',
  'karafka-tracing-noop':
    'nestjs-karafka @KafkaTopic batch consume, tracing: true with no OpenTelemetry SDK registered',
  'karafka-enhanced': 'nestjs-karafka + KarafkaValidationPipe (class-validator DTO) + interceptor',
  'karafka-nest-validation': "nestjs-karafka + Nest's ValidationPipe (ParseArrayPipe items) + interceptor",
  'karafka-plumbing': 'nestjs-karafka + interceptor + pass-through pipe (enhancer plumbing only)',
  'karafka-multi-cluster': 'nestjs-karafka, same workload split over 2 clusters',
  'kafkajs-eachBatch-multi-cluster': 'raw kafkajs eachBatch, same split, one consumer per cluster',
} as const;
export type ConsumeContender = keyof typeof CONSUME_CONTENDERS;

export interface ConsumeTopic {
  topic: string;
  cluster: 'primary' | 'secondary';
}

export interface ConsumeTask {
  contender: ConsumeContender;
  brokers: { primary: string; secondary: string };
  topics: ConsumeTopic[];
  /** Orders with ids 0..expected-1 are spread over `topics`. */
  expected: number;
  groupId: string;
  timeoutMs: number;
  /** The Web contender's reporting topics on primary (named by the suite, so it can delete them). */
  webTopics?: Required<WebTopicNames>;
}

/**
 * The Web contender's tracking interval: a tenth of the default 5 s, so that even a run of a few seconds
 * publishes several reports while it consumes (an upper bound on what the default costs).
 */
export const WEB_BENCH_TRACKING_INTERVAL_MS = 500;

export interface ConsumeRun {
  contender: ConsumeContender;
  messages: number;
  duplicates: number;
  startToReadyMs: number;
  startToFirstMessageMs: number;
  consumeMs: number;
  messagesPerSecond: number;
  cpuMicrosPerMessage: number;
  /** How often the interceptor of an enhanced contender ran (one call per `consume` batch). */
  interceptorCalls?: number;
  /** What the metrics contender's `karafka_messages_consumed_total` said before closing. */
  metricsConsumed?: number;
  /** The Web contender's reports delivered from ready until the last message, and in all before closing. */
  webReports?: { duringConsume: number; total: number };
}

/** A started contender; one with metrics tells what they counted, the Web one how many reports it delivered. */
type Started = {
  close(): Promise<void>;
  metricsConsumed?: () => Promise<number>;
  webReportsDelivered?: () => number;
};

const KAFKAJS_CONSUMER = { maxWaitTimeInMs: 1000 } as const;

function primaryOnly(task: ConsumeTask): string[] {
  const foreign = task.topics.filter((t) => t.cluster !== 'primary');
  if (foreign.length > 0) throw new Error(`${task.contender} consumes from the primary cluster only`);
  return task.topics.map((t) => t.topic);
}

/** One subscribed kafkajs consumer per cluster of the task's topics. */
async function kafkajsConsumers(task: ConsumeTask): Promise<Consumer[]> {
  const clusters = [...new Set(task.topics.map((t) => t.cluster))];
  return Promise.all(
    clusters.map(async (cluster) => {
      const brokers = task.brokers[cluster].split(',');
      const kafka = new Kafka({ clientId: `bench-${task.contender}`, brokers, logLevel: logLevel.ERROR });
      const consumer = kafka.consumer({ groupId: task.groupId, ...KAFKAJS_CONSUMER });
      await consumer.connect();
      const topics = task.topics.filter((t) => t.cluster === cluster).map((t) => t.topic);
      await consumer.subscribe({ topics, fromBeginning: true });
      return consumer;
    }),
  );
}

const decode = (value: Buffer | null): BenchOrder =>
  JSON.parse((value as Buffer).toString('utf8')) as BenchOrder;

async function startKafkajs(task: ConsumeTask, run: Parameters<Consumer['run']>[0]): Promise<Started> {
  const consumers = await kafkajsConsumers(task);
  await Promise.all(consumers.map((consumer) => consumer.run(run)));
  return { close: async () => void (await Promise.all(consumers.map((consumer) => consumer.disconnect()))) };
}

function startKafkajsEachBatch(task: ConsumeTask, tally: ConsumptionTally): Promise<Started> {
  // The pattern of kafkajs' own eachBatch documentation.
  return startKafkajs(task, {
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
      for (const message of batch.messages) {
        if (!isRunning() || isStale()) break;
        tally.record(decode(message.value).id);
        resolveOffset(message.offset);
        await heartbeat();
      }
    },
  });
}

function startKafkajsEachMessage(task: ConsumeTask, tally: ConsumptionTally): Promise<Started> {
  return startKafkajs(task, {
    eachMessage: async ({ message }) => {
      tally.record(decode(message.value).id);
    },
  });
}

async function startNestMicroservices(task: ConsumeTask, tally: ConsumptionTally): Promise<Started> {
  const [topic, ...more] = primaryOnly(task);
  if (more.length > 0) throw new Error('nest-microservices consumes one topic');

  @Controller()
  class OrdersController {
    @EventPattern(topic)
    handle(@MicroservicePayload() order: BenchOrder): void {
      tally.record(order.id);
    }
  }
  @Module({ controllers: [OrdersController] })
  class OrdersModule {}

  const app = await NestFactory.createMicroservice<MicroserviceOptions>(OrdersModule, {
    transport: Transport.KAFKA,
    options: {
      client: { clientId: 'bench-nest', brokers: task.brokers.primary.split(','), logLevel: logLevel.ERROR },
      consumer: { groupId: task.groupId, ...KAFKAJS_CONSUMER },
      postfixId: '',
      subscribe: { fromBeginning: true },
    },
    logger: ['error', 'warn'],
  });
  await app.listen();
  return { close: () => app.close() };
}

function karafkaModule(task: ConsumeTask, tracing = false) {
  const secondaryNeeded = task.topics.some((t) => t.cluster === 'secondary');
  return KarafkaModule.forRoot({
    driver: task.contender === 'karafka-librdkafka' ? 'librdkafka' : 'kafkajs',
    kafka: { 'bootstrap.servers': task.brokers.primary, 'client.id': 'bench-karafka' },
    clusters: secondaryNeeded
      ? { secondary: { 'bootstrap.servers': task.brokers.secondary, 'client.id': 'bench-karafka' } }
      : {},
    consumerGroup: task.groupId,
    logRoutingTable: false,
    statisticsInterval: 0,
    tracing,
  });
}

/** Applies one `@KafkaTopic` per task topic (the multi-cluster contender has one per cluster). */
function routeTopics(task: ConsumeTask, target: Type): void {
  for (const { topic, cluster } of [...task.topics].reverse()) KafkaTopic(topic, { cluster })(target);
}

async function startKarafkaApp(
  task: ConsumeTask,
  consumer: Type,
  imports: DynamicModule[] = [],
  tracing = false,
): Promise<INestApplicationContext> {
  routeTopics(task, consumer);
  @Module({ imports: [karafkaModule(task, tracing), ...imports], providers: [consumer] })
  class BenchAppModule {}
  return NestFactory.createApplicationContext(BenchAppModule, { logger: ['error', 'warn'] });
}

function ordersConsumer(tally: ConsumptionTally): Type {
  return class OrdersConsumer {
    async consume(messages: KafkaMessage[]): Promise<void> {
      for (const message of messages) tally.record((message.payload as BenchOrder).id);
    }
  };
}

async function startKarafka(task: ConsumeTask, tally: ConsumptionTally, tracing = false): Promise<Started> {
  const app = await startKarafkaApp(task, ordersConsumer(tally), [], tracing);
  return { close: () => app.close() };
}

/** The plain contender with the library's Prometheus metrics registered, as an app serving /metrics runs. */
async function startKarafkaWithMetrics(task: ConsumeTask, tally: ConsumptionTally): Promise<Started> {
  const registry = new Registry();
  const app = await startKarafkaApp(task, ordersConsumer(tally), [
    KarafkaMetricsModule.forRoot({ registry }),
  ]);
  return {
    close: () => app.close(),
    metricsConsumed: async () => {
      const metric = registry.getSingleMetric('karafka_messages_consumed_total');
      const values = metric ? (await metric.get()).values : [];
      return values.reduce((sum, { value }) => sum + value, 0);
    },
  };
}

/** The plain contender with the Web UI's tracker on: what every process of an app with the Web UI runs. */
async function startKarafkaWithWebTracker(task: ConsumeTask, tally: ConsumptionTally): Promise<Started> {
  if (!task.webTopics) throw new Error(`${task.contender} needs webTopics`);
  const app = await startKarafkaApp(task, ordersConsumer(tally), [
    KarafkaWebModule.forRoot({
      // Basic auth rather than auth: false, whose start-up warning would land in the bench's output. No HTTP
      // server here: the tracker reports, no page is served.
      auth: { username: 'bench', password: 'bench' },
      topics: task.webTopics,
      autoMigrate: true,
      trackingInterval: WEB_BENCH_TRACKING_INTERVAL_MS,
    }),
  ]);
  const tracker = app.get(WebTracker);
  return { close: () => app.close(), webReportsDelivered: () => tracker.deliveries().delivered };
}

class OrderDto implements BenchOrder {
  @IsInt() id!: number;
  @IsString() kind!: string;
  @IsNumber() amount!: number;
  @IsString() @Length(3, 3) currency!: string;
  @IsString() customer!: string;
  @IsString() note!: string;
}

/** A typical cross-cutting interceptor: measures how long each `consume` call takes. */
@Injectable()
class TimingInterceptor implements NestInterceptor {
  calls = 0;
  totalMs = 0;

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const started = performance.now();
    return next.handle().pipe(
      tap(() => {
        this.calls += 1;
        this.totalMs += performance.now() - started;
      }),
    );
  }
}

/** A pipe that does nothing: what remains is the cost of running the pipeline around `consume`. */
class PassThroughPipe implements PipeTransform {
  transform(value: unknown): unknown {
    return value;
  }
}

async function startKarafkaPlumbing(
  task: ConsumeTask,
  tally: ConsumptionTally,
  interceptor: TimingInterceptor,
): Promise<Started> {
  class InterceptedOrdersConsumer {
    @UseInterceptors(interceptor)
    async consume(@Payload(new PassThroughPipe()) orders: BenchOrder[]): Promise<void> {
      for (const order of orders) tally.record(order.id);
    }
  }
  const app = await startKarafkaApp(task, InterceptedOrdersConsumer);
  return { close: () => app.close() };
}

/** Case 5: validation of every payload against `OrderDto` and an interceptor, with the given pipe. */
async function startKarafkaValidated(
  task: ConsumeTask,
  tally: ConsumptionTally,
  interceptor: TimingInterceptor,
  pipe: PipeTransform,
): Promise<Started> {
  class ValidatedOrdersConsumer {
    @UseInterceptors(interceptor)
    async consume(@Payload(pipe) orders: OrderDto[]): Promise<void> {
      for (const order of orders) {
        if (!(order instanceof OrderDto)) throw new Error('the pipe did not hand OrderDto instances');
        tally.record(order.id);
      }
    }
  }
  const app = await startKarafkaApp(task, ValidatedOrdersConsumer);
  return { close: () => app.close() };
}

/** Runs one contender once: start, consume every message, stop. */
export async function runConsumeContender(task: ConsumeTask): Promise<ConsumeRun> {
  const tally = new ConsumptionTally(task.expected);
  const interceptor = new TimingInterceptor();
  const startedAt = performance.now();
  let started: Started;
  switch (task.contender) {
    case 'kafkajs-eachBatch':
    case 'kafkajs-eachBatch-multi-cluster':
      started = await startKafkajsEachBatch(task, tally);
      break;
    case 'kafkajs-eachMessage':
      started = await startKafkajsEachMessage(task, tally);
      break;
    case 'nest-microservices':
      started = await startNestMicroservices(task, tally);
      break;
    case 'karafka':
    case 'karafka-librdkafka':
    case 'karafka-multi-cluster':
      started = await startKarafka(task, tally);
      break;
    case 'karafka-metrics':
      started = await startKarafkaWithMetrics(task, tally);
      break;
    case 'karafka-web':
      started = await startKarafkaWithWebTracker(task, tally);
      break;
    case 'karafka-tracing-noop':
      // What tracing costs when the app turned it on but registered no SDK: OpenTelemetry's no-op tracer.
      started = await startKarafka(task, tally, true);
      break;
    case 'karafka-enhanced':
      started = await startKarafkaValidated(
        task,
        tally,
        interceptor,
        new KarafkaValidationPipe({ items: OrderDto }),
      );
      break;
    case 'karafka-nest-validation':
      started = await startKarafkaValidated(
        task,
        tally,
        interceptor,
        new ParseArrayPipe({ items: OrderDto }),
      );
      break;
    case 'karafka-plumbing':
      started = await startKarafkaPlumbing(task, tally, interceptor);
      break;
    default:
      throw new Error(`unknown consume contender '${String(task.contender)}'`);
  }
  const readyAt = performance.now();
  const readyCpu = process.cpuUsage();
  const reportsAtReady = started.webReportsDelivered?.();
  let metricsConsumed: number | undefined;
  let reportsAtEnd: number | undefined;
  try {
    await tally.waitForAll(task.timeoutMs, task.contender);
    reportsAtEnd = started.webReportsDelivered?.();
    metricsConsumed = await started.metricsConsumed?.();
  } finally {
    await started.close();
  }
  const reportsTotal = started.webReportsDelivered?.();
  const firstAt = tally.firstAt as number;
  const lastAt = tally.lastAt as number;
  // A contender whose first batch arrived before its start call returned is timed from that batch.
  const consumeStart = Math.min(readyAt, firstAt);
  const consumeMs = lastAt - consumeStart;
  const lastCpu = tally.lastCpu as NodeJS.CpuUsage;
  const cpuMicros = lastCpu.user + lastCpu.system - readyCpu.user - readyCpu.system;
  return {
    contender: task.contender,
    messages: tally.count,
    duplicates: tally.duplicates,
    startToReadyMs: readyAt - startedAt,
    startToFirstMessageMs: firstAt - startedAt,
    consumeMs,
    messagesPerSecond: tally.count / (consumeMs / 1000),
    cpuMicrosPerMessage: cpuMicros / tally.count,
    interceptorCalls: interceptor.calls > 0 ? interceptor.calls : undefined,
    metricsConsumed,
    webReports:
      reportsTotal === undefined
        ? undefined
        : { duringConsume: (reportsAtEnd ?? 0) - (reportsAtReady ?? 0), total: reportsTotal },
  };
}
