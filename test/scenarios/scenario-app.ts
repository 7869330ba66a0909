/** What both runs of test/scenarios share: the scenario's app, and how observations are put side by side. */
import type { DynamicModule } from '@nestjs/common';
import { KarafkaModule, type KafkaMessage } from 'nestjs-karafka';
import type { DeadLetter } from 'nestjs-karafka/testing';
import { ScenarioLog, type LogEntry, type Scenario, type ScenarioEnv } from './testing-scenarios';

/** The scenario's app on the run's two clusters, and what it does once started. */
export function buildScenarioApp(scenario: Scenario, env: ScenarioEnv) {
  const { providers, options = {}, act } = scenario.app(env);
  const { producers, ...rest } = options;
  class ScenarioAppModule {}
  const module: DynamicModule = {
    module: ScenarioAppModule,
    imports: [
      KarafkaModule.forRoot({
        kafka: { 'bootstrap.servers': env.brokers.primary, 'client.id': 'testing-scenarios' },
        clusters: {
          secondary: { 'bootstrap.servers': env.brokers.secondary, 'client.id': 'testing-scenarios' },
        },
        consumerGroup: env.group,
        producers: { secondary: { cluster: 'secondary' }, ...producers },
        // Short fetch waits: the e2e run waits for every group to catch up.
        consumer: { maxWaitTime: 100 },
        logRoutingTable: false,
        shutdownTimeout: 5000,
        ...rest,
      }),
    ],
    providers: [ScenarioLog, ...providers],
  };
  return { module, act };
}

/** Partition counts of the scenario's topics, for the in-memory clusters. */
export function partitionsOf(scenario: Scenario, env: ScenarioEnv): Record<string, number> {
  return Object.fromEntries(
    scenario.topics.map(({ topic, partitions }) => [env.name(topic), partitions ?? 1]),
  );
}

/** In order per topic and partition: the order across partitions is the driver's business. */
export function sortLog(entries: LogEntry[]): LogEntry[] {
  const key = (entry: LogEntry) => `${entry.topic}\u0000${entry.partition}`;
  return [...entries].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** A message as compared, in an order that does not depend on which partition was consumed first. */
export function messageViews(messages: KafkaMessage[]): unknown[] {
  return messages
    .map(({ partition, key, payload, headers }) => ({ partition, key, payload, headers }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

export function deadLetterViews(deadLetters: DeadLetter[]): unknown[] {
  return deadLetters
    .map(({ partition, offset, attempts, error, payload }) => ({
      partition,
      offset,
      attempts,
      error,
      payload,
    }))
    .sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
}
