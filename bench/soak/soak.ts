/**
 * Entry of `npm run soak`: pushes ids through two clusters of its own while consumers are killed and brokers
 * restarted or taken away, then prints lost (must be 0), duplicates, throughput and recovery times. Exits 1 if
 * an acknowledged id was never processed. See docs/soak.md.
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTopics } from '../support/bench-topics';
import { buildForChildren, PROJECT_ROOT } from '../support/child-build';
import { SoakClusters } from './soak-clusters';
import { runFaults, type FaultResult } from './soak-faults';
import { parseSoakOptions, type SoakOptions } from './soak-options';
import { SoakProducer } from './soak-producer';
import { soakReport } from './soak-report';
import { SoakTally } from './soak-tally';
import { SoakWorkers } from './soak-workers';

/** How long the soak waits, once production is done, for every acknowledged id to be processed. */
const DRAIN_TIMEOUT_MS = 180_000;
const PROGRESS_INTERVAL_MS = 10_000;

function log(line: string): void {
  process.stdout.write(`[soak] ${line}\n`);
}

async function soak(options: SoakOptions): Promise<number> {
  const startedAt = Date.now();
  const runDir = path.join(
    PROJECT_ROOT,
    '.cache',
    'soak',
    new Date(startedAt).toISOString().replace(/[:.]/g, '-'),
  );
  fs.mkdirSync(runDir, { recursive: true });
  log(`logs in ${runDir}`);
  const clusters = new SoakClusters(
    { primary: options.primaryPort, secondary: options.secondaryPort },
    path.join(runDir, 'clusters.log'),
  );
  const brokers = { primary: clusters.brokers('primary'), secondary: clusters.brokers('secondary') };
  const topic = 'soak';
  const tally = new SoakTally(options.messages);
  const workers = new SoakWorkers(
    { primaryBrokers: brokers.primary, secondaryBrokers: brokers.secondary, topic, group: 'soak' },
    tally,
    runDir,
  );
  let producer: SoakProducer | undefined;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await workers.stopAll();
      await producer?.close().catch((error: unknown) => log(`producer close: ${String(error)}`));
      await clusters.stopAll();
      log('consumers, producer and both clusters stopped');
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping`);
      void stop().finally(() => process.exit(130));
    });
  }

  try {
    buildForChildren();
    log(`starting fresh clusters on ${brokers.primary} and ${brokers.secondary}`);
    await clusters.startFresh();
    await Promise.all(
      [brokers.primary, brokers.secondary].map((b) =>
        createTopics(b, [{ topic, partitions: options.partitions }]),
      ),
    );
    for (let i = 0; i < options.consumers; i++) workers.start();
    producer = await SoakProducer.start(brokers, path.join(runDir, 'producer.log'));

    const productionStartedAt = Date.now();
    const progress = setInterval(
      () =>
        log(
          `${Math.round((Date.now() - productionStartedAt) / 1000)} s: ${tally.acknowledged} acknowledged, ` +
            `${tally.processedUnique} processed (${tally.duplicates} duplicates), ${tally.rejections} rejections`,
        ),
      PROGRESS_INTERVAL_MS,
    );
    const faults: FaultResult[] = [];
    const faultsDone = runFaults(
      {
        clusters,
        workers,
        tally,
        durationS: options.duration,
        outageS: options.outage,
        startedAt: productionStartedAt,
      },
      (result) => {
        faults.push(result);
        log(
          `${result.name}: ${result.recoveryS === undefined ? 'not recovered' : `recovered in ${result.recoveryS.toFixed(1)} s`}`,
        );
      },
    );
    await producer.run({ topic, messages: options.messages, durationS: options.duration }, tally);
    const productionS = (Date.now() - productionStartedAt) / 1000;
    log(`all ${options.messages} ids acknowledged after ${productionS.toFixed(1)} s`);
    await faultsDone;
    const drainDeadline = Date.now() + DRAIN_TIMEOUT_MS;
    while (tally.processedUnique < options.messages && Date.now() < drainDeadline) await sleep(200);
    clearInterval(progress);

    const consumptionS = (tally.lastProcessedAt - productionStartedAt) / 1000;
    const outcome = {
      options,
      tally,
      faults,
      productionS,
      consumptionS,
      totalS: (Date.now() - startedAt) / 1000,
      unexpectedExits: workers.unexpectedExits,
    };
    await stop();
    process.stdout.write(`\n${soakReport(outcome)}\n`);
    return tally.lost().count > 0 ? 1 : 0;
  } finally {
    await stop();
  }
}

let options: SoakOptions;
try {
  options = parseSoakOptions(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
soak(options).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      `[soak] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  },
);
