/* eslint-disable */
// Runs the *built* library (installed from its npm pack tarball) under plain node against Nest 12, which is
// ESM-only: the library's CommonJS `require('@nestjs/core')` works through Node's require(esm).
// Produces one message to each cluster through the default and the named producer and waits until each
// is consumed by the @KafkaTopic class routed to that cluster, then asks nestjs-karafka/health (terminus 12)
// for readiness and liveness. Then serves nestjs-karafka/web from an HTTP app (platform-express 12) and fetches
// pages: refused without credentials, the routing page with them (its assets from the packed library).
require('reflect-metadata');
const { Module, Injectable, Inject } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');
const {
  KarafkaModule,
  KafkaTopic,
  InjectProducer,
  KafkaProducer,
  ClusterRegistry,
} = require('nestjs-karafka');
const { KarafkaHealthModule, KarafkaHealthIndicator } = require('nestjs-karafka/health');
const { HealthCheckService } = require('@nestjs/terminus');
const { KarafkaWebModule } = require('nestjs-karafka/web');

const primary = process.env.KAFKA_PRIMARY_BROKERS || '127.0.0.1:19092';
const secondary = process.env.KAFKA_SECONDARY_BROKERS || '127.0.0.1:29092';
const runId = `${Date.now()}-${process.pid}`;
const topicA = `nest12.a.${runId}`;
const topicB = `nest12.b.${runId}`;
const seen = [];

class PrimaryConsumer {
  async consume(messages) {
    for (const m of messages) seen.push({ topic: m.topic, cluster: m.cluster, payload: m.payload });
  }
}
Reflect.decorate([KafkaTopic(topicA)], PrimaryConsumer);

class SecondaryConsumer {
  async consume(messages) {
    for (const m of messages) seen.push({ topic: m.topic, cluster: m.cluster, payload: m.payload });
  }
}
Reflect.decorate([KafkaTopic(topicB, { cluster: 'secondary' })], SecondaryConsumer);

class Sender {
  constructor(producer, secondaryProducer) {
    this.producer = producer;
    this.secondaryProducer = secondaryProducer;
  }
}
Reflect.decorate([Injectable()], Sender);
// What TypeScript emits for constructor parameter decorators.
InjectProducer()(Sender, undefined, 0);
InjectProducer('secondary')(Sender, undefined, 1);

class AppModule {}
Reflect.decorate(
  [
    Module({
      imports: [
        KarafkaModule.forRoot({
          kafka: { 'bootstrap.servers': primary, 'client.id': 'nest12-check' },
          clusters: { secondary: { 'bootstrap.servers': secondary } },
          consumerGroup: `nest12-${runId}`,
          producers: { secondary: { cluster: 'secondary' } },
          logRoutingTable: false,
        }),
        KarafkaHealthModule.register(),
      ],
      providers: [PrimaryConsumer, SecondaryConsumer, Sender],
    }),
  ],
  AppModule,
);

async function main() {
  const nestVersion = require('@nestjs/core/package.json').version;
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  try {
    const sender = app.get(Sender);
    if (!(sender.producer instanceof KafkaProducer))
      throw new Error('@InjectProducer() did not inject a KafkaProducer');
    if (sender.producer.cluster !== 'primary' || sender.secondaryProducer.cluster !== 'secondary') {
      throw new Error(
        `producers on wrong clusters: ${sender.producer.cluster}, ${sender.secondaryProducer.cluster}`,
      );
    }
    await sender.producer.produceSync({ topic: topicA, payload: { runId, n: 1 } });
    await sender.secondaryProducer.produceSync({ topic: topicB, payload: { runId, n: 2 } });
    const deadline = Date.now() + 60000;
    while (seen.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const a = seen.find((s) => s.topic === topicA);
    const b = seen.find((s) => s.topic === topicB);
    if (!a || a.cluster !== 'primary' || a.payload.n !== 1)
      throw new Error(`primary message not consumed: ${JSON.stringify(seen)}`);
    if (!b || b.cluster !== 'secondary' || b.payload.n !== 2)
      throw new Error(`secondary message not consumed: ${JSON.stringify(seen)}`);
    if (seen.length !== 2) throw new Error(`expected exactly 2 messages, got ${JSON.stringify(seen)}`);
    const groups = app.get(ClusterRegistry).subscriptionGroups().length;
    const health = app.get(KarafkaHealthIndicator);
    // HealthCheckService rejects (503) when an indicator is down.
    const result = await app
      .get(HealthCheckService)
      .check([() => health.isHealthy('kafka'), () => health.isAlive('kafka-live')]);
    const kafka = result.details.kafka;
    const entries = [
      ...Object.values(kafka.clusters),
      ...Object.values(kafka.subscriptionGroups),
      ...Object.values(kafka.producers),
    ];
    if (
      result.status !== 'ok' ||
      Object.keys(kafka.clusters).length !== 2 ||
      entries.some((e) => e.status !== 'up')
    )
      throw new Error(`health not up: ${JSON.stringify(result)}`);
    console.log(
      `Nest ${nestVersion} check passed: consumed on primary and secondary, ${groups} subscription groups, ` +
        `health up (${entries.length} entries, terminus ${require('@nestjs/terminus/package.json').version}).`,
    );
  } finally {
    await app.close();
  }
}

class WebAppModule {}
Reflect.decorate(
  [
    Module({
      imports: [
        KarafkaModule.forRoot({
          kafka: { 'bootstrap.servers': primary, 'client.id': 'nest12-web-check' },
          consumerGroup: `nest12-web-${runId}`,
          logRoutingTable: false,
        }),
        KarafkaWebModule.forRoot({
          auth: { username: 'ops', password: 'nest12' },
          topics: {
            reports: `nest12.${runId}.reports`,
            states: `nest12.${runId}.states`,
            metrics: `nest12.${runId}.metrics`,
            errors: `nest12.${runId}.errors`,
          },
          consumerGroup: `nest12-web-processing-${runId}`,
          autoMigrate: true,
        }),
      ],
      providers: [PrimaryConsumer],
    }),
  ],
  WebAppModule,
);

async function checkWeb() {
  const app = await NestFactory.create(WebAppModule, { logger: ['error', 'warn'] });
  await app.listen(0, '127.0.0.1');
  try {
    const base = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/karafka`;
    const refused = await fetch(base);
    if (refused.status !== 401) throw new Error(`Web UI without credentials: ${refused.status}, not 401`);
    const auth = { authorization: `Basic ${Buffer.from('ops:nest12').toString('base64')}` };
    const routing = await fetch(`${base}/routing`, { headers: auth });
    const body = await routing.text();
    if (routing.status !== 200 || !body.includes(topicA) || !body.includes('Reporting on'))
      throw new Error(`Web UI routing page: ${routing.status} ${body.slice(0, 500)}`);
    const script = await fetch(`${base}/assets/charts.js`);
    if (script.status !== 200 || !(await script.text()).includes('uPlot'))
      throw new Error(`Web UI asset charts.js: ${script.status}`);
    console.log(
      `Nest 12 Web UI check passed: pages served by platform-express ${require('@nestjs/platform-express/package.json').version}.`,
    );
  } finally {
    await app.close();
  }
}

main()
  .then(checkWeb)
  .then(
    () => process.exit(0),
    (error) => {
      console.error('Nest 12 check FAILED:', error);
      process.exit(1);
    },
  );
