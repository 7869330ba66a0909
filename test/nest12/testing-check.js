/* eslint-disable */
// Runs the *built* nestjs-karafka/testing (from the npm pack tarball) under plain node against Nest 12 and
// @nestjs/testing 12, both ESM-only: an app with a consumer on each cluster, a dead-letter topic and a
// background job runs on the in-memory driver, no broker.
require('reflect-metadata');
const { Module, Injectable } = require('@nestjs/common');
const { KarafkaModule, KafkaTopic, KafkaJob, InjectProducer, KafkaJobs } = require('nestjs-karafka');
const { KarafkaTesting } = require('nestjs-karafka/testing');

const consumed = [];
const performed = [];

class OrdersConsumer {
  async consume(messages) {
    for (const m of messages) {
      if (m.payload.fail) throw new Error(`order ${m.payload.id} refused`);
      consumed.push({ topic: m.topic, cluster: m.cluster, id: m.payload.id });
    }
  }
}
Reflect.decorate(
  [KafkaTopic('orders', { maxMessages: 1, deadLetterQueue: { topic: 'orders.dlq', maxRetries: 0 } })],
  OrdersConsumer,
);

class AuditConsumer {
  async consume(messages) {
    for (const m of messages) consumed.push({ topic: m.topic, cluster: m.cluster, id: m.payload.id });
  }
}
Reflect.decorate([KafkaTopic('audit', { cluster: 'secondary' })], AuditConsumer);

class ReportJob {
  async perform(args) {
    performed.push(args.day);
  }
}
Reflect.decorate([KafkaJob('jobs.reports')], ReportJob);

class AppModule {}
Reflect.decorate(
  [
    Module({
      imports: [
        KarafkaModule.forRoot({
          kafka: { 'bootstrap.servers': '127.0.0.1:1' },
          clusters: { secondary: { 'bootstrap.servers': '127.0.0.1:2' } },
          consumerGroup: 'nest12-testing',
          logRoutingTable: false,
        }),
      ],
      providers: [OrdersConsumer, AuditConsumer, ReportJob],
    }),
  ],
  AppModule,
);

function expectEqual(what, actual, expected) {
  if (JSON.stringify(actual) !== JSON.stringify(expected))
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

async function main() {
  const nestVersion = require('@nestjs/core/package.json').version;
  // @nestjs/testing 12's exports do not include its package.json.
  const testingVersion = JSON.parse(
    require('fs').readFileSync(
      require('path').join(__dirname, 'node_modules/@nestjs/testing/package.json'),
      'utf8',
    ),
  ).version;
  const karafka = await KarafkaTesting.create({ imports: [AppModule] });
  try {
    await karafka.produce('orders', { id: 1 });
    await karafka.produce('orders', { id: 2, fail: true });
    await karafka.produce('audit', { id: 3 }, { cluster: 'secondary' });
    await karafka.get(KafkaJobs).enqueue(ReportJob, { day: '2026-12-03' });
    await karafka.consumeAll();
    const byTopic = [...consumed].sort((a, b) => a.topic.localeCompare(b.topic));
    expectEqual('consumed', byTopic, [
      { topic: 'audit', cluster: 'secondary', id: 3 },
      { topic: 'orders', cluster: 'primary', id: 1 },
    ]);
    const letters = karafka.deadLetters('orders');
    expectEqual(
      'dead letters',
      letters.map((l) => [l.payload.id, l.error.message]),
      [[2, 'order 2 refused']],
    );
    expectEqual('performed jobs', performed, ['2026-12-03']);
    console.log(
      `Nest ${nestVersion} testing check passed (@nestjs/testing ${testingVersion}): consumed on primary and ` +
        `secondary in memory, 1 dead letter, 1 job performed.`,
    );
  } finally {
    await karafka.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error('Nest 12 testing check FAILED:', error);
    process.exit(1);
  },
);
