/**
 * The app module that topics.e2e-spec.ts hands to `npx nestjs-karafka topics ... --module`. Topic names
 * carry TOPICS_E2E_SUFFIX (unique per test run); TOPICS_E2E_STAGE changes the declarations the way a
 * later release of an app would (stage 2: more partitions and a new retention; stage 3: fewer partitions).
 */
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { KarafkaModule } from '../../lib/karafka.module';
import { KafkaTopic } from '../../lib/routing/kafka-topic.decorator';
import { primaryBrokers, secondaryBrokers } from '../support/kafka-env';

const suffix = process.env.TOPICS_E2E_SUFFIX ?? 'local';
const stage = Number(process.env.TOPICS_E2E_STAGE ?? '1');

export const TOPICS_E2E = {
  orders: `topics-orders-${suffix}`,
  audit: `topics-audit-${suffix}`,
  produced: `topics-produced-${suffix}`,
  events: `topics-events-${suffix}`,
  group: `topics-e2e-${suffix}`,
};

@Injectable()
@KafkaTopic(TOPICS_E2E.orders, {
  config: {
    partitions: stage === 3 ? 1 : stage === 2 ? 5 : 3,
    replicationFactor: 1,
    'cleanup.policy': 'compact',
  },
})
export class OrdersConsumer {
  async consume(): Promise<void> {}
}

@Injectable()
@KafkaTopic(TOPICS_E2E.audit, {
  cluster: 'secondary',
  config: { partitions: 2, 'retention.ms': stage === 2 ? 7_200_000 : 3_600_000 },
})
export class AuditConsumer {
  async consume(): Promise<void> {}
}

@Module({
  imports: [
    KarafkaModule.forRoot({
      kafka: { 'bootstrap.servers': primaryBrokers().join(','), 'client.id': 'topics-e2e' },
      clusters: { secondary: { 'bootstrap.servers': secondaryBrokers().join(',') } },
      consumerGroup: TOPICS_E2E.group,
      topics: [
        {
          name: TOPICS_E2E.produced,
          cluster: 'secondary',
          partitions: 1,
          config: { 'cleanup.policy': 'delete' },
        },
        { name: TOPICS_E2E.events, partitions: 2 },
      ],
    }),
  ],
  providers: [OrdersConsumer, AuditConsumer],
})
export class TopicsAppModule {}
