import { Module } from '@nestjs/common';
import { KarafkaModule } from 'nestjs-karafka';
import { DemoRunner } from './demo-runner';
import { MonitoringModule } from './monitoring/monitoring.module';
import { CONSUMER_GROUP, PRIMARY_BROKERS, SECONDARY_BROKERS } from './kafka-env';
import { UseCasesModule } from './use-cases/use-cases.module';

@Module({
  imports: [
    KarafkaModule.forRoot({
      // The primary cluster: consumers, the default producer, jobs and admin use it unless told otherwise.
      kafka: { 'bootstrap.servers': PRIMARY_BROKERS, 'client.id': 'sample-app' },
      clusters: { secondary: { 'bootstrap.servers': SECONDARY_BROKERS, 'client.id': 'sample-app' } },
      consumerGroup: CONSUMER_GROUP,
      producers: {
        secondary: { cluster: 'secondary', kafka: { 'request.required.acks': 1 } },
        pii: { cluster: 'secondary' },
      },
      shutdownTimeout: 10_000,
    }),
    UseCasesModule,
    MonitoringModule,
  ],
  providers: [DemoRunner],
})
export class AppModule {}
