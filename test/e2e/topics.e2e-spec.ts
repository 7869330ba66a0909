/**
 * Declarative topics on the two real clusters. The CLI runs as users run it (`node bin/nestjs-karafka.js
 * topics ... --module <app module>`, a child process) against test/e2e/topics-app.module.ts; what it did is
 * checked with Apache Kafka's own tools. The module-level part boots apps in-process (autoMigrate, admin
 * injection, bootstrap validation).
 */
import 'reflect-metadata';
import * as path from 'node:path';
import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { KarafkaAdmin } from '../../lib/admin/karafka-admin';
import { KarafkaConfigurationError } from '../../lib/config/karafka-configuration.error';
import { KarafkaModule } from '../../lib/karafka.module';
import type { KarafkaModuleOptions } from '../../lib/karafka-options.interface';
import { KafkaTopic } from '../../lib/routing/kafka-topic.decorator';
import { DeclarativeTopics } from '../../lib/topics/declarative-topics';
import {
  createTopic,
  primaryBrokers,
  PROJECT_ROOT,
  secondaryBrokers,
  deleteTopics,
  testKafka,
  uniqueName,
} from '../support/kafka-env';
import { runCli } from '../support/run-cli';
import { peerDescribeTopic, peerGroupOffsets } from './admin-peer';

jest.setTimeout(180_000);

const MODULE = path.relative(PROJECT_ROOT, path.join(__dirname, 'topics-app.module.ts'));

