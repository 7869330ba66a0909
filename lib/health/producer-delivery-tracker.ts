import type { KarafkaMonitor } from '../instrumentation/karafka-monitor';
import type {
  MessageAcknowledgedEvent,
  MessageFailedEvent,
} from '../instrumentation/monitor-events.interface';
import { DeliveryWindow, type DeliveryCounts } from './delivery-window';

export interface ProducerDeliveries extends DeliveryCounts {
  producer: string;
  cluster: string;
  /** The last failure's message (it names producer, cluster and topic; never settings). */
  lastError?: string;
}

interface Tracked {
  cluster: string;
  window: DeliveryWindow;
  lastError?: string;
}

/**
 * Recent deliveries of every producer that reports to the monitor (the default and named ones, and the
 * library's own dead-letter and job producers), from `message.failed` / `message.acknowledged`.
 */
export class ProducerDeliveryTracker {
  private readonly producers = new Map<string, Tracked>();

  constructor(
    private readonly windowMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Starts listening; returns a function that stops. */
  attach(monitor: KarafkaMonitor): () => void {
    const detachFailed = monitor.on('message.failed', (event) => this.failed(event));
    const detachAcknowledged = monitor.on('message.acknowledged', (event) => this.acknowledged(event));
    return () => {
      detachFailed();
      detachAcknowledged();
    };
  }

  failed(event: MessageFailedEvent): void {
    const tracked = this.track(event.producer, event.cluster);
    tracked.window.record('failed', event.count, this.clock());
    tracked.lastError = event.error.message;
  }

  acknowledged(event: MessageAcknowledgedEvent): void {
    this.track(event.producer, event.cluster).window.record('acknowledged', event.count, this.clock());
  }

  /** Every producer seen so far, with its counts over the window. */
  all(): ProducerDeliveries[] {
    const now = this.clock();
    return [...this.producers].map(([producer, { cluster, window, lastError }]) => ({
      producer,
      cluster,
      ...window.counts(now),
      lastError,
    }));
  }

  private track(producer: string, cluster: string): Tracked {
    let tracked = this.producers.get(producer);
    if (!tracked) {
      tracked = { cluster, window: new DeliveryWindow(this.windowMs) };
      this.producers.set(producer, tracked);
    }
    return tracked;
  }
}
