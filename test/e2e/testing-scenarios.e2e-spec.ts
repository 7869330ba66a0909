/**
 * The shared scenarios (test/scenarios) on the test bed's two real clusters, with nestjs-karafka/testing's broker
 * helpers; the unit project runs the same list over the in-memory driver (test/unit/testing/scenarios.spec.ts),
 * and both must observe what each expects. Every scenario has its own topics, consumer group and transactional id.
 */
import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { getProducerToken, KafkaProducer, KarafkaAdmin, KarafkaModule } from 'nestjs-karafka';
import { readDeadLetters, readMessages, uniqueName, waitForConsumers } from 'nestjs-karafka/testing';
import { buildScenarioApp, deadLetterViews, messageViews, sortLog } from '../scenarios/scenario-app';
import { SCENARIOS, ScenarioLog, type Outcome, type ScenarioEnv } from '../scenarios/testing-scenarios';
import { primaryBrokers, secondaryBrokers } from '../support/kafka-env';

const brokers = { primary: primaryBrokers().join(','), secondary: secondaryBrokers().join(',') };
const silent = new ConsoleLogger();
silent.setLogLevels([]);

/** Unique names for one scenario run, so runs sharing the clusters never meet. */
function uniqueEnv(): ScenarioEnv {
  const names = new Map<string, string>();
  const bases = new Map<string, string>();
  return {
    name(base) {
      let name = names.get(base);
      if (!name) {
        name = uniqueName(`scenario-${base.replace(/[^A-Za-z0-9._-]/g, '-')}`);
        names.set(base, name);
        bases.set(name, base);
      }
      return name;
    },
    base: (name) => bases.get(name) ?? name,
    group: uniqueName('scenarios'),
    brokers,
  };
}

describe('testing scenarios on the real clusters', () => {
  /** Creates the topics and writes the input, as other services would, before the scenario's app starts. */
  let setup: TestingModule;

  beforeAll(async () => {
    setup = await Test.createTestingModule({
      imports: [
        KarafkaModule.forRoot({
          kafka: { 'bootstrap.servers': brokers.primary, 'client.id': 'testing-scenarios-setup' },
          clusters: { secondary: { 'bootstrap.servers': brokers.secondary } },
          producers: { secondary: { cluster: 'secondary' } },
          autoStartConsumers: false,
          logRoutingTable: false,
        }),
      ],
    }).compile();
    await setup.init();
  });
  afterAll(() => setup.close());

  it.each(SCENARIOS.map((scenario) => [scenario.title, scenario] as const))(
    '%s',
    async (_title, scenario) => {
      const env = uniqueEnv();
      const admin = setup.get(KarafkaAdmin);
      for (const { topic, cluster, partitions } of scenario.topics) {
        await admin.forCluster(cluster).createTopic(env.name(topic), { partitions: partitions ?? 1 });
      }
      for (const { topic, payload, key, headers, partition, cluster } of scenario.input ?? []) {
        const producer = setup.get<KafkaProducer>(
          cluster === 'secondary' ? getProducerToken('secondary') : KafkaProducer,
        );
        await producer.produceSync({ topic: env.name(topic), payload, key, headers, partition });
      }

      const { module, act } = buildScenarioApp(scenario, env);
      const app = await Test.createTestingModule({ imports: [module] })
        .setLogger(silent)
        .compile();
      await app.init();
      try {
        await act?.((type) => app.get(type, { strict: false }));
        await waitForConsumers(app);

        const outcome: Outcome = {
          log: sortLog(app.get(ScenarioLog).entries),
          messages: Object.fromEntries(
            await Promise.all(
              (scenario.read ?? []).map(async (place) => {
                const [topic, cluster] = place.split('@');
                return [place, messageViews(await readMessages(admin.forCluster(cluster), env.name(topic)))];
              }),
            ),
          ),
          deadLetters: Object.fromEntries(
            await Promise.all(
              (scenario.deadLetters ?? []).map(async ({ topic, cluster, queue }) => [
                `${topic}@${cluster}`,
                deadLetterViews(
                  await readDeadLetters(admin.forCluster(cluster), env.name(queue), env.name(topic)),
                ),
              ]),
            ),
          ),
        };
        expect(outcome).toEqual(scenario.expected);
      } finally {
        await app.close();
      }
    },
  );
});
