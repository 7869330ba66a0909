/**
 * The shared scenarios (test/scenarios) over the in-memory driver, with KarafkaTesting; the e2e project runs the
 * same list on real clusters (test/e2e/testing-scenarios.e2e-spec.ts), and both must observe what each expects.
 */
import { ConsoleLogger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { KarafkaTesting } from 'nestjs-karafka/testing';
import {
  buildScenarioApp,
  deadLetterViews,
  messageViews,
  partitionsOf,
  sortLog,
} from '../../scenarios/scenario-app';
import { SCENARIOS, ScenarioLog, type Outcome, type ScenarioEnv } from '../../scenarios/testing-scenarios';

const env: ScenarioEnv = {
  name: (base) => base,
  base: (name) => name,
  group: 'scenarios',
  brokers: { primary: '127.0.0.1:19001', secondary: '127.0.0.1:29001' },
};

const silent = new ConsoleLogger();
silent.setLogLevels([]);

describe('testing scenarios over the in-memory driver', () => {
  // Backoffs and pauses run on jest's clock, advanced by consumeAll: no test waits for them.
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it.each(SCENARIOS.map((scenario) => [scenario.title, scenario] as const))(
    '%s',
    async (_title, scenario) => {
      const { module, act } = buildScenarioApp(scenario, env);
      // Built on a TestingModuleBuilder of its own: failures and dead letters, the point here, log errors.
      const builder = Test.createTestingModule({ imports: [module] }).setLogger(silent);
      const moduleRef = await KarafkaTesting.override(builder, {
        partitions: partitionsOf(scenario, env),
      }).compile();
      const karafka = KarafkaTesting.attach(await moduleRef.init());
      try {
        for (const { topic, payload, key, headers, partition, cluster } of scenario.input ?? []) {
          await karafka.produce(topic, payload, { key, headers, partition, cluster });
        }
        await act?.((type) => karafka.get(type));
        const { waiting } = await karafka.consumeAll({
          advanceTimers: () => jest.advanceTimersToNextTimerAsync(),
        });
        expect(waiting).toEqual([]);

        const outcome: Outcome = {
          log: sortLog(karafka.get(ScenarioLog).entries),
          messages: Object.fromEntries(
            (scenario.read ?? []).map((place) => {
              const [topic, cluster] = place.split('@');
              return [place, messageViews(karafka.produced(topic, { cluster }))];
            }),
          ),
          deadLetters: Object.fromEntries(
            (scenario.deadLetters ?? []).map(({ topic, cluster }) => [
              `${topic}@${cluster}`,
              deadLetterViews(karafka.deadLetters(topic, { cluster })),
            ]),
          ),
        };
        expect(outcome).toEqual(scenario.expected);
      } finally {
        await karafka.close();
      }
    },
  );
});
