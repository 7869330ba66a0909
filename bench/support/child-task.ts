import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { PROJECT_ROOT } from './child-build';

/** The line a worker prints its result on (everything else on stdout/stderr is passed through on failure). */
const RESULT_PREFIX = '@@bench-result ';
const TASK_ENV = 'BENCH_TASK';

export interface ChildOptions {
  /** Write a CPU profile into this directory. */
  cpuProfDir?: string;
  /** Profile file name (without directory). */
  cpuProfName?: string;
  /** Extra node flags, e.g. --expose-gc. */
  nodeFlags?: string[];
  timeoutMs: number;
}

/** Runs a built worker script with `task` and resolves with the result it printed. */
export function runChild<TTask, TResult>(
  script: string,
  task: TTask,
  options: ChildOptions,
): Promise<TResult> {
  const flags = [...(options.nodeFlags ?? [])];
  if (options.cpuProfDir) {
    flags.push('--cpu-prof', `--cpu-prof-dir=${path.resolve(options.cpuProfDir)}`);
    if (options.cpuProfName) flags.push(`--cpu-prof-name=${options.cpuProfName}`);
  }
  return new Promise<TResult>((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, script], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, [TASK_ENV]: JSON.stringify(task) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not start ${script}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code === 0 && line) {
        resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as TResult);
        return;
      }
      const why =
        signal === 'SIGKILL'
          ? `killed after ${options.timeoutMs} ms`
          : `exit code ${code}${signal ? `, ${signal}` : ''}`;
      const output = `${stdout}\n${stderr}`.trim().slice(-3000);
      reject(new Error(`${path.basename(script)} failed (${why}):\n${output}`));
    });
  });
}

/**
 * The body of a worker script: reads its task, runs `work`, prints the result and exits (kafkajs and Nest
 * may leave timers behind; the worker's job is done once the result is out).
 */
export function workerMain<TTask, TResult>(work: (task: TTask) => Promise<TResult>): void {
  const raw = process.env[TASK_ENV];
  if (!raw) {
    console.error(`${TASK_ENV} is not set: this script is started by bench/run.ts`);
    process.exit(2);
  }
  work(JSON.parse(raw) as TTask).then(
    (result) => {
      process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`, () => process.exit(0));
    },
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    },
  );
}
