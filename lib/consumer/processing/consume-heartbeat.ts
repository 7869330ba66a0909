/**
 * Heartbeats while one `consume` call runs. The runner heartbeats between chunks, but a single call that outlasts
 * the session timeout would otherwise send none: the coordinator drops the member, another one takes the partition
 * over and the batch is processed twice. A driver sends at most one heartbeat per heartbeat interval (kafkajs skips
 * calls that come sooner), so ticking at that interval costs nothing while the member is fine.
 */
export async function withHeartbeats<T>(
  work: () => Promise<T>,
  options: {
    heartbeat: () => Promise<void>;
    intervalMs: number;
    /** A failed heartbeat (e.g. the group rebalancing): reported, not thrown; the runner's next one after the
     * call surfaces it to the driver, which rejoins. */
    onError: (error: unknown) => void;
  },
): Promise<T> {
  let inFlight = false;
  const timer = setInterval(() => {
    if (inFlight) return;
    inFlight = true;
    options
      .heartbeat()
      .catch(options.onError)
      .finally(() => (inFlight = false));
  }, options.intervalMs);
  // A consume call in progress must not hold the process open on its own.
  timer.unref?.();
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
