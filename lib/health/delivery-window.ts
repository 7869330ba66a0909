/** Failed and acknowledged messages counted over a sliding window. */
export interface DeliveryCounts {
  failed: number;
  acknowledged: number;
}

interface Slice extends DeliveryCounts {
  /** Which slice of time (`floor(at / sliceMs)`) the counts belong to. */
  index: number;
}

/**
 * Counts over the last `windowMs` in a ring of fixed time slices, so memory stays the same at any message
 * rate; the window slides by one slice (`windowMs / slices`) at a time.
 */
export class DeliveryWindow {
  private readonly sliceMs: number;
  private readonly ring: Slice[];

  constructor(
    readonly windowMs: number,
    slices = 10,
  ) {
    this.sliceMs = Math.max(1, windowMs / slices);
    this.ring = Array.from({ length: slices }, () => ({ index: -1, failed: 0, acknowledged: 0 }));
  }

  record(outcome: keyof DeliveryCounts, count: number, at: number): void {
    const index = Math.floor(at / this.sliceMs);
    const slice = this.ring[index % this.ring.length];
    // The slot holds a newer slice: this late event is out of the window already.
    if (slice.index > index) return;
    // The slot holds a slice that has left the window: it starts over.
    if (slice.index < index) Object.assign(slice, { index, failed: 0, acknowledged: 0 });
    slice[outcome] += count;
  }

  counts(now: number): DeliveryCounts {
    const current = Math.floor(now / this.sliceMs);
    const totals: DeliveryCounts = { failed: 0, acknowledged: 0 };
    for (const slice of this.ring) {
      if (slice.index > current - this.ring.length && slice.index <= current) {
        totals.failed += slice.failed;
        totals.acknowledged += slice.acknowledged;
      }
    }
    return totals;
  }
}
