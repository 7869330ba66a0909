import type { SoakCluster } from './soak-clusters';

/** What a consuming child reports for one batch, before its `consume` returns. */
export interface ProcessedBatch {
  cluster: SoakCluster;
  ids: number[];
}

/** A batch as the orchestrator received it: which worker process, and when. */
export interface Receipt extends ProcessedBatch {
  worker: number;
  at: number;
}

/**
 * Acknowledged and processed ids, one flag per id. Lost = acknowledged but never processed; duplicates =
 * processed deliveries beyond the first of each id.
 */
export class SoakTally {
  private readonly acknowledgedIds: Uint8Array;
  private readonly processedIds: Uint8Array;
  private readonly listeners = new Set<(receipt: Receipt) => void>();
  acknowledged = 0;
  processedUnique = 0;
  processedTotal = 0;
  rejections = 0;
  /** When the last id not processed before arrived (ms since epoch). */
  lastProcessedAt = 0;

  constructor(readonly messages: number) {
    this.acknowledgedIds = new Uint8Array(messages);
    this.processedIds = new Uint8Array(messages);
  }

  acknowledge(id: number): void {
    if (this.acknowledgedIds[id] === 1) return;
    this.acknowledgedIds[id] = 1;
    this.acknowledged += 1;
  }

  reject(): void {
    this.rejections += 1;
  }

  receive(receipt: Receipt): void {
    for (const id of receipt.ids) {
      this.processedTotal += 1;
      if (this.processedIds[id] === 1) continue;
      this.processedIds[id] = 1;
      this.processedUnique += 1;
      this.lastProcessedAt = receipt.at;
    }
    for (const listener of this.listeners) listener(receipt);
  }

  get duplicates(): number {
    return this.processedTotal - this.processedUnique;
  }

  /** Acknowledged ids not processed (yet): their number and the first `sample` of them. */
  lost(sample = 10): { count: number; sample: number[] } {
    const ids: number[] = [];
    let count = 0;
    for (let id = 0; id < this.messages; id++) {
      if (this.acknowledgedIds[id] === 1 && this.processedIds[id] === 0) {
        count += 1;
        if (ids.length < sample) ids.push(id);
      }
    }
    return { count, sample: ids };
  }

  /** Resolves with the arrival time of the next batch that `matches`, or undefined after `timeoutMs`. */
  nextReceipt(matches: (receipt: Receipt) => boolean, timeoutMs: number): Promise<number | undefined> {
    return new Promise((resolve) => {
      const done = (at: number | undefined) => {
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(at);
      };
      const listener = (receipt: Receipt) => {
        if (matches(receipt)) done(receipt.at);
      };
      const timer = setTimeout(() => done(undefined), timeoutMs);
      this.listeners.add(listener);
    });
  }
}
