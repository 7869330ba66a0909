/**
 * `npm run bench`: nestjs-karafka against raw kafkajs and @nestjs/microservices on the project's own local
 * clusters, in one run, with ratios. See BENCH_USAGE (`npm run bench -- --help`) and docs/performance.md.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runConsumeSuite } from './consume/consume-suite';
import { runMemorySuite } from './memory/memory-suite';
import { runPublishSuite } from './publish/publish-suite';
import { BENCH_USAGE, parseBenchOptions } from './support/bench-options';
import {
  checkTargets,
  computePairedRatios,
  computeRatios,
  formatConsume,
  formatMachine,
  formatMemory,
  formatProduce,
  formatRatios,
  type BenchResults,
} from './support/bench-report';
import { buildForChildren, PROJECT_ROOT } from './support/child-build';
import { Cleanup } from './support/cleanup';
import { describeMachine } from './support/machine';

/** Nest 12 is ESM-only and not the project's own: installed once into .cache/nest12 (see the script). */
function installNest12(): void {
  const install = spawnSync(
    'bash',
    [path.join(PROJECT_ROOT, 'scripts', 'nest12-install.sh'), '--if-missing'],
    {
      stdio: 'inherit',
    },
  );
  if (install.status !== 0) {
    throw new Error(
      "could not install Nest 12 into .cache/nest12 (see above); --nest 11 runs on the project's Nest 11",
    );
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(BENCH_USAGE);
    return 0;
  }
  const options = parseBenchOptions(argv);
  const startedAt = new Date();
  const clock = performance.now();
  if (options.nest === 12) installNest12();
  const machine = describeMachine(options.nest);
  console.log(formatMachine(machine));
  console.log(
    `Brokers: primary ${options.primaryBrokers}, secondary ${options.secondaryBrokers}${options.quick ? ' (quick mode)' : ''}`,
  );
  const built = buildForChildren(options.nest);
  if (built > 0) console.log(`[bench] transpiled ${built} changed files for the child processes`);
  if (options.cpuProf) fs.mkdirSync(options.cpuProf, { recursive: true });

  const cleanup = new Cleanup();
  const results: Partial<BenchResults> = {};
  try {
    if (options.suites.includes('consume')) results.consume = await runConsumeSuite(options, cleanup);
    if (options.suites.includes('produce')) results.produce = await runPublishSuite(options, cleanup);
    if (options.suites.includes('memory')) results.memory = await runMemorySuite(options, cleanup);
  } finally {
    await cleanup.run();
  }

  const ratios = computeRatios(results.consume, results.produce, results.memory);
  const pairedRatios = computePairedRatios(results.consume, results.produce);
  const targets = checkTargets(ratios);
  const sections = [
    results.consume && formatConsume(results.consume),
    results.produce && formatProduce(results.produce),
    results.memory && formatMemory(results.memory),
    formatRatios(ratios, pairedRatios, targets),
  ].filter(Boolean);
  const durationSeconds = Math.round((performance.now() - clock) / 100) / 10;
  console.log(`\n${sections.join('\n\n')}\n\nTotal ${durationSeconds} s.`);

  if (options.json) {
    const report: BenchResults = {
      startedAt: startedAt.toISOString(),
      durationSeconds,
      command: `npm run bench -- ${argv.join(' ')}`.trim(),
      options,
      machine,
      ratios,
      pairedRatios,
      targets,
      ...results,
    };
    fs.mkdirSync(path.dirname(path.resolve(options.json)), { recursive: true });
    // NaN is not JSON: a ratio that was not measured is written as null.
    fs.writeFileSync(
      options.json,
      `${JSON.stringify(report, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`,
    );
    console.log(`Results written to ${options.json}`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      `[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  },
);
