import {
  BadRequestException,
  Catch,
  ForbiddenException,
  Injectable,
  ParseArrayPipe,
  UseFilters,
  UseGuards,
  UseInterceptors,
  type ArgumentsHost,
  type CallHandler,
  type CanActivate,
  type ExceptionFilter,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { ExternalContextCreator } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { IsInt, IsString, Min } from 'class-validator';
import { tap, throwError } from 'rxjs';
import { Ctx, Messages, Payload } from './consume-params.decorators';
import { ConsumerHandlerFactory, getKarafkaArgs, isKarafkaContext } from './consumer-handler.factory';
import { isNonRetriable } from './failure-policy';
import { KafkaContext } from './kafka-context';
import type { KafkaMessage } from '../message/kafka-message.interface';

class OrderDto {
  @IsInt()
  @Min(1)
  id!: number;

  @IsString()
  sku!: string;
}

function messageOf(payload: unknown, offset: string): KafkaMessage {
  return {
    payload,
    rawPayload: null,
    key: null,
    headers: {},
    rawKey: null,
    rawHeaders: {},
    topic: 'orders',
    partition: 0,
    offset,
    timestamp: new Date(0),
    cluster: 'primary',
  };
}

function batch(...payloads: unknown[]): [KafkaMessage[], KafkaContext] {
  const messages = payloads.map((p, i) => messageOf(p, String(i)));
  const control = {
    resolve: () => undefined,
    pause: () => undefined,
    seek: () => undefined,
    heartbeat: async () => undefined,
  };
  return [messages, new KafkaContext('primary', 'shop', 'shop@primary#0', 'orders', 0, messages, 1, control)];
}

const seen: Record<string, unknown> = {};

@Injectable()
class PositionalConsumer {
  async consume(messages: KafkaMessage[], ctx: KafkaContext) {
    seen.positional = { count: messages.length, topic: ctx.topic };
  }
}

@Injectable()
class ValidatingConsumer {
  async consume(
    @Payload(new ParseArrayPipe({ items: OrderDto })) orders: OrderDto[],
    @Messages() messages: KafkaMessage[],
    @Ctx() ctx: KafkaContext,
  ) {
    seen.validated = { orders, offsets: messages.map((m) => m.offset), partition: ctx.partition };
  }
}

@Injectable()
class DenyOddBatches implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    seen.guardType = context.getType();
    seen.guardIsKarafka = isKarafkaContext(context);
    return getKarafkaArgs(context).messages.length % 2 === 0;
  }
}

@Injectable()
class RecordingInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler) {
    const { ctx } = getKarafkaArgs(context);
    seen.interceptedBefore = ctx.topic;
    return next.handle().pipe(tap(() => (seen.interceptedAfter = true)));
  }
}

@UseGuards(DenyOddBatches)
@UseInterceptors(RecordingInterceptor)
@Injectable()
class GuardedConsumer {
  async consume(messages: KafkaMessage[]) {
    seen.guarded = messages.length;
  }
}

class OutOfStock extends Error {}

@Catch(OutOfStock)
class RethrowAsOther implements ExceptionFilter {
  catch(exception: OutOfStock, host: ArgumentsHost) {
    seen.filterIsKarafka = isKarafkaContext(host);
    throw new Error(`wrapped: ${exception.message}`);
  }
}

@Catch()
class ObservableErrorFilter implements ExceptionFilter {
  catch(exception: Error) {
    return throwError(() => new Error(`as observable: ${exception.message}`));
  }
}

@Catch()
class SwallowingFilter implements ExceptionFilter {
  catch() {
    return 'handled';
  }
}

@UseFilters(RethrowAsOther)
@Injectable()
class RethrowFilteredConsumer {
  async consume() {
    throw new OutOfStock('sku-1');
  }
}

@UseFilters(ObservableErrorFilter)
@Injectable()
class ObservableFilteredConsumer {
  async consume() {
    throw new Error('db down');
  }
}

@UseFilters(SwallowingFilter)
@Injectable()
class SwallowFilteredConsumer {
  async consume() {
    throw new Error('ignored');
  }
}

describe('ConsumerHandlerFactory (Nest pipeline around consume)', () => {
  let factory: ConsumerHandlerFactory;
  let get: <T>(type: new (...args: never[]) => T) => T;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      providers: [
        PositionalConsumer,
        ValidatingConsumer,
        GuardedConsumer,
        DenyOddBatches,
        RecordingInterceptor,
        RethrowFilteredConsumer,
        ObservableFilteredConsumer,
        SwallowFilteredConsumer,
      ],
    }).compile();
    factory = new ConsumerHandlerFactory(moduleRef.get(ExternalContextCreator));
    get = (type) => moduleRef.get(type);
  });

  beforeEach(() => {
    for (const key of Object.keys(seen)) delete seen[key];
  });

  it('passes messages and ctx positionally when consume has no parameter decorators', async () => {
    await factory.create(get(PositionalConsumer))(...batch({ id: 1 }, { id: 2 }));
    expect(seen.positional).toEqual({ count: 2, topic: 'orders' });
  });

  it('runs @Payload pipes: valid payloads become DTO instances, @Messages and @Ctx are injected', async () => {
    await factory.create(get(ValidatingConsumer))(...batch({ id: 1, sku: 'a' }, { id: 2, sku: 'b' }));
    const { orders, offsets, partition } = seen.validated as {
      orders: OrderDto[];
      offsets: string[];
      partition: number;
    };
    expect(orders.every((o) => o instanceof OrderDto)).toBe(true);
    expect(orders.map((o) => o.id)).toEqual([1, 2]);
    expect(offsets).toEqual(['0', '1']);
    expect(partition).toBe(0);
  });

  it('rejects an invalid payload with a BadRequestException, which is non-retriable', async () => {
    const failure = await factory
      .create(get(ValidatingConsumer))(...batch({ id: 1, sku: 'a' }, { id: 0, sku: 7 }))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BadRequestException);
    expect(isNonRetriable(failure)).toBe(true);
    expect(seen.validated).toBeUndefined();
  });

  it('applies guards (context type karafka) and interceptors', async () => {
    const handler = factory.create(get(GuardedConsumer));
    await handler(...batch(1, 2));
    expect(seen).toMatchObject({
      guardType: 'karafka',
      guardIsKarafka: true,
      guarded: 2,
      interceptedBefore: 'orders',
      interceptedAfter: true,
    });

    delete seen.guarded;
    const denied = await handler(...batch(1)).catch((error: unknown) => error);
    expect(denied).toBeInstanceOf(ForbiddenException);
    expect(isNonRetriable(denied)).toBe(true);
    expect(seen.guarded).toBeUndefined();
  });

  it('surfaces what exception filters throw or return as an erroring Observable', async () => {
    await expect(factory.create(get(RethrowFilteredConsumer))(...batch(1))).rejects.toThrow('wrapped: sku-1');
    expect(seen.filterIsKarafka).toBe(true);
    await expect(factory.create(get(ObservableFilteredConsumer))(...batch(1))).rejects.toThrow(
      'as observable: db down',
    );
  });

  it('treats a filter that returns a value as having handled the error', async () => {
    await expect(factory.create(get(SwallowFilteredConsumer))(...batch(1))).resolves.toBeUndefined();
  });

  it('names the class that has no consume method', () => {
    class NotAConsumer {}
    expect(() => factory.create(new NotAConsumer())).toThrow(
      'NotAConsumer has no consume(messages, ctx) method',
    );
  });
});
