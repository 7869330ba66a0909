import { errorMessage } from '../common/error-message';
import { settlesWithin } from '../common/deferred';
import { HEALTH_MESSAGES as M } from './health.messages';

export type ProbeOutcome = { reachable: true; latencyMs: number } | { reachable: false; error: string };

/**
 * Asks each cluster for its metadata, bounded by a timeout. At most one request per cluster is in flight:
 * a check while the previous request is still retrying against a dead cluster waits on that one instead of
 * piling up new requests (and their retries).
 */
export class ClusterProbe {
  private readonly inFlight = new Map<string, Promise<ProbeOutcome>>();

  constructor(
    private readonly request: (cluster: string) => Promise<unknown>,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  async probe(cluster: string, timeoutMs: number): Promise<ProbeOutcome> {
    let pending = this.inFlight.get(cluster);
    if (!pending) {
      const startedAt = this.clock();
      pending = this.request(cluster)
        .then(
          (): ProbeOutcome => ({ reachable: true, latencyMs: Math.round(this.clock() - startedAt) }),
          (error: unknown): ProbeOutcome => ({ reachable: false, error: errorMessage(error) }),
        )
        .finally(() => this.inFlight.delete(cluster));
      this.inFlight.set(cluster, pending);
    }
    if (!(await settlesWithin(pending, timeoutMs))) return { reachable: false, error: M.noAnswer(timeoutMs) };
    return pending;
  }
}
