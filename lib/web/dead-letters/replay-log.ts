import { Injectable } from '@nestjs/common';

/** One replay click: who, when, from which dead-letter topic, how many, to where. */
export interface ReplayRecord {
  user: string;
  at: number;
  cluster: string;
  topic: string;
  count: number;
  /** `cluster/topic` of each target and how many went there. */
  targets: Record<string, number>;
}

const KEPT_RECORDS = 200;

/**
 * This process's replays (the Dead letters page shows them; each is also logged): which dead letters were
 * replayed, so a second replay of one needs confirming again, and which confirmation forms were used, so
 * a form sent twice replays once.
 */
@Injectable()
export class ReplayLog {
  private readonly records: ReplayRecord[] = [];
  private readonly replayed = new Set<string>();
  private readonly usedNonces = new Set<string>();

  used(nonce: string): boolean {
    return this.usedNonces.has(nonce);
  }

  /** False when this confirmation was used already (the second send of one click). */
  claim(nonce: string): boolean {
    if (this.usedNonces.has(nonce)) return false;
    this.usedNonces.add(nonce);
    return true;
  }

  record(record: ReplayRecord, ids: readonly string[]): void {
    this.records.unshift(record);
    this.records.length = Math.min(this.records.length, KEPT_RECORDS);
    for (const id of ids) this.replayed.add(id);
  }

  wasReplayed(id: string): boolean {
    return this.replayed.has(id);
  }

  all(): readonly ReplayRecord[] {
    return this.records;
  }
}
