import type { INestApplicationContext } from '@nestjs/common';
import { ADMIN_MESSAGES } from '../../admin/admin.messages';
import { KarafkaAdmin } from '../../admin/karafka-admin';
import { KarafkaAdminError } from '../../admin/karafka-admin.error';
import { ClusterRegistry } from '../../routing/cluster-registry';
import { waitFor } from '../wait-for';

export interface WaitForConsumedOptions {
  /** Give up after this long (default 30 s); the error says which partitions are behind. */
  timeoutMs?: number;
  /** Pause between looks at the group's offsets (default 100 ms). */
  intervalMs?: number;
}

/**
 * Resolves once consumer group `groupId` has committed up to the high watermark on every partition of `topics`,
 * on the admin's cluster (`admin.forCluster(name)` for another): everything produced to them before the call
 * has been consumed, dead-lettered or skipped by the group. A partition with no messages counts as consumed.
 */
export async function waitForConsumerGroup(
  admin: KarafkaAdmin,
  groupId: string,
  topics: readonly string[],
  options: WaitForConsumedOptions = {},
): Promise<void> {
  await waitFor(
    async () => {
      const behind = (
        await Promise.all(topics.map((topic) => partitionsBehind(admin, groupId, topic)))
      ).flat();
      if (behind.length > 0) throw new Error(behind.join(', '));
      return true;
    },
    {
      ...options,
      description: `consumer group '${groupId}' on cluster '${admin.cluster.name}' to consume ${topics.join(', ')} up to the high watermark`,
    },
  );
}

/**
 * The real-broker counterpart of `KarafkaTesting.consumeAll`: waits until every consumer group of the app has
 * consumed each of its topics up to the high watermark, on every cluster.
 */
export async function waitForConsumers(
  app: INestApplicationContext,
  options: WaitForConsumedOptions = {},
): Promise<void> {
  const admin = app.get(KarafkaAdmin, { strict: false });
  const groups = app.get(ClusterRegistry, { strict: false }).subscriptionGroups();
  await Promise.all(
    groups.map((group) =>
      waitForConsumerGroup(
        admin.forCluster(group.cluster.name),
        group.groupId,
        group.topics.map((route) => route.topic),
        options,
      ),
    ),
  );
}

/** `topic/partition: committed c of h` for each partition the group has not consumed to the end. */
async function partitionsBehind(admin: KarafkaAdmin, groupId: string, topic: string): Promise<string[]> {
  const [watermarks, committed] = await Promise.all([
    admin.readWatermarkOffsets(topic),
    committedOffsets(admin, groupId, topic),
  ]);
  return watermarks.flatMap(({ partition, low, high }) => {
    if (low === high) return [];
    const offset = committed.get(partition);
    if (offset !== undefined && BigInt(offset) >= BigInt(high)) return [];
    return [`${topic}/${partition}: ${offset === undefined ? 'nothing' : offset} committed of ${high}`];
  });
}

async function committedOffsets(
  admin: KarafkaAdmin,
  groupId: string,
  topic: string,
): Promise<Map<number, string>> {
  const byPartition = new Map<number, string>();
  const description = await admin.describeConsumerGroup(groupId).catch((error: unknown) => {
    // A group that has not committed yet does not exist for Kafka: nothing is consumed so far.
    if (error instanceof KarafkaAdminError && error.reason === ADMIN_MESSAGES.groupMissing(groupId))
      return undefined;
    throw error;
  });
  for (const { partition, committedOffset } of description?.topics.find((t) => t.topic === topic)
    ?.partitions ?? []) {
    if (committedOffset !== null) byPartition.set(partition, committedOffset);
  }
  return byPartition;
}
