/**
 * A consuming app run as a child process by bench/soak/soak.ts (K of them, one consumer group): consumes the
 * soak topic on both clusters and reports every batch's ids to the parent over IPC, awaiting the send before
 * `consume` returns, so an id counts as processed before its offset can be committed. The soak kills one with
 * SIGKILL mid-run. Task in SOAK_CONSUMER (JSON of `SoakConsumerTask`).
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { KafkaTopic, KarafkaModule, type KafkaMessage } from '../../lib';
import type { SoakCluster } from './soak-clusters';
import { SOAK_CONSUMER_ENV, type SoakConsumerTask } from './soak-consumer-task';
import type { ProcessedBatch } from './soak-tally';

function report(cluster: SoakCluster, messages: KafkaMessage<number>[]): Promise<void> {
  const batch: ProcessedBatch = { cluster, ids: messages.map((message) => message.payload) };
  return new Promise((resolve, reject) =>
    process.send!(batch, (error: Error | null) => (error ? reject(error) : resolve())),
  );
}

function appModule({ primaryBrokers, secondaryBrokers, topic, group }: SoakConsumerTask) {
  // A short session lets the group hand a killed member's partitions to the others within seconds.
  const session = { 'session.timeout.ms': 6000, 'heartbeat.interval.ms': 1000 };

  @KafkaTopic(topic)
  class PrimaryConsumer {
    consume(messages: KafkaMessage<number>[]): Promise<void> {
      return report('primary', messages);
    }
  }

  @KafkaTopic(topic, { cluster: 'secondary' })
  class SecondaryConsumer {
    consume(messages: KafkaMessage<number>[]): Promise<void> {
      return report('secondary', messages);
    }
  }

  @Module({
    imports: [
      KarafkaModule.forRoot({
        kafka: { 'bootstrap.servers': primaryBrokers, 'client.id': 'soak-consumer', ...session },
        clusters: { secondary: { 'bootstrap.servers': secondaryBrokers, ...session } },
        consumerGroup: group,
        consumer: { maxWaitTime: 200, reconnect: { initialMs: 500, maxMs: 2000 } },
        logRoutingTable: false,
      }),
    ],
    providers: [PrimaryConsumer, SecondaryConsumer],
  })
  class SoakConsumerModule {}
  return SoakConsumerModule;
}

async function main(): Promise<void> {
  const raw = process.env[SOAK_CONSUMER_ENV];
  if (!raw || !process.send)
    throw new Error('soak-consumer-app is started by bench/soak/soak.ts (IPC and task)');
  const app = await NestFactory.createApplicationContext(appModule(JSON.parse(raw) as SoakConsumerTask), {
    logger: ['error', 'warn'],
  });
  app.enableShutdownHooks(['SIGTERM']);
  await app.init();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
