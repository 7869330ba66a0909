import { RECOVERY_TIMEOUT_MS, type FaultResult } from './soak-faults';
import type { SoakOptions } from './soak-options';
import type { SoakTally } from './soak-tally';

export interface SoakOutcome {
  options: SoakOptions;
  tally: SoakTally;
  faults: FaultResult[];
  /** Seconds from the first id produced to the last one acknowledged. */
  productionS: number;
  /** Seconds from the first id produced to the last new id processed. */
  consumptionS: number;
  totalS: number;
  unexpectedExits: string[];
}

const count = (n: number) => n.toLocaleString('en-US');
const seconds = (s: number) => `${s.toFixed(1)} s`;

/** The lines `npm run soak` prints at its end. */
export function soakReport({
  options,
  tally,
  faults,
  productionS,
  consumptionS,
  totalS,
  unexpectedExits,
}: SoakOutcome): string {
  const lost = tally.lost();
  const lines = [
    `soak: ${count(options.messages)} messages over 2 clusters, ${options.consumers} consumer processes, ` +
      `${options.partitions} partitions per topic, ${options.duration} s schedule`,
    `  produced / acknowledged  ${count(options.messages)} / ${count(tally.acknowledged)}` +
      ` (${count(tally.rejections)} produce rejections, each retried until acknowledged)`,
    `  processed unique         ${count(tally.processedUnique)}`,
    `  lost                     ${count(lost.count)}` +
      (lost.count > 0 ? ` (e.g. ids ${lost.sample.join(', ')}; even ids: primary, odd: secondary)` : ''),
    `  duplicates               ${count(tally.duplicates)} (${count(tally.processedTotal)} processed in all)`,
    `  throughput               ${count(Math.round(tally.processedUnique / consumptionS))} msg/s consumed ` +
      `(unique / ${seconds(consumptionS)}); ${count(Math.round(tally.acknowledged / productionS))} msg/s acknowledged ` +
      `(over ${seconds(productionS)})`,
    '  faults (recovery: from restart / the broker answering again to the first id consumed after it)',
    ...faults.map(
      (fault) =>
        `    ${fault.name.padEnd(34)} at ${seconds(fault.startedAtS).padStart(8)}   ` +
        (fault.recoveryS === undefined
          ? `NOT recovered within ${RECOVERY_TIMEOUT_MS / 1000} s`
          : `recovered in ${seconds(fault.recoveryS)}`),
    ),
    ...unexpectedExits.map((exit) => `  unexpected: ${exit}`),
    `  total time               ${seconds(totalS)} (from the clusters' start)`,
  ];
  return lines.join('\n');
}
