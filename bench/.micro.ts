import 'reflect-metadata';
import { Injectable, Module, UseInterceptors, type CallHandler, type NestInterceptor, type PipeTransform, ParseArrayPipe } from '@nestjs/common';
import { ExternalContextCreator, NestFactory } from '@nestjs/core';
import { tap } from 'rxjs';
import { IsInt, IsNumber, IsString, Length, validateSync } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { ConsumerHandlerFactory } from '../lib/consumer/consumer-handler.factory';
import { Payload } from '../lib';
import { orderJson } from './support/bench-topics';

@Injectable() class TI implements NestInterceptor { calls = 0; intercept(_c: unknown, next: CallHandler) { const s = performance.now(); return next.handle().pipe(tap(() => { this.calls += performance.now() - s; })); } }
class PT implements PipeTransform { transform(v: unknown) { return v; } }
class OrderDto { @IsInt() id!: number; @IsString() kind!: string; @IsNumber() amount!: number; @IsString() @Length(3, 3) currency!: string; @IsString() customer!: string; @IsString() note!: string; }
let sink = 0;
class Plain { async consume(messages: any[]) { for (const m of messages) sink += m.payload.id; } }
class Plumb { @UseInterceptors(new TI()) async consume(@Payload(new PT()) orders: any[]) { for (const o of orders) sink += o.id; } }
class SyncPipe implements PipeTransform { transform(v: any[]) { const items = plainToInstance(OrderDto, v); for (const it of items) { const e = validateSync(it); if (e.length) throw new Error('bad'); } return items; } }
class ValidSync { @UseInterceptors(new TI()) async consume(@Payload(new SyncPipe()) orders: any[]) { for (const o of orders) sink += o.id; } }
class Valid { @UseInterceptors(new TI()) async consume(@Payload(new ParseArrayPipe({ items: OrderDto })) orders: any[]) { for (const o of orders) sink += o.id; } }
@Module({ providers: [] }) class M {}
(async () => {
  const app = await NestFactory.createApplicationContext(M, { logger: false });
  const factory = new ConsumerHandlerFactory(app.get(ExternalContextCreator));
  const messages = Array.from({ length: 100 }, (_, i) => ({ payload: JSON.parse(orderJson(i, 1024)) }));
  const handlers: Record<string, any> = { plain: factory.create(new Plain()), plumbing: factory.create(new Plumb()), validation: factory.create(new Valid()), validateSync: factory.create(new ValidSync()) };
  const raw = new Plain();
  for (let round = 0; round < 3; round++) {
    for (const [name, h] of (process.env.ONLY ? [[process.env.ONLY, handlers[process.env.ONLY]]] : [['raw', (m: any) => raw.consume(m)], ...Object.entries(handlers)]) as Array<[string, any]>) {
      const calls = name.startsWith('valid') ? 300 : 5000;
      const t = performance.now();
      for (let i = 0; i < calls; i++) await h(messages, {});
      const us = ((performance.now() - t) * 1000) / calls;
      console.log(round, name.padEnd(10), us.toFixed(1), 'µs per call of 100 messages =', (us / 100).toFixed(2), 'µs/msg');
    }
  }
  await app.close();
})();
