import { Injectable, Module } from '@nestjs/common';
import {
  InjectProducer,
  KafkaContext,
  KafkaProducer,
  KafkaTopic,
  KarafkaModule,
  type KafkaMessage,
} from 'nestjs-karafka';

/** What the shop has accepted, for the tests to look at. */
@Injectable()
export class Receipts {
  readonly ids: number[] = [];
}

/** Accepts orders and reports each on the audit topic; a negative id is dead-lettered. */
@KafkaTopic('orders', { config: { partitions: 2 }, deadLetterQueue: { topic: 'orders.dlq', maxRetries: 0 } })
export class OrdersConsumer {
  constructor(
    private readonly receipts: Receipts,
    @InjectProducer() private readonly producer: KafkaProducer,
  ) {}

  async consume(messages: KafkaMessage<{ id: number }>[], ctx: KafkaContext): Promise<void> {
    for (const message of messages) {
      if (message.payload.id < 0) throw new Error(`order ${message.payload.id} has a negative id`);
      this.receipts.ids.push(message.payload.id);
      await this.producer.produceSync({ topic: 'audit', payload: { orderId: message.payload.id } });
      ctx.markAsConsumed(message);
    }
  }
}

@Module({
  imports: [
    KarafkaModule.forRoot({
      // Set by nestjs-karafka/testing/jest's global setup (or `npx nestjs-karafka kafka up`).
      kafka: {
        'bootstrap.servers': process.env.KAFKA_PRIMARY_BROKERS ?? '127.0.0.1:9092',
        'client.id': 'shop',
      },
      consumerGroup: 'shop',
      consumer: { maxWaitTime: 100 },
      // The declared topics are created before consumers start (in memory too).
      topics: { declarations: [{ name: 'audit', partitions: 1 }], autoMigrate: true },
    }),
  ],
  providers: [Receipts, OrdersConsumer],
})
export class AppModule {}
