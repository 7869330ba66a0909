/**
 * The seed's rule made checkable: `KarafkaWebModule.forRoot({ producer: 'secondary' })` moves the Web UI's
 * reporting (reports, errors) and processing (its consumer group, the compacted state and metrics) to the
 * secondary cluster. Checked with an independent reader on each cluster (kcat or Kafka's console consumer,
 * and Kafka's consumer-groups tool): reports on secondary, none on primary, even though primary has topics of
 * the same names that a misrouted report would land in.
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { KafkaTopic, KarafkaModule, ProducerRegistry } from 'nestjs-karafka';
import { KarafkaWebModule } from 'nestjs-karafka/web';
import type { ErrorReport, ProcessReport } from '../../lib/web/reporting/web-report.interface';
import { webTestReporting } from '../fixtures/web-test-reporting';
import {
  createTopic,
  primaryBrokers,
  readAllWithPeer,
  readWithPeer,
  secondaryBrokers,
  uniqueName,
  waitFor,
} from '../support/kafka-env';
import { peerGroupOffsets } from './admin-peer';

const PRIMARY = primaryBrokers().join(',');
const SECONDARY = secondaryBrokers().join(',');
const PASSWORD = 'reporting-s3cret';

const orders = uniqueName('web-secondary.orders');
const groupId = uniqueName('web-secondary-app');
const webGroup = uniqueName('web-secondary-processing');
const reporting = webTestReporting(uniqueName('web-secondary.reporting'), webGroup);
const topics = reporting.topics as Required<NonNullable<typeof reporting.topics>>;

/** Fails its first batch only, so the errors topic gets exactly one record. */
@KafkaTopic(orders)
class FailingOrdersConsumer {
  private failed = false;

  async consume(): Promise<void> {
    if (this.failed) return;
    this.failed = true;
    throw new Error('order refused on purpose');
  }
}

describe("Web UI reporting with producer: 'secondary' (e2e)", () => {
  let app: INestApplication;
  let processId: string;

  beforeAll(async () => {
    await createTopic(primaryBrokers(), orders, 1);
    // Decoys: the reporting topics' names on primary too, so a report sent to primary would be kept there
    // (instead of failing or auto-creating a topic) and the independent reader below would find it.
    for (const name of Object.values(topics)) await createTopic(primaryBrokers(), name, 1);

    const moduleRef = await Test.createTestingModule({
      imports: [
        KarafkaModule.forRoot({
          kafka: { 'bootstrap.servers': PRIMARY, 'client.id': 'web-secondary-e2e' },
          clusters: { secondary: { 'bootstrap.servers': SECONDARY, 'client.id': 'web-secondary-e2e' } },
          producers: { secondary: { cluster: 'secondary' } },
          consumerGroup: groupId,
          consumer: { maxWaitTime: 300 },
          logRoutingTable: false,
        }),
        KarafkaWebModule.forRoot({
          auth: { username: 'ops', password: PASSWORD },
          producer: 'secondary',
          processing: true,
          ...reporting,
        }),
      ],
      providers: [FailingOrdersConsumer],
    }).compile();
    app = moduleRef.createNestApplication(new ExpressAdapter(), { logger: [] });
    await app.listen(0, '127.0.0.1');
    // An error for the errors topic: consumed on primary, reported to secondary.
    await app
      .get(ProducerRegistry)
      .get()
      .produceSync({ topic: orders, payload: { id: 1 } });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('publishes the reports and the errors to secondary (autoMigrate created the topics there)', async () => {
    const reports = (await readWithPeer(secondaryBrokers(), topics.reports, 2)).map(
      (message) => JSON.parse(message.value ?? 'null') as ProcessReport,
    );
    processId = reports[0].process.id;
    expect(reports.map((report) => report.process.pid)).toEqual([process.pid, process.pid]);
    expect(reports[0].reporting).toMatchObject({
      name: 'secondary',
      brokers: [SECONDARY],
      producer: 'secondary',
    });

    const [error] = await readWithPeer(secondaryBrokers(), topics.errors, 1);
    expect(JSON.parse(error.value ?? 'null') as ErrorReport).toMatchObject({
      processId,
      type: 'consumer',
      cluster: 'primary',
      topic: orders,
      message: 'order refused on purpose',
    });
  });

  it('processes them on secondary: its consumer group reads the reports there and writes the state there', async () => {
    const [state] = await readWithPeer(secondaryBrokers(), topics.states, 1);
    expect(state.value).toContain(processId);
    await waitFor(
      async () => {
        const offsets = await peerGroupOffsets(secondaryBrokers(), webGroup);
        return offsets?.some((row) => row.topic === topics.reports && Number(row.currentOffset) > 0);
      },
      {
        timeoutMs: 60_000,
        intervalMs: 1_000,
        description: `group ${webGroup} to commit on secondary's reports`,
      },
    );
    expect(await peerGroupOffsets(primaryBrokers(), webGroup)).toBeNull();
  });

  it('sends nothing to primary: its topics of the same names stay empty', async () => {
    // Read after the reports above arrived on secondary: each misrouted one would already be on primary. The
    // same reader finds secondary's error, so its zero on primary is a reading, not a reader that sees nothing.
    expect((await readAllWithPeer(secondaryBrokers(), topics.errors)).length).toBe(1);
    for (const name of Object.values(topics)) {
      expect({ topic: name, records: (await readAllWithPeer(primaryBrokers(), name)).length }).toEqual({
        topic: name,
        records: 0,
      });
    }
    // Kafka's console consumer (the fallback without kcat) starts a JVM and waits idle for each topic.
  }, 120_000);

  it('names secondary as the reporting cluster in every page header', async () => {
    const base = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/karafka`;
    const authorization = `Basic ${Buffer.from(`ops:${PASSWORD}`).toString('base64')}`;
    const response = await fetch(`${base}/status`, { headers: { authorization } });
    expect(response.status).toBe(200);
    expect((await response.text()).replace(/\s+/g, ' ')).toMatch(
      new RegExp(
        `Reporting on <strong>secondary</strong> · <span class="mono">${SECONDARY.replace(/\./g, '\\.')}`,
      ),
    );
  });
});
