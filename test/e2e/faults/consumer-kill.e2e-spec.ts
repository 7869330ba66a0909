import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { committedOffsets, jsonRecords, produce } from '../../fixtures/consumer-kafka';
import { idRange, reportFault, seconds, tallyIds } from '../../support/fault-report';
import { PROJECT_ROOT, createTopic, primaryBrokers, uniqueName, waitFor } from '../../support/kafka-env';

/**
 * At-least-once across a crash: a consuming process killed with SIGKILL in the middle of its batches, then the
 * same group started again in a new process. Counted by message id: nothing is lost, and per partition only
 * what the killed process did since that partition's last commit (the fetched batch in progress, at most
 * PER_BATCH messages) is processed twice. Only the consuming process is killed: the shared test bed is not.
 */

const FIXTURE = path.join(PROJECT_ROOT, 'test', 'fixtures', 'consumer-kill-app.ts');
const PARTITIONS = 4;
/** Messages per record batch and partition; the fixture fetches one record batch per partition at a time. */
const PER_BATCH = 10;
const BATCHES_PER_PARTITION = 10;
const TOTAL = PARTITIONS * PER_BATCH * BATCHES_PER_PARTITION;

interface Processed {
  partition: number;
  offset: number;
  id: number;
}

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

/** The fixture's lines `<partition> <offset> <id>`; a line cut short by the kill is not a processed message. */
function readProcessed(file: string): Processed[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => /^\d+ \d+ \d+$/.test(line))
    .map((line) => {
      const [partition, offset, id] = line.split(' ').map(Number);
      return { partition, offset, id };
    });
}

function offsetsOf(processed: Processed[], partition: number): number[] {
  return processed.filter((p) => p.partition === partition).map((p) => p.offset);
}

describe('kill -9 of a consuming process mid-batch, then the same group restarted (e2e)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'consumer-kill-'));
  const children: ChildProcess[] = [];

  afterAll(() => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no message, and redelivers at most one fetched batch per partition', async () => {
    const topic = uniqueName('faults.consumer-kill');
    const groupId = uniqueName('faults-consumer-kill');
    const outFile = path.join(dir, 'processed.txt');
    await createTopic(primaryBrokers(), topic, PARTITIONS);
    // One send per round: one record batch of PER_BATCH messages on each partition.
    for (let round = 0; round < BATCHES_PER_PARTITION; round++) {
      const from = round * PARTITIONS * PER_BATCH;
      await produce(primaryBrokers(), topic, jsonRecords(PARTITIONS * PER_BATCH, PARTITIONS, from));
    }
    const env = {
      KAFKA_PRIMARY_BROKERS: primaryBrokers().join(','),
      TOPIC: topic,
      GROUP_ID: groupId,
      OUT_FILE: outFile,
    };

    const first = startChild(env);
    children.push(first.child);
    // Well into the topic, with some partition part-way through a fetched batch.
    await waitFor(
      () => {
        const processed = readProcessed(outFile);
        if (processed.length < TOTAL * 0.4) return false;
        return idRange(PARTITIONS).some((p) => {
          const inBatch = offsetsOf(processed, p).length % PER_BATCH;
          return inBatch >= 3 && inBatch <= PER_BATCH - 3;
        });
      },
      { description: 'the first process in the middle of a batch', intervalMs: 5, timeoutMs: 60_000 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nchild output:\n${first.output()}`);
    });
    first.child.kill('SIGKILL');
    const killedAt = Date.now();
    expect(await first.exited).toBe('SIGKILL');

    const beforeRestart = readProcessed(outFile);
    const committedAtKill = await committedOffsets(primaryBrokers(), groupId, topic);
    // Offsets are committed as each fetched batch is done; a partition with no commit yet restarts at 0.
    const committed = idRange(PARTITIONS).map((p) => Math.max(0, Number(committedAtKill[p] ?? -1)));

    const second = startChild(env);
    children.push(second.child);
    await waitFor(() => new Set(readProcessed(outFile).map((p) => p.id)).size === TOTAL, {
      description: `all ${TOTAL} messages processed`,
      timeoutMs: 60_000,
    }).catch((error: Error) => {
      const seen = new Set(readProcessed(outFile).map((p) => p.id)).size;
      throw new Error(`${error.message} (${seen} so far)\nchild output:\n${second.output()}`);
    });
    const doneAt = Date.now();
    second.child.kill('SIGTERM');
    // Nest closes the app on SIGTERM, then re-raises the signal.
    expect(await second.exited).toBe('SIGTERM');
    expect(second.output()).toMatch(/ready\n(.|\n)*closed\n/);

    const all = readProcessed(outFile);
    const afterRestart = all.slice(beforeRestart.length);
    const { lost, duplicates, unexpected } = tallyIds(
      idRange(TOTAL),
      all.map((p) => p.id),
    );
    const perPartition = idRange(PARTITIONS).map((p) => {
      const before = offsetsOf(beforeRestart, p);
      const after = offsetsOf(afterRestart, p);
      return { partition: p, before, after, redelivered: before.length - committed[p] };
    });
    reportFault(
      'consumer-kill',
      `${TOTAL} messages on ${PARTITIONS} partitions, ${beforeRestart.length} processed before the kill; ` +
        `lost ${lost.length}, duplicates ${duplicates}, redelivered per partition ` +
        `${perPartition.map((p) => `p${p.partition} ${p.redelivered}`).join(', ')} (bound ${PER_BATCH}); ` +
        `all processed ${seconds(doneAt - killedAt)} after the kill`,
    );

    expect({ lost, unexpected }).toEqual({ lost: [], unexpected: [] });
    for (const { partition, before, after } of perPartition) {
      // In order before the kill, and the restarted process starts at the committed offset and goes to the end.
      expect({ partition, before }).toEqual({ partition, before: idRange(before.length) });
      expect({ partition, after }).toEqual({
        partition,
        after: idRange(PER_BATCH * BATCHES_PER_PARTITION - committed[partition], committed[partition]),
      });
    }
    // Redelivered: only what the killed process did since the commit, at most the fetched batch.
    const outOfBound = perPartition
      .filter((p) => p.redelivered < 0 || p.redelivered > PER_BATCH)
      .map((p) => `p${p.partition}: ${p.redelivered}`);
    expect(outOfBound).toEqual([]);
    // Each redelivery is a duplicate and nothing else is.
    expect(duplicates).toBe(perPartition.reduce((sum, p) => sum + p.redelivered, 0));
    // The kill did land mid-batch: something was processed and not yet committed.
    expect(duplicates).toBeGreaterThan(0);
  });
});
