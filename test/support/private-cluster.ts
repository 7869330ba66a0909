/**
 * A single-node cluster of a spec's own, for faults that must not touch the shared test bed (a broker killed
 * with SIGKILL). It is the test bed's `primary` cluster run by scripts/kafka on other ports
 * (KAFKA_TESTBED_PRIMARY_PORT / _CONTROLLER_PORT), so its data lives in a directory of its own
 * (.cache/kafka/clusters/primary-<port>) and the shared brokers on 19092/29092/39092 never notice it.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { KAFKA_SCRIPTS_DIR, PROJECT_ROOT, waitFor } from './kafka-env';

const execFileAsync = promisify(execFile);

export class PrivateCluster {
  readonly brokers: string[];

  /** `port` for clients, `port + 1` for the KRaft controller: both must be free. */
  constructor(private readonly port: number) {
    this.brokers = [`127.0.0.1:${port}`];
  }

  /** Starts the broker and resolves once it answers metadata requests; `fresh` wipes earlier data first. */
  async start({ fresh = false }: { fresh?: boolean } = {}): Promise<void> {
    await this.script('up.sh', fresh);
  }

  /** SIGKILL of the broker JVM (no clean shutdown: the next start recovers its logs); resolves once it is gone. */
  async kill(): Promise<void> {
    const pid = this.pid();
    if (pid === undefined) throw new Error(`the private cluster on ${this.brokers[0]} is not running`);
    process.kill(pid, 'SIGKILL');
    await waitFor(() => !existsSync(`/proc/${pid}`), {
      description: `broker JVM ${pid} on ${this.brokers[0]} to exit after SIGKILL`,
      intervalMs: 20,
      timeoutMs: 10_000,
    });
  }

  /** Stops the broker (SIGTERM, then SIGKILL after the scripts' timeout). Its data is kept. */
  async stop(): Promise<void> {
    await this.script('down.sh', false);
  }

  private pid(): number | undefined {
    const cacheDir = process.env.KAFKA_TESTBED_CACHE_DIR || path.join(PROJECT_ROOT, '.cache', 'kafka');
    const file = path.join(cacheDir, 'clusters', `primary-${this.port}`, 'broker.pid');
    return existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : undefined;
  }

  private async script(name: string, fresh: boolean): Promise<void> {
    try {
      await execFileAsync('bash', [path.join(KAFKA_SCRIPTS_DIR, name), 'primary'], {
        cwd: PROJECT_ROOT,
        env: {
          ...process.env,
          KAFKA_FRESH: fresh ? '1' : '',
          KAFKA_TESTBED_PRIMARY_PORT: String(this.port),
          KAFKA_TESTBED_PRIMARY_CONTROLLER_PORT: String(this.port + 1),
        },
      });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      const output = `${stderr ?? ''}${stdout ?? ''}`.trim().slice(-1500) || String(error);
      throw new Error(
        `scripts/kafka/${name} for the private cluster on ${this.brokers[0]} failed: ${output}`,
      );
    }
  }
}
