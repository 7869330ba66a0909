/**
 * The data-segregation case on the test bed's `secure` cluster (SASL_SSL, SCRAM-SHA-512, ACLs): what works for
 * the `app` user, what fails — at bootstrap or at the call — with an error a user can act on, and that no
 * password shows in any log line, routing table, error or monitor event. The other clusters keep working.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { Injectable, Logger, type INestApplicationContext, type LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  ClusterRegistry,
  InjectProducer,
  KafkaProducer,
  KafkaTopic,
  KarafkaModule,
  KarafkaMonitor,
  type KafkaMessage,
  type KarafkaEventName,
  type KarafkaModuleOptions,
} from '../../lib';
import { createTopic, primaryBrokers, readWithPeer, uniqueName, waitFor } from '../support/kafka-env';
import {
  SECURE_CA,
  SECURE_USERS,
  WRONG_CA,
  createSecureTopics,
  secureBrokers,
  secureJavaProperties,
  secureKafkaConfig,
} from '../support/secure-env';
import { e2eDriverName } from '../support/e2e-driver';

jest.setTimeout(90_000);

const SECRETS = [SECURE_USERS.app.password, SECURE_USERS.reader.password, 'wrong-secret'];
const EVENTS: KarafkaEventName[] = [
  'message.produced',
  'message.acknowledged',
  'message.failed',
  'statistics.emitted',
  'error.occurred',
  'consumer.polled',
  'consumer.consuming',
  'consumer.consumed',
  'consumer.errored',
  'consumer.state.changed',
  'consumer.rebalancing',
  'consumer.rebalanced',
];

/** Everything the library says, as text: log lines, monitor events, errors, routing tables. */
class Transcript implements LoggerService {
  readonly lines: string[] = [];
  add(...parts: unknown[]): void {
    this.lines.push(
      parts.map((part) => (typeof part === 'string' ? part : inspect(part, { depth: 8 }))).join(' '),
    );
  }
  log = (...parts: unknown[]) => this.add('LOG', ...parts);
  error = (...parts: unknown[]) => this.add('ERROR', ...parts);
  warn = (...parts: unknown[]) => this.add('WARN', ...parts);
  debug = (...parts: unknown[]) => this.add('DEBUG', ...parts);
  verbose = (...parts: unknown[]) => this.add('VERBOSE', ...parts);
  fatal = (...parts: unknown[]) => this.add('FATAL', ...parts);
  listen(monitor: KarafkaMonitor): void {
    for (const event of EVENTS) monitor.on(event, (payload) => this.add('EVENT', event, payload));
  }
  /** The lines that quote a password, for the failure message. */
  leaks(): string[] {
    return this.lines.filter((line) => SECRETS.some((secret) => line.includes(secret)));
  }
}

