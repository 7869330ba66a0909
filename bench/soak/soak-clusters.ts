import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../support/child-build';

export type SoakCluster = 'primary' | 'secondary';

/**
 * The soak's own two clusters, run with the test bed's scripts on spare ports (KAFKA_TESTBED_*_PORT), so
 * stopping and restarting them never touches the shared test bed. The scripts' output goes to `logFile`.
 */
export class SoakClusters {
  constructor(
    private readonly ports: Record<SoakCluster, number>,
    private readonly logFile: string,
  ) {}

  brokers(cluster: SoakCluster): string {
    return `127.0.0.1:${this.ports[cluster]}`;
  }

  /** Starts both clusters with empty data (KAFKA_FRESH=1). */
  startFresh(): Promise<void> {
    return this.script('up.sh', ['primary', 'secondary'], true);
  }

  /** Starts a stopped cluster keeping its data; resolves once it answers metadata requests. */
  start(cluster: SoakCluster): Promise<void> {
    return this.script('up.sh', [cluster]);
  }

  stop(cluster: SoakCluster): Promise<void> {
    return this.script('down.sh', [cluster]);
  }

  stopAll(): Promise<void> {
    return this.script('down.sh', ['primary', 'secondary']);
  }

  /** Without `fresh`, KAFKA_FRESH is cleared: a restart during the soak must keep the data. */
  private script(name: string, clusters: SoakCluster[], fresh = false): Promise<void> {
    const command = `${name} ${clusters.join(' ')}`;
    return new Promise((resolve, reject) => {
      const child = spawn(
        'bash',
        [
          '-c',
          `exec bash "$0" "$@" >>"${this.logFile}" 2>&1`,
          path.join(PROJECT_ROOT, 'scripts/kafka', name),
          ...clusters,
        ],
        {
          cwd: PROJECT_ROOT,
          stdio: 'ignore',
          env: {
            ...process.env,
            KAFKA_FRESH: fresh ? '1' : '',
            KAFKA_TESTBED_PRIMARY_PORT: String(this.ports.primary),
            KAFKA_TESTBED_SECONDARY_PORT: String(this.ports.secondary),
          },
        },
      );
      child.on('error', (error) => reject(new Error(`could not run ${command}: ${error.message}`)));
      child.on('close', (code) =>
        code === 0 ? resolve() : reject(new Error(`${command} failed (exit ${code}); see ${this.logFile}`)),
      );
    });
  }
}
