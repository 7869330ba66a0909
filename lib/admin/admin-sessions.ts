import type { DriverAdmin, DriverClient } from '../driver/kafka-driver.port';
import type { ClusterDefinition } from '../cluster/cluster-definition.interface';
import { ADMIN_MESSAGES as M } from './admin.messages';

/**
 * One admin connection per cluster (by identity, so two names for the same brokers share it), opened
 * on first use and kept until `closeAll()`. A failed connect is forgotten, so the next call retries.
 */
export class AdminSessions {
  private readonly sessions = new Map<string, Promise<DriverAdmin>>();
  private closed = false;

  constructor(private readonly clientFor: (cluster: ClusterDefinition) => DriverClient) {}

  get(cluster: ClusterDefinition): Promise<DriverAdmin> {
    if (this.closed) return Promise.reject(new Error(M.closed()));
    let session = this.sessions.get(cluster.identity);
    if (!session) {
      const admin = this.clientFor(cluster).admin();
      session = admin.connect().then(
        () => admin,
        (error: unknown) => {
          this.sessions.delete(cluster.identity);
          throw error;
        },
      );
      this.sessions.set(cluster.identity, session);
    }
    return session;
  }

  async closeAll(): Promise<void> {
    this.closed = true;
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(
      sessions.map((session) =>
        session.then(
          (admin) => admin.disconnect(),
          // Never connected: nothing to close.
          () => undefined,
        ),
      ),
    );
  }
}
