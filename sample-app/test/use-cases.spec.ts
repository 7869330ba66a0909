/**
 * The sample app's use cases in unit tests: its real routing, consumers, producers and jobs on an in-memory Kafka
 * (nestjs-karafka/testing), no broker. Each test starts the whole app and runs in milliseconds.
 */
import 'reflect-metadata';
import { KarafkaHealthIndicator } from 'nestjs-karafka/health';
import { KarafkaTesting } from 'nestjs-karafka/testing';
import { AppModule } from '../src/app.module';
import { ConsumptionLog } from '../src/consumption-log';
import {
  BackgroundJobs,
  CustomerReportJob,
  WelcomeMailJob,
} from '../src/use-cases/background-jobs/background-jobs';
import { DataSegregation } from '../src/use-cases/data-segregation/data-segregation';
import { DisasterRecovery } from '../src/use-cases/disaster-recovery/disaster-recovery';
import { GeoDistribution } from '../src/use-cases/geo-distribution/geo-distribution';
import { LoadDistribution } from '../src/use-cases/load-distribution/load-distribution';
import { MultiTenancy } from '../src/use-cases/multi-tenancy/multi-tenancy';

const runId = 'unit-run';

describe('sample app, on the in-memory driver', () => {
  let karafka: KarafkaTesting;
  beforeEach(async () => (karafka = await KarafkaTesting.create({ imports: [AppModule] })));
  afterEach(() => karafka.close());

  /** Who consumed what, from where, in this run; by cluster and topic, as groups consume side by side. */
  const consumed = () =>
    karafka
      .get(ConsumptionLog)
      .ofRun(runId)
      .map(({ consumer, topic, cluster }) => ({ consumer, topic, cluster }))
      .sort((a, b) => `${a.cluster} ${a.topic}`.localeCompare(`${b.cluster} ${b.topic}`));

  it('geo-distribution: each region is consumed from its own cluster', async () => {
    await karafka.get(GeoDistribution).produce(runId);
    await karafka.consumeAll();
    expect(consumed()).toEqual([
      { consumer: 'EuOrdersConsumer', topic: 'sample.geo.orders-eu', cluster: 'primary' },
      { consumer: 'UsOrdersConsumer', topic: 'sample.geo.orders-us', cluster: 'secondary' },
    ]);
  });

  it('geo-distribution: an order that fails validation goes to the dead-letter topic at once', async () => {
    await karafka.produce('sample.geo.orders-eu', { runId, region: 'mars', orderId: 'x-1' });
    await karafka.consumeAll();
    expect(consumed()).toEqual([]);
    expect(karafka.deadLetters('sample.geo.orders-eu')).toEqual([
      expect.objectContaining({
        payload: { runId, region: 'mars', orderId: 'x-1' },
        attempts: 1,
        error: expect.objectContaining({ name: 'PayloadValidationError' }),
      }),
    ]);
  });

  it("geo-distribution: US orders are consumed on 'secondary', not where the default producer writes", async () => {
    const order = { runId, region: 'us', orderId: 'us-2' };
    await expect(karafka.produce('sample.geo.orders-us', order)).rejects.toThrow(
      "topic 'sample.geo.orders-us' is consumed on cluster 'secondary' (UsOrdersConsumer, consumer group 'sample-app'), not on cluster 'primary'",
    );
    await karafka.produce('sample.geo.orders-us', order, { cluster: 'secondary' });
    await karafka.consumeAll();
    expect(consumed()).toEqual([
      { consumer: 'UsOrdersConsumer', topic: 'sample.geo.orders-us', cluster: 'secondary' },
    ]);
  });

  it('disaster recovery: payments go to both clusters and are consumed from the active one', async () => {
    await karafka.get(DisasterRecovery).produce(runId);
    expect(karafka.produced('sample.dr.payments', { cluster: 'primary' })).toHaveLength(1);
    expect(karafka.produced('sample.dr.payments', { cluster: 'secondary' })).toHaveLength(1);
    await karafka.consumeAll();
    expect(consumed()).toEqual([
      { consumer: 'PaymentsConsumer', topic: 'sample.dr.payments', cluster: 'primary' },
    ]);
  });

  it('data segregation: personal data only ever reaches the secondary cluster', async () => {
    await karafka.get(DataSegregation).produce(runId);
    expect(karafka.produced('sample.pii.customers', { cluster: 'primary' })).toEqual([]);
    expect(karafka.produced('sample.pii.customers', { cluster: 'secondary', producer: 'pii' })).toEqual([
      expect.objectContaining({ payload: expect.objectContaining({ email: 'ada@example.com' }) }),
    ]);
    expect(karafka.produced('sample.customers.signups')).toEqual([
      expect.objectContaining({ cluster: 'primary', payload: { runId, customerId: 'c-1' } }),
    ]);
    await karafka.consumeAll();
    expect(consumed()).toEqual([
      { consumer: 'SignupsConsumer', topic: 'sample.customers.signups', cluster: 'primary' },
      { consumer: 'CustomerPiiConsumer', topic: 'sample.pii.customers', cluster: 'secondary' },
    ]);
  });

  it('load distribution: the clicks topic is consumed on its own cluster, in batches of up to 500', async () => {
    await karafka.get(LoadDistribution).produce(runId);
    await karafka.consumeAll();
    const clicks = consumed();
    expect(clicks).toHaveLength(100);
    expect(new Set(clicks.map(({ consumer, cluster }) => `${consumer}@${cluster}`))).toEqual(
      new Set(['ClicksConsumer@secondary']),
    );
  });

  it("multi-tenancy: each tenant's events are consumed on the tenant's cluster", async () => {
    await karafka.get(MultiTenancy).produce(runId);
    await karafka.consumeAll();
    expect(consumed()).toEqual([
      { consumer: 'TenantEventsConsumer', topic: 'sample.tenant.events', cluster: 'primary' },
      { consumer: 'TenantEventsConsumer', topic: 'sample.tenant.events', cluster: 'secondary' },
    ]);
  });

  it('background jobs: enqueued where their producer writes, performed from there', async () => {
    await karafka.get(BackgroundJobs).produce(runId);
    expect(karafka.jobs(WelcomeMailJob)).toEqual([
      expect.objectContaining({ cluster: 'primary', args: { runId, userId: 7 }, pending: true }),
    ]);
    expect(karafka.jobs(CustomerReportJob)).toEqual([
      expect.objectContaining({ cluster: 'secondary', args: { runId, report: 'monthly' }, pending: true }),
    ]);
    await karafka.performJobs();
    expect(consumed()).toEqual([
      { consumer: 'WelcomeMailJob', topic: 'sample.jobs.mailers', cluster: 'primary' },
      { consumer: 'CustomerReportJob', topic: 'sample.jobs.reports', cluster: 'secondary' },
    ]);
    expect(karafka.jobs().map((job) => job.pending)).toEqual([false, false]);
  });

  it('monitoring: readiness reports every cluster and subscription group up', async () => {
    const { kafka } = await karafka.get(KarafkaHealthIndicator).isHealthy('kafka');
    expect(Object.keys(kafka.clusters)).toEqual(['primary', 'secondary']);
    expect(
      Object.values({ ...kafka.clusters, ...kafka.subscriptionGroups }).map((entry) => entry.status),
    ).toEqual(['up', 'up', 'up', 'up', 'up']);
  });
});
