import { Module } from '@nestjs/common';
import { KarafkaModule } from 'nestjs-karafka';
import { AuditConsumer } from './audit/audit.consumer';
import { ConsumptionLog } from './consumption-log';
import { DemoRunner } from './demo-runner';
import { PRIMARY_BROKERS, SECONDARY_BROKERS } from './kafka-env';
import { OrdersConsumer } from './orders/orders.consumer';

@Module({
  imports: [
    KarafkaModule.forRoot({
      kafka: { 'bootstrap.servers': PRIMARY_BROKERS, 'client.id': 'sample-app' },
      clusters: { secondary: { 'bootstrap.servers': SECONDARY_BROKERS } },
      consumerGroup: 'sample-app',
      producers: { secondary: { cluster: 'secondary', kafka: { 'request.required.acks': 1 } } },
      shutdownTimeout: 10_000,
    }),
  ],
  providers: [ConsumptionLog, OrdersConsumer, AuditConsumer, DemoRunner],
})
export class AppModule {}
