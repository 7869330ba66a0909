/** The delivery deadline passed; the producer turns it into a message naming producer, cluster and topic. */
export class DeliveryTimeout extends Error {
  override readonly name = 'DeliveryTimeout';

  constructor(readonly timeoutMs: number) {
    super(`no acknowledgement within ${timeoutMs} ms`);
  }
}

/**
 * Bounds a delivery by `timeoutMs` from `startedAt` (a `performance.now()`); a late answer is ignored.
 * Messages whose time ran out while they waited for a free slot fail without being sent. `start` gets a signal
 * aborted at the deadline, so a driver that queues the request itself can drop it instead of sending messages
 * whose callers were already told they failed.
 */
export function withDeadline<T>(
  start: (signal: AbortSignal) => Promise<T>,
  startedAt: number,
  timeoutMs: number,
): Promise<T> {
  const remaining = timeoutMs - (performance.now() - startedAt);
  if (remaining <= 0) return Promise.reject(new DeliveryTimeout(timeoutMs));
  const abort = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      abort.abort();
      reject(new DeliveryTimeout(timeoutMs));
    }, remaining);
    start(abort.signal).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
