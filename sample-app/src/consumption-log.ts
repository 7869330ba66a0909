import { Injectable } from '@nestjs/common';
import type { KafkaMessage } from 'nestjs-karafka';

export interface ConsumedEntry {
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

  record(consumer: string, messages: KafkaMessage[]): void {
    for (const { topic, cluster, payload } of messages) this.entries.push({ consumer, topic, cluster, payload });
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((wake) => wake());
  }

  /** Resolves once `predicate` holds for the recorded entries, or rejects after `timeoutMs`. */
  async waitUntil(predicate: (entries: ConsumedEntry[]) => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.entries)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Timed out after ${timeoutMs} ms waiting for consumed messages`);
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
