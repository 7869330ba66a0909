import type { BenchOptions } from '../support/bench-options';
import { benchName, createTopics } from '../support/bench-topics';
import { builtBenchFile } from '../support/child-build';
import { runChild } from '../support/child-task';
import type { Cleanup } from '../support/cleanup';
import { rotation, summarize, type Summary } from '../support/stats';
import type { MemoryRun, MemoryTask } from './memory-worker';

export interface MemorySuiteResult {
  /** Subscription groups of the small and of the large app. */
  groups: [number, number];
  rounds: number;
  small: { rssMiB: Summary; heapUsedMiB: Summary };
  large: { rssMiB: Summary; heapUsedMiB: Summary };
  /** Median over rounds of (RSS large − RSS small) / (groups large − groups small). */
  rssPerSubscriptionGroupMiB: Summary;
  heapPerSubscriptionGroupMiB: Summary;
}

const MiB = 1024 * 1024;
const log = (text: string) => console.log(`[bench:memory] ${text}`);

/**
 * RSS of an idle app with one subscription group against one with `memoryGroups`, each in a fresh child
 * process (so neither sees the other's heap), alternating which starts first.
 */
export async function runMemorySuite(options: BenchOptions, cleanup: Cleanup): Promise<MemorySuiteResult> {
  const topics = Array.from({ length: options.memoryGroups }, () => benchName('memory'));
  for (const topic of topics) cleanup.topic(options.primaryBrokers, topic);
  await createTopics(
    options.primaryBrokers,
    topics.map((topic) => ({ topic, partitions: 1 })),
  );

  const sizes = [1, options.memoryGroups] as const;
  // RSS of an idle app barely moves between rounds: three are enough, one in quick mode.
  const rounds = options.quick ? 1 : Math.min(options.rounds, 3);
  const runs = new Map<number, MemoryRun[]>(sizes.map((size) => [size, []]));
  for (let round = 0; round < rounds; round++) {
    for (const size of rotation(sizes, round)) {
      const groupId = benchName('memory-group');
      cleanup.group(options.primaryBrokers, groupId);
      const run = await runChild<MemoryTask, MemoryRun>(
        builtBenchFile('memory/memory-worker.ts', options.nest),
        { brokers: options.primaryBrokers, groupId, topics: topics.slice(0, size) },
        { timeoutMs: 120_000, nodeFlags: ['--expose-gc'] },
      );
      runs.get(size)?.push(run);
      log(
        `round ${round + 1}/${rounds} ${size} subscription group(s): RSS ${(run.rssBytes / MiB).toFixed(1)} MiB, heap ${(run.heapUsedBytes / MiB).toFixed(1)} MiB`,
      );
    }
  }
  const small = runs.get(sizes[0]) ?? [];
  const large = runs.get(sizes[1]) ?? [];
  const extra = sizes[1] - sizes[0];
  const pick = (list: MemoryRun[], field: 'rssBytes' | 'heapUsedBytes') =>
    list.map((run) => run[field] / MiB);
  return {
    groups: [sizes[0], sizes[1]],
    rounds,
    small: {
      rssMiB: summarize(pick(small, 'rssBytes')),
      heapUsedMiB: summarize(pick(small, 'heapUsedBytes')),
    },
    large: {
      rssMiB: summarize(pick(large, 'rssBytes')),
      heapUsedMiB: summarize(pick(large, 'heapUsedBytes')),
    },
    rssPerSubscriptionGroupMiB: summarize(
      large.map((run, i) => (run.rssBytes - small[i].rssBytes) / MiB / extra),
    ),
    heapPerSubscriptionGroupMiB: summarize(
      large.map((run, i) => (run.heapUsedBytes - small[i].heapUsedBytes) / MiB / extra),
    ),
  };
}
