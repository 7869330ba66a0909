import type { ClusterCounters, ProcessView } from '../reporting/web-report.interface';

const zero = (): ClusterCounters => ({ consumedPerSecond: 0, producedPerSecond: 0, errors: 0, lag: 0 });

function add(into: ClusterCounters, counters: ClusterCounters): ClusterCounters {
  into.consumedPerSecond += counters.consumedPerSecond;
  into.producedPerSecond += counters.producedPerSecond;
  into.errors += counters.errors;
  into.lag += counters.lag;
  return into;
}

export function sumCounters(counters: Iterable<ClusterCounters>): ClusterCounters {
  let total = zero();
  for (const entry of counters) total = add(total, entry);
  return total;
}

/** Counters of the processes still up, per cluster, by name: what the dashboard's tiles and table show now. */
export function clusterTotals(processes: ProcessView[]): Map<string, ClusterCounters> {
  const totals = new Map<string, ClusterCounters>();
  for (const process of processes.filter((candidate) => candidate.status === 'up'))
    for (const [cluster, counters] of Object.entries(process.counters))
      totals.set(cluster, add(totals.get(cluster) ?? zero(), counters));
  return new Map([...totals].sort(([a], [b]) => a.localeCompare(b)));
}
