/**
 * Counts the orders a contender consumed, by id: the run is complete when every id 0..expected-1 has been
 * seen, and a redelivered id counts as a duplicate instead of completing the run early.
 */
export class ConsumptionTally {
  private readonly seen: Uint8Array;
  private distinct = 0;
  duplicates = 0;
  /** performance.now() of the first and of the completing message. */
  firstAt: number | undefined;
  lastAt: number | undefined;
  /** CPU time this process had used when the last message arrived. */
  lastCpu: NodeJS.CpuUsage | undefined;
  readonly done: Promise<void>;
  private complete!: () => void;

  constructor(readonly expected: number) {
    this.seen = new Uint8Array(expected);
    this.done = new Promise<void>((resolve) => (this.complete = resolve));
  }

  record(id: number): void {
    this.firstAt ??= performance.now();
    if (!(id >= 0 && id < this.expected))
      throw new Error(`consumed an order with id ${id}, expected 0..${this.expected - 1}`);
    if (this.seen[id] === 1) {
      this.duplicates += 1;
      return;
    }
    this.seen[id] = 1;
    this.distinct += 1;
    if (this.distinct === this.expected) {
      this.lastAt = performance.now();
      this.lastCpu = process.cpuUsage();
      this.complete();
    }
  }

  get count(): number {
    return this.distinct;
  }

  /** Resolves when complete; rejects after `timeoutMs` saying how far it got. */
  waitForAll(timeoutMs: number, what: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `${what}: consumed ${this.distinct} of ${this.expected} messages within ${timeoutMs} ms`,
            ),
          ),
        timeoutMs,
      );
    });
    return Promise.race([this.done, timeout]).finally(() => clearTimeout(timer));
  }
}