describe('the secure cluster: SASL_SSL, SCRAM-SHA-512 and ACLs (e2e)', () => {
  const transcript = new Transcript();
  let app: INestApplicationContext | undefined;

  beforeAll(() => Logger.overrideLogger(transcript));
  afterAll(async () => {
    await app?.close();
    Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose', 'fatal']);
  });

  /** Boots an app (kept in `app` for afterAll only when it started) and records its monitor's events. */
  async function boot(
    options: KarafkaModuleOptions,
    providers: Array<new (...args: never[]) => unknown> = [],
  ) {
    const moduleRef = await Test.createTestingModule({
      imports: [
        KarafkaModule.forRoot({ driver: e2eDriverName(), consumer: { maxWaitTime: 300 }, ...options }),
      ],
      providers,
    })
      .setLogger(transcript)
      .compile();
    transcript.listen(moduleRef.get(KarafkaMonitor));
    const started = await moduleRef.init();
    return started;
  }

  /** Boots an app that must fail; returns the error and how long bootstrap took. */
  async function bootFailure(
    options: KarafkaModuleOptions,
    providers: Array<new (...args: never[]) => unknown>,
  ) {
    const startedAt = Date.now();
    const error = await boot(options, providers).then(
      (booted) => {
        void booted.close();
        return undefined;
      },
      (thrown: unknown) => thrown as Error,
    );
    transcript.add('BOOT ERROR', error);
    return { error, ms: Date.now() - startedAt };
  }

  const segregated = uniqueName('segregated.orders');
  const outside = uniqueName('open.orders');
  const onPrimary = uniqueName('secure-e2e.primary');
  const received: Array<{ cluster: string; id: number }> = [];

  @KafkaTopic(segregated, { cluster: 'secure' })
  @KafkaTopic(onPrimary)
  class Recorder {
    consume(messages: KafkaMessage[]): void {
      for (const m of messages) received.push({ cluster: m.cluster, id: (m.payload as { id: number }).id });
    }
  }

  @Injectable()
  class Sender {
    constructor(
      @InjectProducer('secure') readonly secure: KafkaProducer,
      @InjectProducer('reader') readonly reader: KafkaProducer,
      @InjectProducer() readonly primary: KafkaProducer,
    ) {}
  }

  beforeAll(async () => {
    await createSecureTopics([segregated, outside]);
    await createTopic(primaryBrokers(), onPrimary, 1);
  });

  it("produces and consumes segregated topics as `app` with librdkafka keys; the reader reads them with Kafka's own tool", async () => {
    app = await boot(
      {
        kafka: { 'bootstrap.servers': primaryBrokers().join(','), 'client.id': 'secure-e2e' },
        clusters: {
          secure: secureKafkaConfig('app', { 'client.id': 'secure-e2e' }),
          // Another user is another connection: a cluster of its own on the same brokers.
          'secure-reader': secureKafkaConfig('reader', { 'client.id': 'secure-e2e-reader' }),
        },
        producers: {
          secure: { cluster: 'secure' },
          reader: { cluster: 'secure-reader' },
        },
        consumerGroup: uniqueName('app-secure-e2e'),
      },
      [Recorder, Sender],
    );
    const sender = app.get(Sender);
    await sender.secure.produceManySync([1, 2, 3].map((id) => ({ topic: segregated, payload: { id } })));
    await waitFor(() => received.filter((r) => r.cluster === 'secure').length === 3, {
      description: 'the three secure messages consumed',
    });
    expect(received.filter((r) => r.cluster === 'secure').map((r) => r.id)).toEqual([1, 2, 3]);

    const peer = await readWithPeer(secureBrokers(), segregated, 3, {
      clientProperties: { ...secureJavaProperties('reader'), 'group.id': uniqueName('reader-peer') },
    });
    expect(peer.map((m) => JSON.parse(m.value ?? 'null'))).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
  });

  it('a topic outside the ACL fails with an authorization error naming topic, cluster and principal; primary keeps working', async () => {
    const sender = app!.get(Sender);
    const refused = await sender.secure.produceSync({ topic: outside, payload: { id: 9 } }).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(refused?.message).toEqual(expect.stringContaining(`'${outside}'`));
    expect(refused?.message).toEqual(expect.stringContaining(`cluster 'secure'`));
    expect(refused?.message).toEqual(expect.stringContaining('not authorized'));
    expect(refused?.message).toEqual(expect.stringContaining('User:app'));

    await sender.primary.produceSync({ topic: onPrimary, payload: { id: 7 } });
    await waitFor(() => received.some((r) => r.cluster === 'primary' && r.id === 7), {
      description: 'the primary message consumed after the refusal',
    });
  });

  it('the reader user cannot produce: authorization error naming the principal', async () => {
    const refused = await app!
      .get(Sender)
      .reader.produceSync({ topic: segregated, payload: { id: 8 } })
      .then(
        () => undefined,
        (error: Error) => error,
      );
    expect(refused?.message).toEqual(expect.stringContaining('not authorized'));
    expect(refused?.message).toEqual(expect.stringContaining('User:reader'));
  });

  it('the routing table and the cluster registry show the user, never the password', () => {
    const registry = app!.get(ClusterRegistry);
    const shown = [
      JSON.stringify(registry.routing),
      inspect(registry.routing, { depth: 10 }),
      inspect(registry.all(), { depth: 10 }),
      JSON.stringify(registry.all()),
    ];
    transcript.add('REGISTRY', ...shown);
    expect(shown.join('\n')).toContain('app');
    for (const text of shown) for (const secret of SECRETS) expect(text).not.toContain(secret);
  });

  it('the kafkajs shape works alike', async () => {
    const topic = uniqueName('segregated.kafkajs');
    await createSecureTopics([topic]);
    @Injectable()
    class DefaultSender {
      constructor(@InjectProducer() readonly producer: KafkaProducer) {}
    }
    const kafkajsShape = await boot(
      {
        kafka: {
          brokers: secureBrokers(),
          clientId: 'secure-e2e-kafkajs-shape',
          ssl: { ca: [readFileSync(SECURE_CA, 'utf8')] },
          sasl: { mechanism: 'scram-sha-512', ...SECURE_USERS.app },
        },
      },
      [DefaultSender],
    );
    try {
      const report = await kafkajsShape
        .get(DefaultSender)
        .producer.produceSync({ topic, payload: { id: 1 } });
      expect(report).toMatchObject({ topic, partition: 0, offset: '0' });
    } finally {
      await kafkajsShape.close();
    }
  });

  it('a wrong password fails at bootstrap, naming the cluster and saying authentication failed, within seconds', async () => {
    const topic = uniqueName('segregated.wrong-password');
    @KafkaTopic(topic, { cluster: 'secure' })
    class WrongPassword {
      consume(): void {}
    }
    const { error, ms } = await bootFailure(
      {
        kafka: { 'bootstrap.servers': primaryBrokers().join(',') },
        clusters: { secure: secureKafkaConfig('app', { 'sasl.password': 'wrong-secret' }) },
        consumerGroup: uniqueName('app-wrong-password'),
      },
      [WrongPassword],
    );
    expect(error?.message).toEqual(expect.stringContaining(`cluster 'secure'`));
    expect(error?.message).toEqual(expect.stringMatching(/authentication failed/i));
    expect(ms).toBeLessThan(15_000);
  });

  it('a consumer of a topic outside the ACL fails at bootstrap, naming topic, cluster and principal', async () => {
    @KafkaTopic(outside, { cluster: 'secure' })
    class Outside {
      consume(): void {}
    }
    const { error, ms } = await bootFailure(
      {
        kafka: { 'bootstrap.servers': primaryBrokers().join(',') },
        clusters: { secure: secureKafkaConfig('app') },
        consumerGroup: uniqueName('app-outside'),
      },
      [Outside],
    );
    expect(error?.message).toEqual(expect.stringContaining(`cluster 'secure'`));
    expect(error?.message).toEqual(expect.stringContaining(outside));
    expect(error?.message).toEqual(expect.stringContaining('User:app'));
    expect(ms).toBeLessThan(15_000);
  });

  it('a wrong CA fails at bootstrap with a certificate error', async () => {
    const topic = uniqueName('segregated.wrong-ca');
    @KafkaTopic(topic, { cluster: 'secure' })
    class WrongCa {
      consume(): void {}
    }
    const { error, ms } = await bootFailure(
      {
        kafka: { 'bootstrap.servers': primaryBrokers().join(',') },
        clusters: { secure: secureKafkaConfig('app', { 'ssl.ca.location': WRONG_CA }) },
        consumerGroup: uniqueName('app-wrong-ca'),
      },
      [WrongCa],
    );
    expect(error?.message).toEqual(expect.stringContaining(`cluster 'secure'`));
    expect(error?.message).toEqual(expect.stringMatching(/certificate/i));
    expect(ms).toBeLessThan(15_000);
  });

  it('no password appears in any log line, routing table, error message or monitor event', () => {
    expect(transcript.lines.length).toBeGreaterThan(50);
    expect(transcript.lines.some((line) => line.startsWith('EVENT error.occurred'))).toBe(true);
    expect(transcript.lines.some((line) => line.startsWith('BOOT ERROR'))).toBe(true);
    // The driver's own log lines, the routing table and the runners' warnings were captured too.
    expect(
      transcript.lines.some((line) => line.includes(`${e2eDriverName()}:secure`) && line.includes('SCRAM')),
    ).toBe(true);
    expect(transcript.lines.some((line) => line.includes('Routing table'))).toBe(true);
    expect(transcript.leaks()).toEqual([]);
  });
});
