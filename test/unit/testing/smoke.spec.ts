import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { KafkaTopic, KarafkaModule, type KafkaMessage, InjectProducer, KafkaProducer } from 'nestjs-karafka';
import { KarafkaTesting } from 'nestjs-karafka/testing';

@Injectable()
class Seen { readonly messages: unknown[] = []; }

@KafkaTopic('orders')
class OrdersConsumer {
  constructor(private readonly seen: Seen, @InjectProducer('secondary') private readonly out: KafkaProducer) {}
  async consume(messages: KafkaMessage[]) {
    for (const m of messages) {
      this.seen.messages.push(m.payload);
      await this.out.produceSync({ topic: 'audit', payload: { orderId: (m.payload as { id: number }).id } });
    }
  }
}

@Module({
  imports: [KarafkaModule.forRoot({ kafka: { 'bootstrap.servers': '127.0.0.1:1' }, clusters: { secondary: { 'bootstrap.servers': '127.0.0.1:2' } }, producers: { secondary: { cluster: 'secondary' } }, consumerGroup: 'g', logRoutingTable: false })],
  providers: [Seen, OrdersConsumer],
})
class AppModule {}

it('works', async () => {
  const t0 = Date.now();
  const karafka = await KarafkaTesting.create({ imports: [AppModule] });
  const t1 = Date.now();
  await karafka.produce('orders', { id: 1 }, { key: '1', headers: { tenant: 'acme' } });
  expect(karafka.get(Seen).messages).toEqual([]);
  await karafka.consumeAll();
  const t2 = Date.now();
  expect(karafka.get(Seen).messages).toEqual([{ id: 1 }]);
  expect(karafka.produced('audit', { cluster: 'secondary' })).toEqual([expect.objectContaining({ payload: { orderId: 1 }, producer: 'secondary' })]);
  await expect(karafka.produce('audit', {})).rejects.toThrow(/no consumer/);
  await karafka.close();
  console.log('create', t1 - t0, 'consume', t2 - t1, 'close', Date.now() - t2);
});
