/**
 * The sample app's use cases on real clusters, written with nestjs-karafka/testing's broker helpers: it reads its
 * brokers from KAFKA_PRIMARY_BROKERS / KAFKA_SECONDARY_BROKERS, which nestjs-karafka/testing/jest's global setup
 * (or this project's, or `npx nestjs-karafka kafka up`) provides.
 */
import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { KarafkaAdmin } from 'nestjs-karafka';
import { readMessages, uniqueName, waitForConsumers } from 'nestjs-karafka/testing';
import type { ConsumptionLog } from '../src/consumption-log';
import type { UseCase } from '../src/use-cases/use-case.interface';

const runId = uniqueName('e2e-run');

describe('sample app, on the real clusters', () => {
  let app: INestApplicationContext;
  let log: ConsumptionLog;
  let useCases: UseCase[];

  beforeAll(async () => {
    // A consumer group of its own, so a demo running on the same clusters keeps its messages; set before the
    // app's modules are loaded, since they read it.
    process.env.SAMPLE_CONSUMER_GROUP = uniqueName('sample-app-e2e');
    const [{ AppModule }, { ConsumptionLog: Log }, { USE_CASES }] = await Promise.all([
      import('../src/app.module'),
      import('../src/consumption-log'),
      import('../src/use-cases/use-cases.token'),
    ]);
    app = await (await Test.createTestingModule({ imports: [AppModule] }).compile()).init();
    log = app.get(Log);
    useCases = app.get(USE_CASES);
  });
  afterAll(() => app.close());

  it('consumes every use case from the cluster it was produced to', async () => {
    for (const useCase of useCases) await useCase.produce(runId);
    // Every group of the app caught up with both clusters: everything produced above has been consumed.
    await waitForConsumers(app, { timeoutMs: 60_000 });
    for (const useCase of useCases) {
      const entries = log.ofRun(runId).filter((entry) => entry.useCase === useCase.title);
      expect({ title: useCase.title, consumed: entries.length }).toEqual({
        title: useCase.title,
        consumed: useCase.expectedConsumed,
      });
    }
  });

  it('keeps personal data on the secondary cluster', async () => {
    const admin = app.get(KarafkaAdmin);
    const ofRun = (messages: Array<{ payload: unknown }>) =>
      messages.filter((message) => (message.payload as { runId?: string } | null)?.runId === runId);
    expect(ofRun(await readMessages(admin.forCluster('secondary'), 'sample.pii.customers'))).toEqual([
      expect.objectContaining({ payload: expect.objectContaining({ email: 'ada@example.com' }) }),
    ]);
    const primaryTopics = await admin.forCluster('primary').listTopics();
    if (primaryTopics.includes('sample.pii.customers')) {
      expect(ofRun(await readMessages(admin.forCluster('primary'), 'sample.pii.customers'))).toEqual([]);
    }
  });
});
