import { setTimeout as sleep } from 'node:timers/promises';
import type { SoakCluster, SoakClusters } from './soak-clusters';
import type { Receipt, SoakTally } from './soak-tally';
import type { SoakWorkers } from './soak-workers';

/** How long a fault waits for consumption to resume before it is reported as not recovered. */
export const RECOVERY_TIMEOUT_MS = 120_000;

export interface FaultResult {
  name: string;
  /** Seconds since the soak started. */
  startedAtS: number;
  /** Seconds from the fault's end (restart, or the broker answering again) to the first id consumed after it;
   * undefined if none came within RECOVERY_TIMEOUT_MS. */
  recoveryS?: number;
}

interface Fault {
  name: string;
  /** Share of the production duration at which the fault starts. */
  at: number;
  /** Causes the fault, ends it, and returns what to wait for: the first batch matching it is the recovery. */
  run(): Promise<(receipt: Receipt) => boolean>;
}

export interface FaultContext {
  clusters: SoakClusters;
  workers: SoakWorkers;
  tally: SoakTally;
  durationS: number;
  outageS: number;
  startedAt: number;
}

function fromCluster(cluster: SoakCluster) {
  return (receipt: Receipt) => receipt.cluster === cluster;
}

/** Kill -9 of a consumer and its restart; a restart of the primary broker; an outage of the secondary. */
function schedule({ clusters, workers, outageS }: FaultContext): Fault[] {
  return [
    {
      name: 'consumer kill -9, then restart',
      at: 0.15,
      async run() {
        await workers.killOne();
        const restarted = workers.start();
        return (receipt) => receipt.worker === restarted;
      },
    },
    {
      name: 'primary broker restart',
      at: 0.4,
      async run() {
        await clusters.stop('primary');
        await clusters.start('primary');
        return fromCluster('primary');
      },
    },
    {
      name: `secondary outage (${outageS} s)`,
      at: 0.65,
      async run() {
        await clusters.stop('secondary');
        await sleep(outageS * 1000);
        await clusters.start('secondary');
        return fromCluster('secondary');
      },
    },
  ];
}

/** Runs the faults one after another at their place in the duration, each measured before the next starts. */
export async function runFaults(
  context: FaultContext,
  onResult: (result: FaultResult) => void,
): Promise<void> {
  for (const fault of schedule(context)) {
    const wait = context.startedAt + fault.at * context.durationS * 1000 - Date.now();
    if (wait > 0) await sleep(wait);
    const startedAtS = (Date.now() - context.startedAt) / 1000;
    const recovered = await fault.run();
    const ended = Date.now();
    const at = await context.tally.nextReceipt(recovered, RECOVERY_TIMEOUT_MS);
    onResult({ name: fault.name, startedAtS, recoveryS: at === undefined ? undefined : (at - ended) / 1000 });
  }
}