describe('npx nestjs-karafka topics (CLI) on two real clusters', () => {
  const suffix = uniqueName('run');
  const names = {
    orders: `topics-orders-${suffix}`,
    audit: `topics-audit-${suffix}`,
    produced: `topics-produced-${suffix}`,
    events: `topics-events-${suffix}`,
    group: `topics-e2e-${suffix}`,
    stray: '',
  };
  afterAll(async () => {
    await Promise.all([
      deleteTopics(primaryBrokers(), [names.orders, names.events, names.stray].filter(Boolean)),
      deleteTopics(secondaryBrokers(), [names.audit, names.produced]),
    ]);
  });

  const topics = (action: string, stage = 1, extra: string[] = []) =>
    runCli(['topics', action, '--module', `${MODULE}#TopicsAppModule`, ...extra], {
      TOPICS_E2E_SUFFIX: suffix,
      TOPICS_E2E_STAGE: String(stage),
    });

  it('plans every declared topic on its own cluster, and changes nothing', async () => {
    const { code, stdout, stderr } = await topics('plan');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain(`cluster 'primary' (${primaryBrokers().join(',')})`);
    expect(stdout).toContain(
      `  + create      ${names.orders}: 3 partitions, replication 1, cleanup.policy=compact`,
    );
    expect(stdout).toContain(`  + create      ${names.events}: 2 partitions, replication cluster default`);
    expect(stdout).toContain(`cluster 'secondary' (${secondaryBrokers().join(',')})`);
    expect(stdout).toContain(
      `  + create      ${names.audit}: 2 partitions, replication cluster default, retention.ms=3600000`,
    );
    expect(stdout).toContain(
      `  + create      ${names.produced}: 1 partition, replication cluster default, cleanup.policy=delete`,
    );
    expect(stdout.indexOf(names.audit)).toBeGreaterThan(stdout.indexOf("cluster 'secondary'"));
    expect(stdout.indexOf(names.orders)).toBeLessThan(stdout.indexOf("cluster 'secondary'"));
    expect(await peerDescribeTopic(primaryBrokers(), names.orders)).toBeNull();
    expect(await peerDescribeTopic(secondaryBrokers(), names.audit)).toBeNull();
  });

  it('migrate creates each topic on its own cluster only; a second migrate is a no-op plan', async () => {
    const first = await topics('migrate');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('topics migrate: applied 4 change(s)');

    const [orders, events, audit, produced] = await Promise.all([
      peerDescribeTopic(primaryBrokers(), names.orders),
      peerDescribeTopic(primaryBrokers(), names.events),
      peerDescribeTopic(secondaryBrokers(), names.audit),
      peerDescribeTopic(secondaryBrokers(), names.produced),
    ]);
    expect(orders).toMatchObject({
      partitions: 3,
      replicationFactor: 1,
      configs: { 'cleanup.policy': 'compact' },
    });
    expect(events).toMatchObject({ partitions: 2 });
    expect(audit).toMatchObject({ partitions: 2, configs: { 'retention.ms': '3600000' } });
    expect(produced).toMatchObject({ partitions: 1, configs: { 'cleanup.policy': 'delete' } });
    const [ordersOnSecondary, eventsOnSecondary, auditOnPrimary, producedOnPrimary] = await Promise.all([
      peerDescribeTopic(secondaryBrokers(), names.orders),
      peerDescribeTopic(secondaryBrokers(), names.events),
      peerDescribeTopic(primaryBrokers(), names.audit),
      peerDescribeTopic(primaryBrokers(), names.produced),
    ]);
    expect([ordersOnSecondary, eventsOnSecondary, auditOnPrimary, producedOnPrimary]).toEqual([
      null,
      null,
      null,
      null,
    ]);

    const second = await topics('migrate');
    expect(second.code).toBe(0);
    expect(second.stdout).not.toMatch(/^ {2}[+~!-] /m);
    expect(second.stdout).toContain(`  = 2 unchanged: ${[names.events, names.orders].sort().join(', ')}`);
    expect(second.stdout).toContain('topics migrate: nothing to change');
    expect(second.stdout.match(/ {2}no changes/g)).toHaveLength(2);
  });

  it('did not start the app’s consumers while booting it for the CLI', async () => {
    expect(await peerGroupOffsets(primaryBrokers(), names.group)).toBeNull();
    const admin = testKafka(primaryBrokers()).admin();
    await admin.connect();
    try {
      const { groups } = await admin.listGroups();
      expect(groups.map((g) => g.groupId)).not.toContain(names.group);
    } finally {
      await admin.disconnect();
    }
  });

  it('migrate adds partitions but leaves configs to align; align then sets them', async () => {
    const migrate = await topics('migrate', 2);
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toContain(`  + partitions  ${names.orders}: 3 -> 5`);
    expect(migrate.stdout).toContain(
      `  ~ config      ${names.audit}: retention.ms 3600000 -> 7200000  [skipped by migrate; run topics align]`,
    );
    expect(migrate.stdout).toContain('topics migrate: applied 1 change(s)');
    expect((await peerDescribeTopic(primaryBrokers(), names.orders))?.partitions).toBe(5);
    expect((await peerDescribeTopic(secondaryBrokers(), names.audit))?.configs['retention.ms']).toBe(
      '3600000',
    );

    const align = await topics('align', 2);
    expect(align.code).toBe(0);
    expect(align.stdout).toContain('topics align: applied 1 change(s)');
    expect((await peerDescribeTopic(secondaryBrokers(), names.audit))?.configs['retention.ms']).toBe(
      '7200000',
    );

    const again = await topics('plan', 2);
    expect(again.stdout.match(/ {2}no changes/g)).toHaveLength(2);
  });

  it('refuses to apply a plan with problems, exiting non-zero with the reason', async () => {
    const { code, stdout, stderr } = await topics('migrate', 3);
    expect(code).toBe(1);
    expect(stdout).toContain(
      `  ! ${names.orders}: 1 partition declared but the topic has 5; Kafka cannot remove partitions`,
    );
    expect(stderr).toContain(
      "nestjs-karafka topics migrate: 1 problem(s) in the plan (marked '!'); nothing was applied",
    );
    expect((await peerDescribeTopic(primaryBrokers(), names.orders))?.partitions).toBe(5);
  });

  it('plans deleting undeclared topics only with --allow-delete, sparing internal and declared ones', async () => {
    const stray = uniqueName('topics-stray');
    await createTopic(primaryBrokers(), stray);
    names.stray = stray;
    const without = await topics('plan', 2);
    expect(without.stdout).not.toContain('- delete');
    // Only planned: the shared clusters hold other tests' topics, which an applied --allow-delete would remove.
    const withDelete = await topics('plan', 2, ['--allow-delete']);
    expect(withDelete.code).toBe(0);
    expect(withDelete.stdout).toContain(`  - delete      ${stray}`);
    expect(withDelete.stdout).not.toContain('- delete      __consumer_offsets');
    expect(withDelete.stdout).not.toContain(`- delete      ${names.orders}`);
    expect(withDelete.stdout).not.toContain(`- delete      ${names.events}`);
  });

  it('reports bad arguments and bad modules clearly', async () => {
    const usage = await runCli(['topics', 'migrat', '--module', MODULE]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain(
      "nestjs-karafka: 'topics' needs one of plan, migrate, align, got 'migrat'",
    );
    expect(usage.stderr).toContain('Usage: nestjs-karafka topics <plan|migrate|align>');

    const missing = await runCli(['topics', 'plan', '--module', 'test/e2e/no-such.module.ts']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      `--module: no such file ${path.join(PROJECT_ROOT, 'test/e2e/no-such.module.ts')}`,
    );

    const wrongExport = await runCli(['topics', 'plan', '--module', `${MODULE}#ShopModule`]);
    expect(wrongExport.code).toBe(1);
    expect(wrongExport.stderr).toContain(
      "has no export 'ShopModule' (it exports: TOPICS_E2E, OrdersConsumer, AuditConsumer, TopicsAppModule)",
    );
  });
});

describe('declarative topics in a running app', () => {
  const base = (topics: KarafkaModuleOptions['topics']): KarafkaModuleOptions => ({
    kafka: { 'bootstrap.servers': primaryBrokers().join(','), 'client.id': 'topics-e2e-app' },
    clusters: { secondary: { 'bootstrap.servers': secondaryBrokers().join(',') } },
    consumerGroup: uniqueName('topics-app'),
    autoStartConsumers: false,
    topics,
  });

  it('autoMigrate creates the declared topics at bootstrap; the admin is injectable and bound to primary', async () => {
    const consumed = uniqueName('auto-consumed');
    const produced = uniqueName('auto-produced');

    @Injectable()
    @KafkaTopic(consumed, { cluster: 'secondary', config: { partitions: 2 } })
    class AutoConsumer {
      async consume(): Promise<void> {}
    }
    @Module({
      imports: [
        KarafkaModule.forRoot(base({ declarations: [{ name: produced, partitions: 3 }], autoMigrate: true })),
      ],
      providers: [AutoConsumer],
    })
    class AutoModule {}

    const app = await Test.createTestingModule({ imports: [AutoModule] }).compile();
    await app.init();
    try {
      expect((await peerDescribeTopic(secondaryBrokers(), consumed))?.partitions).toBe(2);
      expect((await peerDescribeTopic(primaryBrokers(), produced))?.partitions).toBe(3);
      expect(await peerDescribeTopic(primaryBrokers(), consumed)).toBeNull();

      const admin = app.get(KarafkaAdmin);
      expect(admin.cluster.name).toBe('primary');
      expect(await admin.listTopics()).toContain(produced);
      expect(await admin.forCluster('secondary').listTopics()).toContain(consumed);
      const plan = await app.get(DeclarativeTopics).plan();
      expect(
        plan.clusters.map((c) => [c.cluster, c.create.length, c.addPartitions.length, c.alterConfig.length]),
      ).toEqual([
        ['primary', 0, 0, 0],
        ['secondary', 0, 0, 0],
      ]);
    } finally {
      await app.close();
    }
    await expect(app.get(KarafkaAdmin).listTopics()).rejects.toThrow('the admin is closed');
    await Promise.all([
      deleteTopics(primaryBrokers(), [produced]),
      deleteTopics(secondaryBrokers(), [consumed]),
    ]);
  });

  it('reports bad declarations at bootstrap, all at once, naming where they are', async () => {
    @Injectable()
    @KafkaTopic(uniqueName('bad-config'), { config: { partitions: 0 } })
    class BadConsumer {
      async consume(): Promise<void> {}
    }
    @Module({
      imports: [KarafkaModule.forRoot(base([{ name: 'x', cluster: 'tertiary', partitions: 1 }]))],
      providers: [BadConsumer],
    })
    class BadModule {}

    // Nothing connects before the problems are found, so there is nothing to close.
    const error = await Test.createTestingModule({ imports: [BadModule] })
      .compile()
      .then((app) => app.init())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KarafkaConfigurationError);
    expect((error as Error).message).toContain(
      "BadConsumer config: 'partitions' must be a positive integer, got 0",
    );
    expect((error as Error).message).toContain(
      "forRoot.topics[0]: no cluster is named 'tertiary'; known clusters: 'primary', 'secondary'",
    );
  });
});
