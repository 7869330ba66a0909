import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AssignerProtocol } from 'kafkajs';
import { ClusterRegistry, ConsumerManager, KafkaTopic, KarafkaModule, type KafkaMessage } from '../../lib';
import {
  createTopic,
  primaryBrokers,
  secondaryBrokers,
  testKafka,
  uniqueName,
  waitFor,
} from '../support/kafka-env';
import { e2eDriverName } from '../support/e2e-driver';

/**
 * Routing on the two real clusters: topics on primary, on secondary by name, on secondary by inline config,
 * and two subscription groups with different settings in one consumer group on one cluster. Every message
 * must reach the right class exactly once, tagged with the right cluster, and the number of live kafkajs
 * consumers must match the subscription groups, as the registry says and as Kafka itself sees the groups.
 */
describe('multi-cluster routing (e2e)', () => {
  const group = uniqueName('routing-group');
  const topics = {
    primary: uniqueName('routing.primary'),
    primaryBigBatches: uniqueName('routing.primary-big'),
    secondaryByName: uniqueName('routing.secondary-named'),
    secondaryInline: uniqueName('routing.secondary-inline'),
  };
  const received: Record<string, KafkaMessage[]> = {};
  const record = (name: string, messages: KafkaMessage[]) => {
    (received[name] ??= []).push(...messages);
  };

  @KafkaTopic(topics.primary)
  class PrimaryConsumer {
    async consume(messages: KafkaMessage[]): Promise<void> {
      record('PrimaryConsumer', messages);
    }
  }
  @KafkaTopic(topics.primaryBigBatches, { maxMessages: 250 })
  class BigBatchConsumer {
    async consume(messages: KafkaMessage[]): Promise<void> {
      record('BigBatchConsumer', messages);
    }
  }
  @KafkaTopic(topics.secondaryByName, { cluster: 'secondary' })
  class SecondaryNamedConsumer {
    async consume(messages: KafkaMessage[]): Promise<void> {
      record('SecondaryNamedConsumer', messages);
    }
  }
  @KafkaTopic(topics.secondaryInline, {
    kafka: { 'bootstrap.servers': secondaryBrokers().join(',') },
    inherit: true,
  })
  class SecondaryInlineConsumer {
    async consume(messages: KafkaMessage[]): Promise<void> {
      record('SecondaryInlineConsumer', messages);
    }
  }

  let app: INestApplicationContext;
  const perTopic = 40;

  beforeAll(async () => {
    await Promise.all([
      createTopic(primaryBrokers(), topics.primary, 3),
      createTopic(primaryBrokers(), topics.primaryBigBatches, 3),
      createTopic(secondaryBrokers(), topics.secondaryByName, 2),
      createTopic(secondaryBrokers(), topics.secondaryInline, 2),
    ]);
    const moduleRef = await Test.createTestingModule({
      imports: [
        KarafkaModule.forRoot({
          driver: e2eDriverName(),
          kafka: { 'bootstrap.servers': primaryBrokers().join(','), 'client.id': 'routing-e2e' },
          clusters: {
            secondary: { 'bootstrap.servers': secondaryBrokers().join(','), 'client.id': 'routing-e2e' },
          },
          consumerGroup: group,
          logRoutingTable: false,
        }),
      ],
      providers: [PrimaryConsumer, BigBatchConsumer, SecondaryNamedConsumer, SecondaryInlineConsumer],
    }).compile();
    app = await moduleRef.init();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('groups topics into subscription groups by cluster and settings', () => {
    const groups = app.get(ClusterRegistry).subscriptionGroups();
    const summary = groups.map((g) => ({
      cluster: g.cluster.name,
      groupId: g.groupId,
      topics: g.topics.map((t) => t.topic).sort(),
    }));
    expect(summary).toHaveLength(3);
    expect(summary).toEqual(
      expect.arrayContaining([
        { cluster: 'primary', groupId: group, topics: [topics.primary] },
        { cluster: 'primary', groupId: group, topics: [topics.primaryBigBatches] },
        {
          cluster: 'secondary',
          groupId: group,
          topics: [topics.secondaryByName, topics.secondaryInline].sort(),
        },
      ]),
    );
  });

  it('delivers every message exactly once to the class routed to its topic, tagged with its cluster', async () => {
    const send = async (brokers: string[], topic: string) => {
      const producer = testKafka(brokers).producer();
      await producer.connect();
      const messages = Array.from({ length: perTopic }, (_, i) => ({
        key: `k${i}`,
        value: JSON.stringify({ topic, i }),
      }));
      await producer.send({ topic, messages });
      await producer.disconnect();
    };
    await Promise.all([
      send(primaryBrokers(), topics.primary),
      send(primaryBrokers(), topics.primaryBigBatches),
      send(secondaryBrokers(), topics.secondaryByName),
      send(secondaryBrokers(), topics.secondaryInline),
    ]);

    const expected: Array<[string, string, string]> = [
      ['PrimaryConsumer', topics.primary, 'primary'],
      ['BigBatchConsumer', topics.primaryBigBatches, 'primary'],
      ['SecondaryNamedConsumer', topics.secondaryByName, 'secondary'],
      ['SecondaryInlineConsumer', topics.secondaryInline, 'secondary'],
    ];
    await waitFor(() => expected.every(([name]) => (received[name]?.length ?? 0) >= perTopic), {
      timeoutMs: 60_000,
      description: 'every consumer to receive its messages',
    });
    for (const [name, topic, cluster] of expected) {
      const messages = received[name];
      expect(messages.every((m) => m.topic === topic && m.cluster === cluster)).toBe(true);
      const indexes = messages.map((m) => (m.payload as { i: number }).i).sort((a, b) => a - b);
      expect(indexes).toEqual(Array.from({ length: perTopic }, (_, i) => i));
    }
  });

  it('runs one live kafkajs consumer per subscription group, as Kafka sees the groups too', async () => {
    const registryGroups = app.get(ClusterRegistry).subscriptionGroups();
    const consumers = app.get(ConsumerManager);
    await waitFor(() => consumers.runners().every((r) => r.state === 'running'), {
      description: 'runners to join',
    });
    expect(consumers.liveConsumerCount()).toBe(registryGroups.length);

    const kafkaView = async (brokers: string[]) => {
      const admin = testKafka(brokers).admin();
      await admin.connect();
      try {
        const { groups } = await admin.describeGroups([group]);
        return groups[0].members.map((member) =>
          Object.keys(
            AssignerProtocol.MemberAssignment.decode(member.memberAssignment)?.assignment ?? {},
          ).sort(),
        );
      } finally {
        await admin.disconnect();
      }
    };
    const onPrimary = await waitFor(
      async () => ((await kafkaView(primaryBrokers())).length === 2 ? kafkaView(primaryBrokers()) : null),
      {
        description: 'two members in the primary group',
      },
    );
    const onSecondary = await kafkaView(secondaryBrokers());
    // Each member was assigned only the topics its own subscription group subscribed to.
    expect(onPrimary.sort()).toEqual([[topics.primary], [topics.primaryBigBatches]].sort());
    expect(onSecondary).toEqual([[topics.secondaryByName, topics.secondaryInline].sort()]);
    expect(onPrimary.length + onSecondary.length).toBe(registryGroups.length);
  });
});
