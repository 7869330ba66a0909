import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import { KafkaProducer, KarafkaAdmin } from 'nestjs-karafka';
import { createThrowAwayTopic, readMessages, waitForConsumers } from 'nestjs-karafka/testing';
import { AppModule, Receipts } from '../src/app.module';

describe('orders, on a local Kafka', () => {
  let app: TestingModule;
  beforeAll(async () => {
    app = await Test.createTestingModule({ imports: [AppModule] }).compile();
    await app.init();
  });
  afterAll(() => app.close());

  it('runs against the cluster the global setup provides', () => {
    expect(process.env.KAFKA_PRIMARY_BROKERS).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('accepts an order and reports it on the audit topic', async () => {
    await app.get(KafkaProducer).produceSync({ topic: 'orders', payload: { id: 7 } });
    await waitForConsumers(app);
    expect(app.get(Receipts).ids).toEqual([7]);
    expect(await readMessages(app.get(KarafkaAdmin), 'audit')).toEqual([
      expect.objectContaining({ payload: { orderId: 7 } }),
    ]);
  });

  it('creates throw-away topics', async () => {
    const admin = app.get(KarafkaAdmin);
    const topic = await createThrowAwayTopic(admin, 'scratch', { partitions: 2 });
    expect(topic).toMatch(/^scratch-/);
    expect((await admin.describeTopic(topic)).partitions).toHaveLength(2);
  });
});
