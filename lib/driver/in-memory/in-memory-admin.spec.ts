import { InMemoryAdmin } from './in-memory-admin';
import { InMemoryCluster } from './in-memory-cluster';

describe('InMemoryAdmin', () => {
  it("reports a group's state and offsets as a broker does", async () => {
    const cluster = new InMemoryCluster({ autoCreatePartitions: 0 });
    const admin = new InMemoryAdmin(cluster);
    cluster.createTopic('orders', 2);
    expect(await admin.describeGroups(['shop'])).toEqual([
      { groupId: 'shop', state: 'Dead', protocolType: '', members: [] },
    ]);

    cluster.commit('shop', 'orders', 1, '4');
    expect((await admin.describeGroups(['shop']))[0].state).toBe('Empty');
    expect(await admin.fetchOffsets('shop', [])).toEqual([
      {
        topic: 'orders',
        partitions: [
          { partition: 0, offset: '-1' },
          { partition: 1, offset: '4' },
        ],
      },
    ]);

    cluster.join({ memberId: 'shop-1', groupId: 'shop', assignment: { orders: [0, 1] } });
    expect((await admin.describeGroups(['shop']))[0]).toMatchObject({
      state: 'Stable',
      members: [{ memberId: 'shop-1', assignment: [{ topic: 'orders', partitions: [0, 1] }] }],
    });
    await expect(admin.deleteGroups(['shop'])).rejects.toThrow("consumer group 'shop' has running members");
    cluster.leave('shop-1');
    await admin.deleteGroups(['shop']);
    expect(await admin.listGroups()).toEqual([]);
  });

  it('never creates a topic by looking at it', async () => {
    const admin = new InMemoryAdmin(new InMemoryCluster());
    await expect(admin.fetchTopicOffsets('orders')).rejects.toThrow(
      'This server does not host this topic-partition: orders',
    );
    expect(await admin.listTopics()).toEqual([]);
  });
});
