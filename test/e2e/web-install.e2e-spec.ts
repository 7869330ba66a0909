/**
 * Creating the Web UI's reporting topics on the real clusters, checked with Apache Kafka's own tools: the CLI as
 * users run it (`node bin/nestjs-karafka.js web install --module <app module>`, a child process) against
 * test/e2e/web-install-app.module.ts, whose Web producer is `secondary`; and `autoMigrate: true` at an app's
 * start. Either way the topics land on the reporting cluster only, with Karafka Web's shapes.
 */
import 'reflect-metadata';
import * as path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { KarafkaModule } from 'nestjs-karafka';
import { KarafkaWebModule } from 'nestjs-karafka/web';
import {
  PROJECT_ROOT,
  primaryBrokers,
  readAllWithPeer,
  secondaryBrokers,
  deleteTopics,
  uniqueName,
} from '../support/kafka-env';
import { runCli } from '../support/run-cli';
import { peerDescribeTopic, type PeerTopic } from './admin-peer';

jest.setTimeout(180_000);

const MODULE = path.relative(PROJECT_ROOT, path.join(__dirname, 'web-install-app.module.ts'));
const TOPICS_MODULE = path.relative(PROJECT_ROOT, path.join(__dirname, 'topics-app.module.ts'));

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** What Kafka's topics tool must report for each role: Karafka Web's shapes, one partition each. */
const COMPACTED = {
  'cleanup.policy': 'compact',
  'retention.ms': String(HOUR_MS),
  'segment.ms': String(DAY_MS),
  'segment.bytes': String(100 * 1024 * 1024),
};
const SHAPES: Record<'reports' | 'states' | 'metrics' | 'errors', PeerTopic['configs']> = {
  reports: { 'cleanup.policy': 'delete', 'retention.ms': String(DAY_MS) },
  errors: { 'cleanup.policy': 'delete', 'retention.ms': String(93 * DAY_MS) },
  metrics: COMPACTED,
  states: COMPACTED,
};

type Role = keyof typeof SHAPES;
const topicNames = (prefix: string): Record<Role, string> => ({
  reports: `${prefix}.reports`,
  states: `${prefix}.states`,
  metrics: `${prefix}.metrics`,
  errors: `${prefix}.errors`,
});

/** Every role's topic as Kafka's own tool describes it on `brokers` (null where it does not exist). */
async function describeAll(brokers: string[], names: Record<Role, string>) {
  const described: Partial<Record<Role, PeerTopic | null>> = {};
  for (const role of Object.keys(SHAPES) as Role[])
    described[role] = await peerDescribeTopic(brokers, names[role]);
  return described;
}

function expectKarafkaShapes(described: Partial<Record<Role, PeerTopic | null>>): void {
  for (const role of Object.keys(SHAPES) as Role[]) {
    expect({ role, topic: described[role] }).toEqual({
      role,
      topic: { partitions: 1, replicationFactor: 1, configs: expect.objectContaining(SHAPES[role]) },
    });
  }
}

describe('npx nestjs-karafka web install (CLI) on the real clusters', () => {
  const prefix = uniqueName('web-install');
  const names = topicNames(prefix);
  const env = { WEB_INSTALL_E2E_PREFIX: prefix };

  afterAll(async () => {
    await deleteTopics(secondaryBrokers(), Object.values(names));
  });

  it("creates the reporting topics on the Web producer's cluster only, with Karafka Web's shapes", async () => {
    const { code, stdout, stderr } = await runCli(['web', 'install', '--module', MODULE], env);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain(
      `Web UI reporting topics on cluster 'secondary' (${secondaryBrokers().join(',')}):`,
    );
    for (const name of Object.values(names)) expect(stdout).toContain(`created ${name} (1 partition, `);
    expect(stdout).toContain('web install: created 4 topic(s)');

    expectKarafkaShapes(await describeAll(secondaryBrokers(), names));
    expect(await describeAll(primaryBrokers(), names)).toEqual({
      reports: null,
      states: null,
      metrics: null,
      errors: null,
    });
    // The CLI boots the app to read its options: it is no process of the app, so it reported nothing.
    expect(await readAllWithPeer(secondaryBrokers(), names.reports)).toEqual([]);
  });

  it('leaves existing topics as they are when run again', async () => {
    const { code, stdout } = await runCli(['web', 'install', '--module', MODULE], env);
    expect(code).toBe(0);
    for (const name of Object.values(names)) expect(stdout).toContain(`exists  ${name}`);
    expect(stdout).toContain('web install: every reporting topic exists already');
  });

  it('says so when the module has no Web UI, and that --module is missing', async () => {
    const noWeb = await runCli(['web', 'install', '--module', TOPICS_MODULE], { TOPICS_E2E_SUFFIX: prefix });
    expect(noWeb.code).toBe(1);
    expect(noWeb.stderr).toContain(
      'nestjs-karafka web install failed: TopicsAppModule does not import KarafkaWebModule',
    );
    const noModule = await runCli(['web', 'install']);
    expect(noModule.code).toBe(2);
    expect(noModule.stderr).toContain("'--module <file>' is required");
  });
});

describe('KarafkaWebModule autoMigrate on the real clusters', () => {
  const prefix = uniqueName('web-automigrate');
  const names = topicNames(prefix);
  let app: INestApplicationContext | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  afterAll(async () => {
    await deleteTopics(secondaryBrokers(), Object.values(names));
  });

  async function start(): Promise<INestApplicationContext> {
    const moduleRef = await Test.createTestingModule({
      imports: [
        KarafkaModule.forRoot({
          kafka: { 'bootstrap.servers': primaryBrokers().join(','), 'client.id': 'web-automigrate-e2e' },
          clusters: { secondary: { 'bootstrap.servers': secondaryBrokers().join(',') } },
          producers: { secondary: { cluster: 'secondary' } },
          consumerGroup: `${prefix}-app`,
          logRoutingTable: false,
          autoStartConsumers: false,
        }),
        KarafkaWebModule.forRoot({
          auth: false,
          producer: 'secondary',
          topics: names,
          consumerGroup: `${prefix}-processing`,
          autoMigrate: true,
        }),
      ],
    }).compile();
    return moduleRef.init();
  }

  it('creates the missing reporting topics on the reporting cluster while the app starts', async () => {
    app = await start();
    // Checked right after init, with nothing waited for: they exist before the app runs.
    expectKarafkaShapes(await describeAll(secondaryBrokers(), names));
    expect(await peerDescribeTopic(primaryBrokers(), names.states)).toBeNull();
  });

  it('starts again with the topics there (idempotent), leaving them as they are', async () => {
    app = await start();
    expectKarafkaShapes(await describeAll(secondaryBrokers(), names));
  });
});
