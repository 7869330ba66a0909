import { setTimeout as sleep } from 'timers/promises';
import type { Cluster, Kafka } from 'kafkajs';
import { toDriverError } from './kafkajs-errors';

/**
 * The member ids a consumer's group may still hold although the consumer is no longer that member.
 *
 * kafkajs rejoins as a *new* member after a crash (it starts over with an empty member id). When the crash came
 * from the cluster going away, the member it was could not send LeaveGroup, and a coordinator that restarted loads
 * the group with that member from `__consumer_offsets`: the new member's join then waits until the old one's
 * session timeout expires (30 s by default) before the rebalance completes. Those old members are what this keeps,
 * so the driver can make them leave once the cluster answers (`removeStaleMember`). Pure bookkeeping.
 */
export class StaleMembers {
  private current: string | undefined;
  private readonly stale = new Set<string>();

  /** `previousMemberId`: the member the consumer this one replaces was, if it may not have left. */
  constructor(previousMemberId?: string) {
    if (previousMemberId) this.stale.add(previousMemberId);
  }

  /** The consumer is `memberId` now (a join, or a rejoin after a rebalance): that member is live, not stale. */
  joined(memberId: string | undefined): void {
    if (!memberId) return;
    this.current = memberId;
    this.stale.delete(memberId);
  }

  /** The consumer crashed and will rejoin as another member: the one it was may still be in the group. */
  crashed(): void {
    if (this.current) this.stale.add(this.current);
    this.current = undefined;
  }

  /** `memberId` left, was gone already, or cannot be removed (the group drops it after its session timeout). */
  forget(memberId: string): void {
    this.stale.delete(memberId);
  }

  /** The members to remove, oldest first. */
  get pending(): string[] {
    return [...this.stale];
  }
}

/** kafkajs' default session timeout: how long a coordinator keeps a member that stopped heartbeating. */
export const KAFKAJS_SESSION_TIMEOUT_MS = 30_000;

/** Between attempts to remove a member: 100, 200, 400, 800 ms, then every second. */
const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 1000;

/** The part of kafkajs' broker the removal uses; kafkajs has it but its typings leave it out. */
interface GroupCoordinator {
  leaveGroup(request: { groupId: string; memberId: string }): Promise<unknown>;
}

/**
 * A kafkajs cluster (brokers and connections) of its own, with the client's settings (TLS, SASL). kafkajs only
 * hands its cluster to partition assigners, so a consumer that is never connected lends it through one.
 */
export function ownCluster(kafka: Kafka, groupId: string): Cluster {
  let cluster: Cluster | undefined;
  kafka.consumer({
    groupId,
    partitionAssigners: [
      (config) => {
        cluster = config.cluster;
        return {
          name: 'unused',
          version: 0,
          assign: async () => [],
          protocol: () => ({ name: 'unused', metadata: Buffer.alloc(0) }),
        };
      },
    ],
  });
  if (!cluster) throw new Error(`kafkajs did not hand a cluster to the assigner of group '${groupId}'`);
  return cluster;
}

export interface StaleMemberRemoval {
  /** Retriable failures (coordinator loading or moved, broker not reachable) are retried until then (epoch ms). */
  deadline: number;
  /** Aborted when the consumer disconnects: no more attempts. */
  signal: AbortSignal;
}

/**
 * Sends LeaveGroup on behalf of `memberId` of `groupId`, over connections of its own: the consumer's connection
 * to the coordinator carries its JoinGroup, which the broker answers only once the rebalance completes, and a
 * broker reads a connection's next request only after answering the current one. Resolves `removed`, or `gone`
 * when the coordinator no longer knows the member; rejects with the last failure once retrying is over.
 */
export async function removeStaleMember(
  kafka: Kafka,
  groupId: string,
  memberId: string,
  { deadline, signal }: StaleMemberRemoval,
): Promise<'removed' | 'gone'> {
  const cluster = ownCluster(kafka, groupId);
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await cluster.connect();
        const coordinator = (await cluster.findGroupCoordinator({ groupId })) as unknown as GroupCoordinator;
        await coordinator.leaveGroup({ groupId, memberId });
        return 'removed';
      } catch (error) {
        const failure = toDriverError(error);
        if (failure.type === 'UNKNOWN_MEMBER_ID') return 'gone';
        const wait = Math.min(FIRST_RETRY_MS * 2 ** (attempt - 1), MAX_RETRY_MS);
        if (!failure.retriable || signal.aborted || Date.now() + wait >= deadline) throw failure;
        await sleep(wait, undefined, { signal }).catch(() => undefined);
        if (signal.aborted) throw failure;
      }
    }
  } finally {
    // Only this function's own connections: failing to close them changes nothing for the consumer.
    await cluster.disconnect().catch(() => undefined);
  }
}
