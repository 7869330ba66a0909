import 'reflect-metadata';
import {
  Catch,
  Injectable,
  ParseArrayPipe,
  UseFilters,
  UseGuards,
  UseInterceptors,
  type CallHandler,
  type CanActivate,
  type ExceptionFilter,
  type ExecutionContext,
  type INestApplicationContext,
  type NestInterceptor,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { IsInt, IsString, Min } from 'class-validator';
import { tap } from 'rxjs';
import {
  ConsumerManager,
  Ctx,
  DEAD_LETTER_HEADERS,
  KafkaContext,
  KafkaTopic,
  KarafkaModule,
  KarafkaValidationPipe,
  NonRetriableError,
  Payload,
  isKarafkaContext,
  type KafkaMessage,
  type KarafkaModuleOptions,
} from '../../lib';
import { committedOffsets, jsonRecords, produce } from '../fixtures/consumer-kafka';
import {
  createTopic,
  primaryBrokers,
  readWithPeer,
  secondaryBrokers,
  topicExists,
  uniqueName,
  waitFor,
} from '../support/kafka-env';
import { e2eDriverName } from '../support/e2e-driver';

/**
 * Consumption through the module, as an app uses it: `@KafkaTopic` providers, Nest's pipeline around
 * `consume`, dead letters on each topic's own cluster, and draining on `app.close()`.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ids = (messages: KafkaMessage[]) => messages.map((m) => (m.payload as { id: number }).id);

function moduleOptions(groupId: string, extra: Partial<KarafkaModuleOptions> = {}): KarafkaModuleOptions {
  return {
    kafka: { 'bootstrap.servers': primaryBrokers().join(','), 'client.id': 'consumer-app-e2e' },
    clusters: {
      secondary: { 'bootstrap.servers': secondaryBrokers().join(','), 'client.id': 'consumer-app-e2e' },
    },
    consumerGroup: groupId,
    consumer: { maxWaitTime: 300, retry: { backoffMs: 50, maxBackoffMs: 200 } },
    logRoutingTable: false,
    ...extra,
  };
}

async function startApp(
  options: KarafkaModuleOptions,
  providers: Provider[],
): Promise<INestApplicationContext> {
  const moduleRef = await Test.createTestingModule({
    imports: [KarafkaModule.forRoot({ driver: e2eDriverName(), ...options })],
    providers,
  }).compile();
  moduleRef.useLogger(['error', 'warn']);
  return moduleRef.init();
}

class OrderDto {
  @IsInt()
  @Min(1)
  id!: number;

  @IsString()
  sku!: string;
}

describe('consumers in a Nest app (e2e)', () => {
  const apps: INestApplicationContext[] = [];

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  it('retries, then dead-letters on the topic’s own cluster: a secondary topic’s DLQ lands on secondary', async () => {
    const groupId = uniqueName('app-dlq');
    const onSecondary = uniqueName('app.orders-secondary');
    const onPrimary = uniqueName('app.orders-primary');
    await Promise.all([
      createTopic(secondaryBrokers(), onSecondary, 1),
      createTopic(secondaryBrokers(), `${onSecondary}.dlq`, 1),
      createTopic(primaryBrokers(), onPrimary, 1),
      createTopic(primaryBrokers(), `${onPrimary}.dlq`, 1),
    ]);
    const delivered: Record<string, number[]> = {};

    @Injectable()
    class FailsOnPoison {
      async consume(messages: KafkaMessage[], ctx: KafkaContext) {
        for (const message of messages) {
          (delivered[ctx.topic] ??= []).push((message.payload as { id: number }).id);
          if ((message.payload as { poison?: boolean }).poison)
            throw new Error(`poison on ${message.cluster}`);
          ctx.markAsConsumed(message);
        }
      }
    }
    @KafkaTopic(onSecondary, {
      cluster: 'secondary',
      deadLetterQueue: { topic: `${onSecondary}.dlq`, maxRetries: 1 },
    })
    class SecondaryOrders extends FailsOnPoison {}
    @KafkaTopic(onPrimary, { deadLetterQueue: { topic: `${onPrimary}.dlq`, maxRetries: 1 } })
    class PrimaryOrders extends FailsOnPoison {}

    const poisoned = [{ key: 'p', value: JSON.stringify({ id: 1, poison: true }) }, ...jsonRecords(1, 1, 2)];
    await Promise.all([
      produce(secondaryBrokers(), onSecondary, poisoned),
      produce(primaryBrokers(), onPrimary, poisoned),
    ]);
    apps.push(await startApp(moduleOptions(groupId), [SecondaryOrders, PrimaryOrders]));

    const [secondaryLetter] = await readWithPeer(secondaryBrokers(), `${onSecondary}.dlq`, 1);
    const [primaryLetter] = await readWithPeer(primaryBrokers(), `${onPrimary}.dlq`, 1);
    for (const [letter, topic, cluster] of [
      [secondaryLetter, onSecondary, 'secondary'],
      [primaryLetter, onPrimary, 'primary'],
    ] as const) {
      expect(letter.key).toBe('p');
      expect(letter.headers).toMatchObject({
        [DEAD_LETTER_HEADERS.topic]: topic,
        [DEAD_LETTER_HEADERS.offset]: '0',
        [DEAD_LETTER_HEADERS.cluster]: cluster,
        [DEAD_LETTER_HEADERS.consumerGroup]: groupId,
        [DEAD_LETTER_HEADERS.attempts]: '2',
        [DEAD_LETTER_HEADERS.errorMessage]: `poison on ${cluster}`,
      });
    }
    expect(await topicExists(primaryBrokers(), `${onSecondary}.dlq`)).toBe(false);
    expect(await topicExists(secondaryBrokers(), `${onPrimary}.dlq`)).toBe(false);
    await waitFor(() => delivered[onSecondary]?.includes(2) && delivered[onPrimary]?.includes(2), {
      description: 'the message after the poison',
    });
    expect(delivered[onSecondary]).toEqual([1, 1, 2]);
  });

  it('validation failures (ValidationPipe via ParseArrayPipe) go straight to the DLQ; valid payloads arrive as DTOs', async () => {
    const groupId = uniqueName('app-validation');
    const topic = uniqueName('app.validated');
    await Promise.all([
      createTopic(primaryBrokers(), topic, 1),
      createTopic(primaryBrokers(), `${topic}.dlq`, 1),
    ]);
    const received: OrderDto[] = [];
    const contexts: unknown[] = [];

    @KafkaTopic(topic, { deadLetterQueue: { topic: `${topic}.dlq`, maxRetries: 5 } })
    class ValidatedOrders {
      async consume(
        @Payload(new ParseArrayPipe({ items: OrderDto, whitelist: true })) orders: OrderDto[],
        @Ctx() ctx: KafkaContext,
      ) {
        contexts.push(ctx);
        received.push(...orders);
      }
    }

    await produce(primaryBrokers(), topic, [
      { value: JSON.stringify({ id: 1, sku: 'a', extra: 'stripped' }) },
      { value: JSON.stringify({ id: 0, sku: 'b' }) },
      { value: JSON.stringify({ id: 3, sku: 'c' }) },
    ]);
    apps.push(await startApp(moduleOptions(groupId), [ValidatedOrders]));

    const [letter] = await readWithPeer(primaryBrokers(), `${topic}.dlq`, 1);
    expect(JSON.parse(letter.value as string)).toEqual({ id: 0, sku: 'b' });
    expect(letter.headers).toMatchObject({
      [DEAD_LETTER_HEADERS.attempts]: '1',
      [DEAD_LETTER_HEADERS.errorClass]: 'BadRequestException',
    });
    expect(letter.headers[DEAD_LETTER_HEADERS.errorMessage]).toContain('id must not be less than 1');
    await waitFor(() => received.length >= 2, { description: 'the two valid orders' });
    expect(received.every((order) => order instanceof OrderDto)).toBe(true);
    expect(
      contexts.every(
        (ctx) => ctx instanceof KafkaContext && ctx.topic === topic && ctx.cluster === 'primary',
      ),
    ).toBe(true);
    expect(received.map((order) => ({ ...order }))).toEqual([
      { id: 1, sku: 'a' },
      { id: 3, sku: 'c' },
    ]);
    await waitFor(async () => (await committedOffsets(primaryBrokers(), groupId, topic))[0] === '3', {
      description: 'offset 3 committed',
    });
  });

  it('KarafkaValidationPipe dead-letters exactly the invalid payloads and consumes the valid ones around them in batches', async () => {
    const groupId = uniqueName('app-karafka-validation');
    const topic = uniqueName('app.karafka-validated');
    await Promise.all([
      createTopic(primaryBrokers(), topic, 1),
      createTopic(primaryBrokers(), `${topic}.dlq`, 1),
    ]);
    const batches: number[][] = [];
    let calls = 0;

    @KafkaTopic(topic, { deadLetterQueue: { topic: `${topic}.dlq`, maxRetries: 5 } })
    class ValidatedOrders {
      async consume(@Payload(new KarafkaValidationPipe({ items: OrderDto })) orders: OrderDto[]) {
        calls += 1;
        if (!orders.every((order) => order instanceof OrderDto)) throw new Error('not OrderDto instances');
        batches.push(orders.map((order) => order.id));
      }
    }

    // Offsets 0..5; the payloads at offsets 1 (id below 1) and 4 (sku not a string) are invalid.
    await produce(primaryBrokers(), topic, [
      { value: JSON.stringify({ id: 1, sku: 'a' }) },
      { value: JSON.stringify({ id: 0, sku: 'b' }) },
      { value: JSON.stringify({ id: 3, sku: 'c' }) },
      { value: JSON.stringify({ id: 4, sku: 'd' }) },
      { value: JSON.stringify({ id: 5, sku: 5 }) },
      { value: JSON.stringify({ id: 6, sku: 'f' }) },
    ]);
    apps.push(await startApp(moduleOptions(groupId), [ValidatedOrders]));

    const letters = await readWithPeer(primaryBrokers(), `${topic}.dlq`, 2);
    expect(letters.map((letter) => JSON.parse(letter.value as string))).toEqual([
      { id: 0, sku: 'b' },
      { id: 5, sku: 5 },
    ]);
    expect(letters.map((letter) => letter.headers[DEAD_LETTER_HEADERS.errorClass])).toEqual([
      'PayloadValidationError',
      'PayloadValidationError',
    ]);
    expect(letters[0].headers[DEAD_LETTER_HEADERS.errorMessage]).toContain('id: id must not be less than 1');
    expect(letters[1].headers[DEAD_LETTER_HEADERS.errorMessage]).toContain('sku: sku must be a string');
    await waitFor(async () => (await committedOffsets(primaryBrokers(), groupId, topic))[0] === '6', {
      description: 'offset 6 committed',
    });
    // Each valid order once, in order, in the batches between the invalid ones; no one-by-one replay.
    expect(batches.flat()).toEqual([1, 3, 4, 6]);
    expect(batches).toEqual([[1], [3, 4], [6]]);
    expect(calls).toBe(3);
  });

  it('applies guards, interceptors (also global APP_INTERCEPTOR ones) and exception filters around consume', async () => {
    const groupId = uniqueName('app-pipeline');
    const topic = uniqueName('app.pipeline');
    await Promise.all([
      createTopic(primaryBrokers(), topic, 1),
      createTopic(primaryBrokers(), `${topic}.dlq`, 1),
    ]);
    const seen = {
      guardTypes: new Set<string>(),
      intercepted: 0,
      globallyIntercepted: 0,
      handled: [] as number[],
    };

    class OutOfStockError extends Error {}

    @Injectable()
    class RejectFlagged implements CanActivate {
      canActivate(context: ExecutionContext): boolean {
        seen.guardTypes.add(context.getType());
        return !context
          .switchToRpc()
          .getData<KafkaMessage[]>()
          .some((m) => m.headers['x-reject'] === 'yes');
      }
    }
    @Injectable()
    class CountBatches implements NestInterceptor {
      intercept(context: ExecutionContext, next: CallHandler) {
        if (isKarafkaContext(context)) seen.intercepted += 1;
        return next.handle();
      }
    }
    @Catch(OutOfStockError)
    class OutOfStockIsFinal implements ExceptionFilter {
      catch(error: OutOfStockError) {
        throw new NonRetriableError(`final: ${error.message}`);
      }
    }

    @KafkaTopic(topic, { deadLetterQueue: { topic: `${topic}.dlq`, maxRetries: 3 } })
    @UseGuards(RejectFlagged)
    @UseInterceptors(CountBatches)
    @UseFilters(OutOfStockIsFinal)
    class GuardedOrders {
      async consume(messages: KafkaMessage[]) {
        if (ids(messages).includes(2)) throw new OutOfStockError('sku of order 2');
        seen.handled.push(...ids(messages));
      }
    }

    await produce(primaryBrokers(), topic, [
      ...jsonRecords(2),
      ...jsonRecords(1, 1, 2),
      { value: JSON.stringify({ id: 3 }), headers: { 'x-reject': 'yes' } },
      ...jsonRecords(1, 1, 4),
    ]);
    @Injectable()
    class CountEverywhere implements NestInterceptor {
      intercept(_context: ExecutionContext, next: CallHandler) {
        return next.handle().pipe(tap(() => (seen.globallyIntercepted += 1)));
      }
    }
    const globalInterceptor = { provide: APP_INTERCEPTOR, useClass: CountEverywhere };
    apps.push(await startApp(moduleOptions(groupId), [GuardedOrders, RejectFlagged, globalInterceptor]));

    const letters = await readWithPeer(primaryBrokers(), `${topic}.dlq`, 2);
    expect(
      letters.map((l) => [
        JSON.parse(l.value as string).id,
        l.headers[DEAD_LETTER_HEADERS.errorClass],
        l.headers[DEAD_LETTER_HEADERS.attempts],
      ]),
    ).toEqual([
      [2, 'NonRetriableError', '1'],
      [3, 'ForbiddenException', '1'],
    ]);
    await waitFor(() => seen.handled.includes(4), { description: 'order 4 handled' });
    expect([...new Set(seen.handled)].sort()).toEqual([0, 1, 4]);
    expect([...seen.guardTypes]).toEqual(['karafka']);
    expect(seen.intercepted).toBeGreaterThan(0);
    expect(seen.globallyIntercepted).toBeGreaterThan(0);
  });

  it('app.close() drains the batch in progress before onApplicationShutdown, commits it, and loses or repeats nothing', async () => {
    const groupId = uniqueName('app-drain');
    const topic = uniqueName('app.drain');
    await createTopic(primaryBrokers(), topic, 1);
    await produce(primaryBrokers(), topic, jsonRecords(40));
    const finished: number[] = [];
    const events: string[] = [];
    let inFlight = false;

    @Injectable()
    class Database implements OnApplicationShutdown {
      open = true;
      onApplicationShutdown() {
        events.push('database closed');
        this.open = false;
      }
    }
    @KafkaTopic(topic, { maxMessages: 5 })
    class SlowOrders {
      constructor(private readonly database: Database) {}
      async consume(messages: KafkaMessage[]) {
        inFlight = true;
        await sleep(300);
        if (!this.database.open) throw new Error('database already closed');
        finished.push(...ids(messages));
        events.push('batch done');
        inFlight = false;
      }
    }

    const first = await startApp(moduleOptions(groupId, { shutdownTimeout: 10000 }), [SlowOrders, Database]);
    await waitFor(() => finished.length >= 5 && inFlight, {
      description: 'a batch in progress after the first one',
    });
    await first.close();
    expect(inFlight).toBe(false);
    expect(events.at(-1)).toBe('database closed');
    expect(events.filter((e) => e === 'database closed')).toHaveLength(1);
    const drained = finished.length;
    expect(drained).toBeLessThan(40);
    expect((await committedOffsets(primaryBrokers(), groupId, topic))[0]).toBe(String(drained));

    apps.push(await startApp(moduleOptions(groupId), [SlowOrders, Database]));
    await waitFor(() => finished.length >= 40, { description: '40 orders' });
    expect(finished).toEqual([...Array(40).keys()]);
  });

  it('lists one runner per subscription group with its cluster and state', async () => {
    const groupId = uniqueName('app-runners');
    const onPrimary = uniqueName('app.runners-primary');
    const onSecondary = uniqueName('app.runners-secondary');
    await Promise.all([
      createTopic(primaryBrokers(), onPrimary, 1),
      createTopic(secondaryBrokers(), onSecondary, 1),
    ]);

    @KafkaTopic(onPrimary)
    @KafkaTopic(onSecondary, { cluster: 'secondary' })
    class Both {
      async consume() {}
    }

    const app = await startApp(moduleOptions(groupId), [Both]);
    apps.push(app);
    const runners = app.get(ConsumerManager).runners();
    expect(
      runners
        .map(({ cluster, groupId: group, topics, state, consumers }) => ({
          cluster,
          group,
          topics,
          state,
          consumers,
        }))
        .sort((a, b) => a.cluster.localeCompare(b.cluster)),
    ).toEqual([
      { cluster: 'primary', group: groupId, topics: [onPrimary], state: 'running', consumers: 1 },
      { cluster: 'secondary', group: groupId, topics: [onSecondary], state: 'running', consumers: 1 },
    ]);
    expect(app.get(ConsumerManager).liveConsumerCount()).toBe(2);
  });
});
