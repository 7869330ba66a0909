import { AssignerProtocol, type PartitionAssigner } from 'kafkajs';

/** Partitions of each topic, as the leader's metadata knows them. */
export type PartitionsOf = (topic: string) => number[];

export interface GroupMemberSubscription {
  memberId: string;
  topics: string[];
}

/**
 * Pure assignment: every partition of a topic goes to one of the members that subscribed to *that* topic,
 * round-robin over those members (sorted by id, so every leader computes the same plan).
 */
export function assignBySubscription(
  members: GroupMemberSubscription[],
  partitionsOf: PartitionsOf,
): Map<string, Record<string, number[]>> {
  const plan = new Map<string, Record<string, number[]>>();
  const sorted = [...members].sort((a, b) => a.memberId.localeCompare(b.memberId));
  for (const member of sorted) plan.set(member.memberId, {});
  const topics = [...new Set(sorted.flatMap((member) => member.topics))].sort();
  // A per-member running count spreads partitions of different topics over the same members evenly.
  const load = new Map(sorted.map((member) => [member.memberId, 0]));
  for (const topic of topics) {
    const subscribers = sorted.filter((member) => member.topics.includes(topic));
    for (const partition of partitionsOf(topic)) {
      const assignee = subscribers.reduce((least, member) =>
        load.get(member.memberId)! < load.get(least.memberId)! ? member : least,
      );
      load.set(assignee.memberId, load.get(assignee.memberId)! + 1);
      const assignment = plan.get(assignee.memberId)!;
      (assignment[topic] ??= []).push(partition);
    }
  }
  return plan;
}

/**
 * Karafka runs several subscription groups (several consumers with *different* topic lists) under one
 * group id. kafkajs' built-in round-robin assigner hands every member partitions of every topic the leader
 * subscribed to, so a member can be given topics it never asked for while others go unconsumed. This
 * assigner reads each member's subscription from its join metadata and honours it.
 */
export const SubscriptionAwareAssigner: PartitionAssigner = ({ cluster }) => ({
  name: 'KarafkaSubscriptionAware',
  version: 1,

  async assign({ members }) {
    const subscriptions = members.map(({ memberId, memberMetadata }) => ({
      memberId,
      topics: AssignerProtocol.MemberMetadata.decode(memberMetadata)?.topics ?? [],
    }));
    const allTopics = [...new Set(subscriptions.flatMap((member) => member.topics))];
    // The leader only fetched metadata for its own topics; learn the partitions of everyone else's.
    const unknown = allTopics.filter((topic) => cluster.findTopicPartitionMetadata(topic).length === 0);
    if (unknown.length > 0) {
      await cluster.addMultipleTargetTopics(unknown);
    }
    const plan = assignBySubscription(subscriptions, (topic) =>
      cluster.findTopicPartitionMetadata(topic).map(({ partitionId }) => partitionId),
    );
    return [...plan].map(([memberId, assignment]) => ({
      memberId,
      memberAssignment: AssignerProtocol.MemberAssignment.encode({
        version: 1,
        assignment,
        userData: Buffer.alloc(0),
      }),
    }));
  },

  protocol({ topics }) {
    return {
      name: 'KarafkaSubscriptionAware',
      metadata: AssignerProtocol.MemberMetadata.encode({ version: 1, topics, userData: Buffer.alloc(0) }),
    };
  },
});
