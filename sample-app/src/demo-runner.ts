import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { ConsumptionLog, type ConsumedEntry } from './consumption-log';
import { MonitoringServer } from './monitoring/monitoring-server';
import type { UseCase } from './use-cases/use-case.interface';
import { USE_CASES } from './use-cases/use-cases.token';

/** Runs every use case: produce, wait until its consumers saw everything, print where things went. */
@Injectable()
export class DemoRunner {
  constructor(
    private readonly log: ConsumptionLog,
    @Inject(USE_CASES) private readonly useCases: UseCase[],
    private readonly monitoring: MonitoringServer,
  ) {}

  async run(print: (line: string) => void = console.log): Promise<void> {
    const runId = randomUUID();
    for (const useCase of this.useCases) {
      print(`\n▶ ${useCase.title}`);
      for (const line of await useCase.produce(runId)) print(`  produced: ${line}`);
      const mine = () => this.log.ofRun(runId).filter((entry) => entry.useCase === useCase.title);
      await this.log.waitUntil(() => mine().length >= useCase.expectedConsumed, 60_000, useCase.title);
      for (const line of summarise(mine())) print(`  consumed: ${line}`);
    }
    await this.printMonitoring(print);
  }

  /** What a probe and a scrape get over HTTP from the app, as they would in production. */
  private async printMonitoring(print: (line: string) => void): Promise<void> {
    const ready = (await (await fetch(`${this.monitoring.url}/health/ready`)).json()) as ReadyBody;
    print(`\n▶ GET /health/ready: ${ready.status}`);
    for (const [name, cluster] of Object.entries(ready.details.kafka.clusters))
      print(`  cluster ${name} (${cluster.brokers.join(',')}): ${cluster.status}`);
    const metrics = await (await fetch(`${this.monitoring.url}/metrics`)).text();
    print('▶ GET /metrics (a few of the lines served):');
    for (const name of SHOWN_METRICS) {
      // The app's own traffic: with --web the Web UI's reports (producer web:...) are counted too.
      const line = metrics
        .split('\n')
        .find((candidate) => candidate.startsWith(`${name}{`) && !candidate.includes('producer="web:'));
      if (line) print(`  ${line}`);
    }
  }
}

const SHOWN_METRICS = [
  'karafka_messages_produced_total',
  'karafka_messages_acknowledged_total',
  'karafka_messages_consumed_total',
  'karafka_consumer_lag',
  'karafka_subscription_group_up',
  'karafka_produce_latency_seconds_count',
];

interface ReadyBody {
  status: string;
  details: { kafka: { clusters: Record<string, { status: string; brokers: string[] }> } };
}

function summarise(entries: ConsumedEntry[]): string[] {
  const counts = new Map<string, number>();
  for (const { consumer, topic, cluster } of entries) {
    const key = `${consumer} ← ${topic} on '${cluster}'`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => `${key} (${count} message${count === 1 ? '' : 's'})`);
}
