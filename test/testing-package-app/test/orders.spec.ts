import 'reflect-metadata';
import { KarafkaAdmin } from 'nestjs-karafka';
import { KarafkaTesting } from 'nestjs-karafka/testing';
import { AppModule, Receipts } from '../src/app.module';

describe('orders, on the in-memory driver', () => {
  let karafka: KarafkaTesting;
  beforeEach(async () => (karafka = await KarafkaTesting.create({ imports: [AppModule] })));
  afterEach(() => karafka.close());

  it('accepts an order and reports it on the audit topic', async () => {
    await karafka.produce('orders', { id: 1 }, { key: '1' });
    await karafka.consumeAll();
    expect(karafka.get(Receipts).ids).toEqual([1]);
    expect(karafka.produced('audit')).toEqual([expect.objectContaining({ payload: { orderId: 1 } })]);
  });

  it('dead-letters an order with a negative id', async () => {
    await karafka.produce('orders', { id: -1 });
    await karafka.consumeAll();
    expect(karafka.deadLetters('orders')).toEqual([
      expect.objectContaining({
        payload: { id: -1 },
        error: { name: 'Error', message: 'order -1 has a negative id' },
      }),
    ]);
  });

  it('creates the declared topics as declared', async () => {
    const admin = karafka.get(KarafkaAdmin);
    expect(await admin.listTopics()).toEqual(expect.arrayContaining(['audit', 'orders']));
    expect((await admin.describeTopic('orders')).partitions).toHaveLength(2);
  });

  it('refuses a message for a topic nothing consumes', async () => {
    await expect(karafka.produce('audit', {})).rejects.toThrow(
      "no consumer of this application routes topic 'audit'",
    );
  });
});
