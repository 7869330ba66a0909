import { Injectable } from '@nestjs/common';
import type { KafkaMessage } from 'nestjs-karafka';

export interface ConsumedEntry {
  useCase: string;
  consumer: string;
  topic: string;
  cluster: string;
  payload: unknown;
}

/** Remembers what the sample consumers saw, so the demo can print it and wait for it. */
@Injectable()
export class ConsumptionLog {
  readonly entries: ConsumedEntry[] = [];
  private waiters: Array<() => void> = [];

  record(
    useCase: string,
    consumer: string,
    messages: Array<Pick<KafkaMessage, 'topic' | 'cluster' | 'payload'>>,
  ): void {
    for (const { topic, cluster, payload } of messages) {
      this.entries.push({ useCase, consumer, topic, cluster, payload });
    }
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((wake) => wake());
  }

  /** Entries of one demo run (payloads carry the run id). */
  ofRun(runId: string): ConsumedEntry[] {
    return this.entries.filter((entry) => (entry.payload as { runId?: string } | null)?.runId === runId);
  }

  /** Resolves once `predicate` holds for the recorded entries, or rejects after `timeoutMs`. */
  async waitUntil(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
