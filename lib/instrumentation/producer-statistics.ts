import { LatencyHistogram } from './latency-histogram';
import type { ProducerStatistics } from './monitor-events.interface';

/**
 * One producer's counters. The hot path only adds numbers: `inFlight` is derived, and latency is
 * recorded once per acknowledged request (weighted by its message count), not per message.
 * Counters are cumulative; latency percentiles cover the current window, which `snapshot(true)`
 * closes (the periodic `statistics.emitted` does, so each emission shows its own interval).
 */
export class ProducerStatisticsCollector {
  sent = 0;
  acked = 0;
  failed = 0;
  bytes = 0;
  private readonly latency = new LatencyHistogram();

  acknowledged(count: number, latencyMs: number): void {
    this.acked += count;
    this.latency.record(latencyMs, count);
  }

  snapshot(closeWindow = false): ProducerStatistics {
    const statistics: ProducerStatistics = {
      sent: this.sent,
      acked: this.acked,
      failed: this.failed,
      bytes: this.bytes,
      inFlight: this.sent - this.acked - this.failed,
      latencyMs: this.latency.percentiles(),
    };
    if (closeWindow) this.latency.reset();
    return statistics;
  }
}
