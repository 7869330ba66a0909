import type { RunnerInfo, RunnerState } from '../consumer/subscription-group-runner';
import { HEALTH_MESSAGES as M } from './health.messages';
import type { ResolvedHealthOptions } from './health-options.interface';

export type GroupTtls = Pick<ResolvedHealthOptions, 'pollingTtlMs' | 'consumingTtlMs' | 'rebalancingTtlMs'>;

/** Why a subscription group is not alive, and why it is not ready (a superset: not alive is not ready). */
export interface GroupAssessment {
  liveness: string[];
  readiness: string[];
}

/**
 * Ready states. `idle` is a group never started (`autoStartConsumers: false`): nothing was asked of it. Any
 * other state (connecting, reconnecting after an outage, stopping) is not ready, yet alive: a restart would
 * not make it join sooner.
 */
const READY_STATES: readonly RunnerState[] = ['running', 'idle'];

/**
 * Karafka's liveness listener rules for one group, from what its runner knows at `now`: a `consume` call stuck
 * past `consumingTtlMs`, a rebalance stuck past `rebalancingTtlMs`, or no poll for `pollingTtlMs` while the
 * group claims to be running.
 */
export function assessGroup(runner: RunnerInfo, now: number, ttls: GroupTtls): GroupAssessment {
  const liveness: string[] = [];
  if (runner.consumingSince !== undefined && now - runner.consumingSince > ttls.consumingTtlMs) {
    liveness.push(M.consumingStuck(now - runner.consumingSince, ttls.consumingTtlMs));
  }
  if (runner.rebalancingSince !== undefined && now - runner.rebalancingSince > ttls.rebalancingTtlMs) {
    liveness.push(M.rebalancingStuck(now - runner.rebalancingSince, ttls.rebalancingTtlMs));
  }
  // kafkajs does not fetch while `consume` runs or the group rebalances: those have their own TTLs.
  if (
    runner.state === 'running' &&
    runner.consumingSince === undefined &&
    runner.rebalancingSince === undefined
  ) {
    // A group that just (re)joined has not polled yet: count from when it started running.
    const since = now - Math.max(runner.lastPollAt ?? 0, runner.stateSince);
    if (since > ttls.pollingTtlMs) liveness.push(M.pollingStalled(since, ttls.pollingTtlMs));
  }
  const readiness = READY_STATES.includes(runner.state)
    ? [...liveness]
    : [M.notRunning(runner.state), ...liveness];
  return { liveness, readiness };
}
