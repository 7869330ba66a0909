import { asError } from '../common/error-message';
import { Logger } from '@nestjs/common';
import type { KarafkaTracing } from './karafka-tracing.interface';
import type { KarafkaEventName, KarafkaEvents } from './monitor-events.interface';

type Listener<E extends KarafkaEventName> = (payload: KarafkaEvents[E]) => void;

/**
 * One notifications bus for the whole library (Karafka's `Karafka.monitor`). Every producer, named or not,
 * and every subscription-group runner publishes here; logging, health and users subscribe.
 * Listeners run synchronously; a throwing listener is logged and never breaks the publisher.
 * It also carries the app's tracing (`forRoot({ tracing })`), so every producer and runner finds it here.
 * Provided by the module's factory (not as a class), which reads the tracing option.
 */
export class KarafkaMonitor {
  private readonly logger = new Logger('KarafkaMonitor');
  private readonly listeners = new Map<KarafkaEventName, Set<Listener<any>>>();

  constructor(
    /** Absent when tracing is off: producers and runners then skip it with one check. */
    readonly tracing?: KarafkaTracing,
  ) {}

  /** Subscribes to an event; returns a function that unsubscribes. */
  on<E extends KarafkaEventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  /** True when someone listens: publishers skip building payloads nobody reads. */
  hasListeners(event: KarafkaEventName): boolean {
    return (this.listeners.get(event)?.size ?? 0) > 0;
  }

  emit<E extends KarafkaEventName>(event: E, payload: KarafkaEvents[E]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of set) {
      try {
        listener(payload);
      } catch (thrown) {
        const error = asError(thrown);
        this.logger.error(`A listener of '${event}' threw: ${error.message}`, error.stack);
      }
    }
  }
}
