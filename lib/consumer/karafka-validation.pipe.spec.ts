import 'reflect-metadata';
import { Injectable, UsePipes } from '@nestjs/common';
import { ExternalContextCreator } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { Ctx, Payload } from './consume-params.decorators';
import { ConsumerHandlerFactory } from './consumer-handler.factory';
import { KafkaContext } from './kafka-context';
import type { KafkaMessage } from '../message/kafka-message.interface';
import { KarafkaValidationPipe } from './karafka-validation.pipe';
import { NonRetriableError } from '../message/non-retriable.error';
import { PayloadValidationError } from './payload-validation.error';

class LineDto {
  @IsString()
  sku!: string;
}

class OrderDto {
  @IsInt()
  @Min(1)
  id!: number;

  @ValidateNested({ each: true })
  @Type(() => LineDto)
  lines!: LineDto[];
}

async function rejection(pipe: KarafkaValidationPipe, value: unknown): Promise<PayloadValidationError> {
  try {
    await pipe.transform(value);
  } catch (error) {
    return error as PayloadValidationError;
  }
  throw new Error('the pipe accepted the value');
}

describe('KarafkaValidationPipe', () => {
  const pipe = new KarafkaValidationPipe({ items: OrderDto });

  it('hands DTO instances (nested ones too) to consume when every payload is valid', async () => {
    const orders = (await pipe.transform([
      { id: 1, lines: [{ sku: 'a' }] },
      { id: 2, lines: [] },
    ])) as OrderDto[];
    expect(orders).toHaveLength(2);
    expect(orders[0]).toBeInstanceOf(OrderDto);
    expect(orders[0].lines[0]).toBeInstanceOf(LineDto);
    expect(orders.map((order) => order.id)).toEqual([1, 2]);
  });

  it('with transform: false, hands the payloads themselves', async () => {
    const payloads = [{ id: 1, lines: [] }];
    await expect(
      new KarafkaValidationPipe({ items: OrderDto, transform: false }).transform(payloads),
    ).resolves.toBe(payloads);
  });

  it('names every invalid payload by position, with its fields and messages, and is non-retriable', async () => {
    const error = await rejection(pipe, [
      { id: 1, lines: [] },
      { id: 0, lines: [] },
      { id: 3, lines: [{ sku: 5 }] },
      'not json',
    ]);
    expect(error).toBeInstanceOf(PayloadValidationError);
    expect(error).toBeInstanceOf(NonRetriableError);
    expect(error.dto).toBe('OrderDto');
    expect(error.batchSize).toBe(4);
    expect(error.invalidIndexes).toEqual([1, 2, 3]);
    expect(error.invalid.map((payload) => payload.fields)).toEqual([['id'], ['lines.0.sku'], []]);
    expect(error.invalid[0].messages).toEqual(['id: id must not be less than 1']);
    expect(error.invalid[2].messages).toEqual(['must be an object matching OrderDto, got a string']);
    expect(error.message).toBe(
      '3 of 4 payload(s) failed validation as OrderDto: #1: id: id must not be less than 1 | ' +
        '#2: lines.0.sku: sku must be a string | #3: must be an object matching OrderDto, got a string',
    );
  });

  it('validates a single value the same way', async () => {
    await expect(pipe.transform({ id: 7, lines: [] })).resolves.toBeInstanceOf(OrderDto);
    expect((await rejection(pipe, { id: 'x', lines: [] })).invalidIndexes).toEqual([0]);
  });

  it('strips or refuses undecorated properties like class-validator (whitelist, forbidNonWhitelisted)', async () => {
    const [stripped] = (await new KarafkaValidationPipe({ items: OrderDto, whitelist: true }).transform([
      { id: 1, lines: [], extra: true },
    ])) as object[];
    expect(stripped).toEqual({ id: 1, lines: [] });
    const strict = new KarafkaValidationPipe({
      items: OrderDto,
      whitelist: true,
      forbidNonWhitelisted: true,
    });
    expect((await rejection(strict, [{ id: 1, lines: [], extra: true }])).invalid[0].messages).toEqual([
      'extra: property extra should not exist',
    ]);
  });

  it('says which packages to install when class-transformer is missing', () => {
    jest.isolateModules(() => {
      jest.doMock('class-transformer', () => {
        throw Object.assign(new Error("Cannot find module 'class-transformer'"), {
          code: 'MODULE_NOT_FOUND',
        });
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { KarafkaValidationPipe: Isolated } = require('./karafka-validation.pipe') as {
        KarafkaValidationPipe: typeof KarafkaValidationPipe;
      };
      expect(() => new Isolated({ items: OrderDto })).toThrow(
        "KarafkaValidationPipe needs the class-validator and class-transformer packages (npm i class-validator class-transformer): Cannot find module 'class-transformer'",
      );
    });
  });

  it('under @UsePipes validates the payloads and passes @Ctx() through', async () => {
    const seen: unknown[] = [];
    @Injectable()
    class OrdersConsumer {
      @UsePipes(new KarafkaValidationPipe({ items: LineDto }))
      async consume(@Payload() lines: LineDto[], @Ctx() ctx: KafkaContext) {
        seen.push(lines[0], ctx);
      }
    }
    const moduleRef = await Test.createTestingModule({ providers: [OrdersConsumer] }).compile();
    const handler = new ConsumerHandlerFactory(moduleRef.get(ExternalContextCreator)).create(
      moduleRef.get(OrdersConsumer),
    );
    const message = (payload: unknown): KafkaMessage => ({
      payload,
      rawPayload: null,
      key: null,
      headers: {},
      rawKey: null,
      rawHeaders: {},
      topic: 'orders',
      partition: 0,
      offset: '0',
      timestamp: new Date(0),
      cluster: 'primary',
    });
    const control = {
      resolve: () => undefined,
      pause: () => undefined,
      seek: () => undefined,
      heartbeat: async () => undefined,
    };
    const messages = [message({ sku: 'a' })];
    const ctx = new KafkaContext('primary', 'g', 'g@primary#0', 'orders', 0, messages, 1, control);
    await handler(messages, ctx);
    expect(seen[0]).toBeInstanceOf(LineDto);
    expect(seen[1]).toBe(ctx);
    await expect(handler([message({ sku: 1 })], ctx)).rejects.toThrow(
      '1 of 1 payload(s) failed validation as LineDto: #0: sku: sku must be a string',
    );
  });

  it('refuses a DTO without class-validator decorators when it is built, naming the class', () => {
    class UndecoratedDto {
      id!: number;
    }
    expect(() => new KarafkaValidationPipe({ items: UndecoratedDto })).toThrow(
      'KarafkaValidationPipe: UndecoratedDto has no class-validator decorators, so every payload would be rejected as an unknown value; decorate its properties, or pass forbidUnknownValues: false',
    );
    expect(
      () => new KarafkaValidationPipe({ items: UndecoratedDto, forbidUnknownValues: false }),
    ).not.toThrow();
  });

  it('refuses to be built without a DTO class, saying what it needs', () => {
    expect(() => new KarafkaValidationPipe({} as never)).toThrow(
      'KarafkaValidationPipe needs { items: DtoClass }, the class every payload is validated against; got undefined',
    );
  });
});

describe('KarafkaValidationPipe messages', () => {
  class Item {
    @IsString()
    sku!: string;
  }
  class Basket {
    // No @Type: the nested value stays a plain object, which class-validator calls an unknown value.
    @ValidateNested()
    item!: Item;
  }

  it('names the nested field of an unknown value, not "undefined"', async () => {
    const error = await rejection(new KarafkaValidationPipe({ items: Basket }), [{ item: { sku: 'a' } }]);
    expect(error.invalid[0].messages).toEqual(['item: an unknown value was passed to the validate function']);
    expect(error.invalid[0].fields).toEqual(['item']);
  });
});
