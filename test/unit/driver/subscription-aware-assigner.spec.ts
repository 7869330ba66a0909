import { assignBySubscription } from '../../../lib/driver/kafkajs/subscription-aware-assigner';

const partitions: Record<string, number[]> = { orders: [0, 1, 2, 3], clicks: [0, 1], audit: [0] };
const partitionsOf = (topic: string) => partitions[topic] ?? [];

describe('assignBySubscription', () => {
  it('gives each topic only to the members that subscribed to it', () => {
    const plan = assignBySubscription(
      [
        { memberId: 'a', topics: ['orders', 'audit'] },
        { memberId: 'b', topics: ['clicks'] },
      ],
      partitionsOf,
    );
    expect(plan.get('a')).toEqual({ orders: [0, 1, 2, 3], audit: [0] });
    expect(plan.get('b')).toEqual({ clicks: [0, 1] });
  });

  it('spreads a shared topic over its subscribers and balances across topics', () => {
    const plan = assignBySubscription(
      [
        { memberId: 'm2', topics: ['orders', 'clicks'] },
        { memberId: 'm1', topics: ['orders', 'clicks'] },
      ],
      partitionsOf,
    );
    const all = [...plan.values()];
    const counts = all.map((assignment) => Object.values(assignment).flat().length);
    expect(counts.sort()).toEqual([3, 3]);
    const ordersPartitions = all.flatMap((assignment) => assignment.orders ?? []).sort();
    expect(ordersPartitions).toEqual([0, 1, 2, 3]);
  });

  it('assigns every partition exactly once and is independent of member order', () => {
    const members = [
      { memberId: 'x', topics: ['orders'] },
      { memberId: 'y', topics: ['orders', 'audit'] },
      { memberId: 'z', topics: ['clicks'] },
    ];
    const one = assignBySubscription(members, partitionsOf);
    const other = assignBySubscription([...members].reverse(), partitionsOf);
    expect(Object.fromEntries(one)).toEqual(Object.fromEntries(other));
    const assigned = [...one.values()].flatMap((assignment) =>
      Object.entries(assignment).flatMap(([topic, ps]) => ps.map((p) => `${topic}:${p}`)),
    );
    expect(assigned.sort()).toEqual([
      'audit:0',
      'clicks:0',
      'clicks:1',
      'orders:0',
      'orders:1',
      'orders:2',
      'orders:3',
    ]);
  });

  it('leaves a member with no subscribed partitions with an empty assignment', () => {
    const plan = assignBySubscription([{ memberId: 'idle', topics: ['missing'] }], partitionsOf);
    expect(plan.get('idle')).toEqual({});
  });
});
