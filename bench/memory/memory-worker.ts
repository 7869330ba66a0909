/**
 * Child-process entry of the memory case: an app with one `@KafkaTopic` class per topic, each topic in its own
 * subscription group (= one kafkajs consumer each). Once every group has joined, the process collects garbage
 * and reports its RSS and heap. Started by bench/run.ts with --expose-gc.
 */
import 'reflect-metadata';
import { Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConsumerManager, KafkaTopic, KarafkaModule } from '../../lib';
import { workerMain } from '../support/child-task';

export interface MemoryTask {
  brokers: string;
  groupId: string;
  topics: string[];
}

export interface MemoryRun {
  groups: number;
  rssBytes: number;
  heapUsedBytes: number;
  externalBytes: number;
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function measure(task: MemoryTask): Promise<MemoryRun> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('the memory worker needs --expose-gc');
  const consumers: Type[] = task.topics.map((topic, i) => {
    class IdleConsumer {
      async consume(): Promise<void> {}
    }
    KafkaTopic(topic, { subscriptionGroup: `sg-${i}` })(IdleConsumer);
    return IdleConsumer;
  });
  @Module({
    imports: [
      KarafkaModule.forRoot({
        kafka: { 'bootstrap.servers': task.brokers, 'client.id': 'bench-memory' },
        consumerGroup: task.groupId,
        logRoutingTable: false,
        statisticsInterval: 0,
      }),
    ],
    providers: consumers,
  })
  class MemoryAppModule {}

  const app = await NestFactory.createApplicationContext(MemoryAppModule, { logger: ['error', 'warn'] });
  try {
    const manager = app.get(ConsumerManager);
    const deadline = Date.now() + 60_000;
    while (manager.runners().some((runner) => runner.state !== 'running')) {
      if (Date.now() > deadline)
        throw new Error(`not every subscription group joined: ${JSON.stringify(manager.runners())}`);
      await settle(100);
    }
    if (manager.liveConsumerCount() !== task.topics.length) {
      throw new Error(
        `expected ${task.topics.length} kafkajs consumers, found ${manager.liveConsumerCount()}`,
      );
    }
    // Let the first fetches and heartbeats settle, then measure what stays.
    await settle(1500);
    gc();
    gc();
    const usage = process.memoryUsage();
    return {
      groups: task.topics.length,
      rssBytes: usage.rss,
      heapUsedBytes: usage.heapUsed,
      externalBytes: usage.external,
    };
  } finally {
    await app.close();
  }
}

if (require.main === module) workerMain<MemoryTask, MemoryRun>(measure);
