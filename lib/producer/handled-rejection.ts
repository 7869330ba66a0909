/**
 * A message's promise the caller is not forced to await: a rejection nobody handles must not crash the
 * process; it is reported on the monitor (and logged by the default listener) instead.
 */
export function markHandled(promise: Promise<unknown>): void {
  promise.catch(() => undefined);
}

/** A rejected promise for a refused call, marked handled like every other message promise. */
export function refused<T>(error: Error): Promise<T> {
  const promise = Promise.reject(error);
  markHandled(promise);
  return promise;
}
