import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { committedOffsets, jsonRecords, produce } from '../fixtures/consumer-kafka';
import { PROJECT_ROOT, createTopic, primaryBrokers, uniqueName, waitFor } from '../support/kafka-env';

/**
 * At-least-once across a crash: a consuming process killed with SIGKILL in the middle of a batch, then started
 * again, processes every message; only what was processed since the last commit (the fetched batch in
 * progress) is processed twice.
 */

const FIXTURE = path.join(PROJECT_ROOT, 'test', 'fixtures', 'consumer-crash-app.ts');
const MAX_MESSAGES = 10;
const TOTAL = 80;

function startChild(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | string>;
} {
  const child = spawn(process.execPath, ['-r', 'ts-node/register', FIXTURE], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? String(signal))),
  );
  return { child, output: () => output, exited };
}

function processedOffsets(file: string): number[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number);
}

describe('kill -9 of a consuming process mid-batch (e2e)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'consumer-crash-'));
  const children: ChildProcess[] = [];

  afterAll(() => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses nothing after a restart, and repeats only the uncommitted batch in progress', async () => {
    const topic = uniqueName('crash');
    const groupId = uniqueName('crash-group');
    const outFile = path.join(dir, 'processed.txt');
    await createTopic(primaryBrokers(), topic, 1);
    // One record batch per send: with the fixture's tiny fetch size each fetch (then each commit) covers 10.
    for (let from = 0; from < TOTAL; from += MAX_MESSAGES) {
      await produce(primaryBrokers(), topic, jsonRecords(MAX_MESSAGES, 1, from));
    }
    const env = {
      KAFKA_PRIMARY_BROKERS: primaryBrokers().join(','),
      TOPIC: topic,
      GROUP_ID: groupId,
      OUT_FILE: outFile,
    };

    const first = startChild(env);
    children.push(first.child);
    // Some batches committed, and the current one part-way through.
    await waitFor(
      () => {
        const count = processedOffsets(outFile).length;
        return count >= 25 && count % MAX_MESSAGES >= 3;
      },
      { description: 'the first process in the middle of a batch', intervalMs: 5, timeoutMs: 60_000 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nchild output:\n${first.output()}`);
    });
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');

    const beforeRestart = processedOffsets(outFile);
    const committed = Number((await committedOffsets(primaryBrokers(), groupId, topic))[0]);
    expect(committed).toBeGreaterThanOrEqual(MAX_MESSAGES);
    expect(committed).toBeLessThan(beforeRestart.length);
    expect(beforeRestart).toEqual([...Array(beforeRestart.length).keys()]);

    const second = startChild(env);
    children.push(second.child);
    await waitFor(() => new Set(processedOffsets(outFile)).size === TOTAL, {
      description: `all ${TOTAL} offsets processed`,
      timeoutMs: 90_000,
    }).catch((error: Error) => {
      throw new Error(`${error.message}\nchild output:\n${second.output()}`);
    });
    second.child.kill('SIGTERM');
    // Nest closes the app on SIGTERM, then re-raises the signal.
    expect(await second.exited).toBe('SIGTERM');
    expect(second.output()).toMatch(/ready\n(.|\n)*closed\n/);

    const afterRestart = processedOffsets(outFile).slice(beforeRestart.length);
    // The restarted process starts at the committed offset: what the killed one did after it comes again...
    expect(afterRestart[0]).toBe(committed);
    expect(afterRestart).toEqual([...Array(TOTAL - committed).keys()].map((i) => committed + i));
    // ...which is less than one fetched batch: everything before was committed as each batch was done.
    expect(beforeRestart.length - committed).toBeLessThanOrEqual(MAX_MESSAGES);
    expect(beforeRestart.length - committed).toBeGreaterThan(0);
  });
});
