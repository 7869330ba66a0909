/**
 * The Web UI's Health page over HTTP, on both real clusters: the app's groups (consumers not started, so no
 * members) with offsets committed behind the high watermark are flagged, their committed offset, high watermark
 * and lag are what describeConsumerGroup says, and a lag that keeps growing past the threshold is flagged.
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { ClusterRegistry, KafkaTopic, KarafkaAdmin, KarafkaModule } from 'nestjs-karafka';
import { KarafkaWebModule } from 'nestjs-karafka/web';
import { webTestReporting } from '../fixtures/web-test-reporting';
import {
  createTopic,
  primaryBrokers,
  secondaryBrokers,
  testKafka,
  uniqueName,
  waitFor,
} from '../support/kafka-env';
import { WEB_AUTH, textOf } from '../support/web-text';

const orders = uniqueName('web-h.orders');
const audit = uniqueName('web-h.audit');

@KafkaTopic(orders)
class OrdersConsumer {
  consume(): void {}
}

@KafkaTopic(audit, { cluster: 'secondary' })
class AuditConsumer {
  consume(): void {}
}

async function produce(brokers: string[], topic: string, count: number): Promise<void> {
  const producer = testKafka(brokers).producer();
  await producer.connect();
  try {
    await producer.send({
      topic,
      messages: Array.from({ length: count }, (_, i) => ({ partition: 0, key: `k-${i}`, value: `v-${i}` })),
    });
  } finally {
    await producer.disconnect();
  }
}

async function commit(brokers: string[], groupId: string, topic: string, offset: string): Promise<void> {
  const admin = testKafka(brokers).admin();
  await admin.connect();
  try {
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset }] });
  } finally {
    await admin.disconnect();
  }
}

let app: INestApplication;
let base: string;
const page = async () => {
  const response = await fetch(`${base}/karafka/health`, { headers: WEB_AUTH });
  expect(response.status).toBe(200);
  return response.text();
};
/** The group's block of the cluster's card. */
const groupBlock = (body: string, cluster: string, groupId: string) => {
  const card = body.split('<section class="card">').find((part) => part.includes(`<h2>${cluster} `)) ?? '';
  return (
    new RegExp(`<div class="health-group[^"]*" data-group="${groupId}">[^]*?</table>`).exec(card)?.[0] ?? ''
  );
};
const row = (block: string, topic: string) =>
  new RegExp(`<tr data-partition="${topic}/0"[^>]*>[^]*?</tr>`).exec(block)?.[0] ?? '';
const groupOf = (cluster: string) =>
  app.get(ClusterRegistry).routing.subscriptionGroups.find((group) => group.cluster.name === cluster)!
    .groupId;

beforeAll(async () => {
  await Promise.all([createTopic(primaryBrokers(), orders, 1), createTopic(secondaryBrokers(), audit, 1)]);
  await Promise.all([produce(primaryBrokers(), orders, 5), produce(secondaryBrokers(), audit, 4)]);
  const moduleRef = await Test.createTestingModule({
    imports: [
      KarafkaModule.forRoot({
        kafka: { 'bootstrap.servers': primaryBrokers().join(','), 'client.id': 'web-h-e2e' },
        clusters: {
          secondary: { 'bootstrap.servers': secondaryBrokers().join(','), 'client.id': 'web-h-e2e' },
        },
        consumerGroup: uniqueName('web-h'),
        logRoutingTable: false,
        // No consumer runs: the groups have committed offsets but no members.
        autoStartConsumers: false,
      }),
      KarafkaWebModule.forRoot({
        ...webTestReporting(uniqueName('web-h.reporting'), uniqueName('web-h-processing')),
        auth: { username: 'ops', password: 's3cret' },
        refreshIntervalMs: 0,
        health: { lagGrowingForMs: 1_000 },
      }),
    ],
    providers: [OrdersConsumer, AuditConsumer],
  }).compile();
  app = moduleRef.createNestApplication(new ExpressAdapter(), { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  await commit(primaryBrokers(), groupOf('primary'), orders, '2');
  await commit(secondaryBrokers(), groupOf('secondary'), audit, '1');
});
afterAll(() => app?.close());

describe('Health (e2e)', () => {
  it("shows every cluster's groups with Kafka's committed offset, high watermark and lag, and flags lag without members", async () => {
    const body = await page();
    const admin = app.get(KarafkaAdmin);
    for (const [cluster, topic] of [
      ['primary', orders],
      ['secondary', audit],
    ] as const) {
      const groupId = groupOf(cluster);
      const described = await admin.forCluster(cluster).describeConsumerGroup(groupId);
      const p = described.topics.find((t) => t.topic === topic)!.partitions[0];
      expect(described.members).toEqual([]);
      const block = groupBlock(body, cluster, groupId);
      expect(block).toContain('class="health-group flagged"');
      expect(textOf(block)).toContain(`0 members · lag ${p.lag} no members, has lag`);
      expect(textOf(row(block, topic))).toMatch(
        new RegExp(`^${topic} 0 ${p.committedOffset} ${p.highWatermark} ${p.lag} `),
      );
    }
    // The figures themselves, as produced and committed above.
    expect(textOf(row(groupBlock(body, 'primary', groupOf('primary')), orders))).toMatch(/ 0 2 5 3 /);
    expect(textOf(row(groupBlock(body, 'secondary', groupOf('secondary')), audit))).toMatch(/ 0 1 4 3 /);
  });

  it('flags a partition whose lag keeps growing for longer than health.lagGrowingForMs', async () => {
    const groupId = groupOf('primary');
    let flagged = '';
    await waitFor(
      async () => {
        await produce(primaryBrokers(), orders, 1);
        flagged = row(groupBlock(await page(), 'primary', groupId), orders);
        return flagged.includes('class="flagged"');
      },
      { timeoutMs: 30_000, description: 'the growing lag of orders/0 to be flagged' },
    );
    expect(textOf(flagged)).toMatch(/growing for \d+ s/);
    // The secondary's lag did not grow: not flagged, only its group is (no members).
    const audited = row(groupBlock(await page(), 'secondary', groupOf('secondary')), audit);
    expect(audited).not.toContain('class="flagged"');
    expect(textOf(audited)).not.toContain('growing for');
  });

  it('dates a change of the committed offset by the load that saw it', async () => {
    const groupId = groupOf('secondary');
    expect(textOf(row(groupBlock(await page(), 'secondary', groupId), audit))).toContain(
      'not since first read',
    );
    await commit(secondaryBrokers(), groupId, audit, '3');
    const changed = textOf(row(groupBlock(await page(), 'secondary', groupId), audit));
    expect(changed).toMatch(/ 0 3 4 1 /);
    expect(changed).toMatch(/\d+ ms ago$/);
  });
});
