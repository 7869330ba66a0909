import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from './kafka-env';

/**
 * A consuming app (test/fixtures/fault-consumer-app.ts) run as a separate Node process, and what it said: the
 * JSON facts it prints on stdout, everything else it printed, and the ids it wrote to its OUT_FILE.
 */

const FIXTURE = path.join(PROJECT_ROOT, 'test', 'fixtures', 'fault-consumer-app.ts');

export interface ChildFact {
  event: string;
  at: number;
  pid: number;
  group?: string;
  assignment?: Record<string, number[]>;
  message?: string;
  partition?: number;
  count?: number;
}

export class FaultChild {
  readonly process: ChildProcess;
  readonly exited: Promise<number | string>;
  readonly startedAt = Date.now();
  private stdout = '';
  private stderr = '';

  constructor(
    readonly name: string,
    readonly outFile: string,
    env: Record<string, string>,
  ) {
    this.process = spawn(process.execPath, ['-r', 'ts-node/register', FIXTURE], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1', ...env, OUT_FILE: outFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.process.stdout?.on('data', (chunk) => (this.stdout += chunk));
    this.process.stderr?.on('data', (chunk) => (this.stderr += chunk));
    this.exited = new Promise((resolve) =>
      this.process.on('exit', (code, signal) => resolve(code ?? String(signal))),
    );
  }

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** The facts printed so far, in order. */
  facts(): ChildFact[] {
    return this.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as ChildFact);
  }

  /** Everything the process printed, facts included, for assertion messages and searches. */
  output(): string {
    return `${this.stdout}${this.stderr}`;
  }

  /**
   * The partitions of `topic` this member holds now: the last `rebalanced` of the subscription group consuming
   * it, unless a `rebalancing` of that group came after.
   */
  partitionsOf(topic: string): number[] | undefined {
    const held = new Map<string | undefined, number[] | undefined>();
    let consuming: string | undefined | null = null;
    for (const fact of this.facts()) {
      if (fact.event === 'rebalancing') held.set(fact.group, undefined);
      if (fact.event !== 'rebalanced') continue;
      held.set(fact.group, fact.assignment?.[topic] ?? []);
      if (fact.assignment?.[topic]) consuming = fact.group;
    }
    return consuming === null ? undefined : held.get(consuming);
  }

  /** The ids the app processed, in the order it wrote them. */
  processedIds(): number[] {
    if (!existsSync(this.outFile)) return [];
    return readFileSync(this.outFile, 'utf8').split('\n').filter(Boolean).map(Number);
  }

  kill(signal: NodeJS.Signals): void {
    if (this.running) this.process.kill(signal);
  }
}

/**
 * Whether `members` (and only they) hold every partition of `topic`, each some and none twice: the group has
 * settled on them. Partitions are `0..partitions-1`.
 */
export function settledOn(members: FaultChild[], topic: string, partitions: number): boolean {
  const held: number[] = [];
  for (const member of members) {
    const own = member.partitionsOf(topic);
    if (!own || own.length === 0) return false;
    held.push(...own);
  }
  return held.length === partitions && new Set(held).size === partitions;
}
