import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtBenchFile, PROJECT_ROOT } from '../support/child-build';
import { SOAK_CONSUMER_ENV, type SoakConsumerTask } from './soak-consumer-task';
import type { ProcessedBatch, SoakTally } from './soak-tally';

interface Worker {
  id: number;
  child: ChildProcess;
}

/**
 * The consuming child processes (plain JavaScript built by buildForChildren). Each gets a number, never
 * reused, so a restarted worker's first batch can be told from the others'. Their output goes to
 * `worker-<n>.log` in `logDir`.
 */
export class SoakWorkers {
  private readonly running = new Map<number, Worker>();
  private nextId = 1;
  /** Exits nobody asked for (a worker that crashed on its own). */
  unexpectedExits: string[] = [];

  constructor(
    private readonly task: SoakConsumerTask,
    private readonly tally: SoakTally,
    private readonly logDir: string,
  ) {}

  /** Starts a worker; returns its number. */
  start(): number {
    const id = this.nextId++;
    const log = fs.openSync(path.join(this.logDir, `worker-${id}.log`), 'a');
    const child = fork(builtBenchFile('soak/soak-consumer-app.ts'), [], {
      cwd: PROJECT_ROOT,
      execArgv: [],
      env: { ...process.env, [SOAK_CONSUMER_ENV]: JSON.stringify(this.task) },
      stdio: ['ignore', log, log, 'ipc'],
    });
    fs.closeSync(log);
    child.on('message', (batch: ProcessedBatch) =>
      this.tally.receive({ ...batch, worker: id, at: Date.now() }),
    );
    child.on('exit', (code, signal) => {
      if (this.running.delete(id))
        this.unexpectedExits.push(`worker ${id} exited (${signal ?? `code ${code}`})`);
    });
    this.running.set(id, { id, child });
    return id;
  }

  /** SIGKILLs the oldest running worker and waits until it is gone; returns its number. */
  async killOne(): Promise<number> {
    const [worker] = this.running.values();
    if (!worker) throw new Error('no consumer worker is running');
    this.running.delete(worker.id);
    await signalAndWait(worker.child, 'SIGKILL');
    return worker.id;
  }

  /** SIGTERM (a graceful close) to every worker; SIGKILL after `graceMs`. */
  async stopAll(graceMs = 15_000): Promise<void> {
    const workers = [...this.running.values()];
    this.running.clear();
    await Promise.all(
      workers.map(async ({ child }) => {
        const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await signalAndWait(child, 'SIGTERM');
        clearTimeout(kill);
      }),
    );
  }
}

function signalAndWait(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
