import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { ConsumptionLog, type ConsumedEntry } from './consumption-log';
import type { UseCase } from './use-cases/use-case.interface';
import { USE_CASES } from './use-cases/use-cases.token';

/** Runs every use case: produce, wait until its consumers saw everything, print where things went. */
@Injectable()
export class DemoRunner {
  constructor(
    private readonly log: ConsumptionLog,
    @Inject(USE_CASES) private readonly useCases: UseCase[],
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
  }
}

function summarise(entries: ConsumedEntry[]): string[] {
  const counts = new Map<string, number>();
  for (const { consumer, topic, cluster } of entries) {
    const key = `${consumer} ← ${topic} on '${cluster}'`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => `${key} (${count} message${count === 1 ? '' : 's'})`);
}
