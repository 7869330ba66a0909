/**
 * The listeners of a driver's consumer or producer, by event: what the port's `on()` registers and the driver
 * emits to. `Events` maps each event name to its payload.
 */
export class DriverListeners<Events> {
  private readonly byEvent = new Map<keyof Events, Set<(payload: never) => void>>();

  /** Registers `listener`; returns the function that removes it. */
  on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): () => void {
    let set = this.byEvent.get(event);
    if (!set) this.byEvent.set(event, (set = new Set()));
    const entry = listener as (payload: never) => void;
    set.add(entry);
    return () => set.delete(entry);
  }

  emit<E extends keyof Events>(event: E, payload: Events[E]): void {
    for (const listener of this.byEvent.get(event) ?? []) (listener as (payload: Events[E]) => void)(payload);
  }
}
