import type { Abstract, INestApplicationContext, ModuleMetadata, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import type { ClusterDefinition } from '../cluster/cluster-definition.interface';
import { errorMessage } from '../common/error-message';
import { didYouMean } from '../config/did-you-mean';
import type { InMemoryCluster } from '../driver/in-memory/in-memory-cluster';
import { InMemoryDriver } from '../driver/in-memory/in-memory-driver';
import type { FetchRule } from '../driver/in-memory/in-memory-fetch-gate';
import type { DriverFetchedMessage, KafkaDriver } from '../driver/kafka-driver.port';
import { KARAFKA_DRIVER } from '../driver/kafka-driver.token';
import { decodeJobEnvelope } from '../jobs/job-envelope';
import { KafkaJobRegistry } from '../jobs/kafka-job-registry';
import { buildReadMessage } from '../message/kafka-message.builder';
import type { KafkaMessage } from '../message/kafka-message.interface';
import { compilePayloadDecoder } from '../message/payload-decoder';
import { ProducerRegistry } from '../producer/producer-registry';
import { createPayloadEncoder } from '../producer/serialization';
import { ClusterRegistry } from '../routing/cluster-registry';
import { AppRoutes } from './app-routes';
import { isDeadLetterOf, toDeadLetter } from './dead-letter-view';
import type {
  ConsumeAllOptions,
  ConsumeAllResult,
  DeadLetter,
  KarafkaTestingOptions,
  ProducedFilter,
  ProducedMessage,
  TestJob,
  TestMessageMetadata,
  TestProduceOptions,
} from './karafka-testing.interface';
import { settleConsumption } from './settle-consumption';
import { createTestingDriver, HOLD_EVERY_TOPIC, validateTestingOptions } from './testing-driver';
import { TESTING_MESSAGES as M } from './testing.messages';

const encodePayload = createPayloadEncoder('json');

/**
 * An app's real routing, consumers, producers and jobs over an in-memory Kafka (karafka-testing for Nest):
 * nothing is mocked above the driver port. Messages stay where they are until the test asks for them to be
 * consumed (`consumeAll`, `performJobs`), so what a test sees never depends on timing.
 *
 * @example
 * const karafka = await KarafkaTesting.create({ imports: [AppModule] });
 * await karafka.produce('orders', { id: 1 }, { key: '1' });
 * await karafka.consumeAll();
 * expect(karafka.produced('audit', { cluster: 'secondary' })).toEqual([expect.objectContaining({ payload: { orderId: 1 } })]);
 */
export class KarafkaTesting {
  private readonly routes: AppRoutes;
  private readonly producers: ProducerRegistry;
  private readonly registry: ClusterRegistry;

  private constructor(
    /** The application (or testing module) the helpers act on. */
    readonly app: INestApplicationContext,
    private readonly driver: InMemoryDriver,
  ) {
    this.producers = app.get(ProducerRegistry, { strict: false });
    this.registry = app.get(ClusterRegistry, { strict: false });
    this.routes = new AppRoutes(this.registry, this.producers);
  }

  /** Compiles `metadata` as a testing module on the in-memory driver, initialises it (consumers join) and attaches. */
  static async create(
    metadata: ModuleMetadata,
    options: KarafkaTestingOptions = {},
  ): Promise<KarafkaTesting> {
    const moduleRef = await KarafkaTesting.override(Test.createTestingModule(metadata), options).compile();
    try {
      await moduleRef.init();
    } catch (error) {
      await moduleRef.close().catch(() => undefined);
      throw error;
    }
    return KarafkaTesting.attach(moduleRef);
  }

  /**
   * Puts the app of a `TestingModuleBuilder` on the in-memory driver, for tests that build their own module (other
   * overrides, `createNestApplication()`); `attach` the initialised app or module afterwards.
   */
  static override<B extends TestingModuleBuilder>(builder: B, options: KarafkaTestingOptions = {}): B {
    validateTestingOptions(options);
    builder.overrideProvider(KARAFKA_DRIVER).useFactory({
      factory: (moduleRef: ModuleRef) => createTestingDriver(options, moduleRef),
      inject: [ModuleRef],
    });
    return builder;
  }

  /** The helpers for an initialised app or testing module whose builder went through `override`. */
  static attach(app: INestApplicationContext): KarafkaTesting {
    let driver: KafkaDriver;
    try {
      driver = app.get<KafkaDriver>(KARAFKA_DRIVER, { strict: false });
    } catch (error) {
      throw new Error(`${M.noKarafkaModule()}: ${errorMessage(error)}`);
    }
    if (!(driver instanceof InMemoryDriver)) throw new Error(M.notInMemory(driver.name));
    return new KarafkaTesting(app, driver);
  }

  /** A provider of the app, found in any of its modules. */
  get<T>(token: Type<T> | Abstract<T> | string | symbol): T {
    return this.app.get<T>(token, { strict: false });
  }

  /**
   * Writes a message as another service would: to the default producer's cluster unless `cluster` says otherwise,
   * serialized as the library's producers do (objects as JSON). Refused when no consumer of the app routes the
   * topic on that cluster, with the routing table's explanation.
   */
  async produce(
    topic: string,
    payload: unknown,
    options: TestProduceOptions = {},
  ): Promise<TestMessageMetadata> {
    const call = `karafka.produce('${topic}')`;
    const cluster =
      options.cluster === undefined
        ? this.routes.defaultCluster()
        : this.routes.cluster(call, options.cluster);
    this.routes.routeOn(call, topic, cluster, options.cluster === undefined);
    let value: ReturnType<typeof encodePayload>;
    try {
      value = encodePayload(payload, topic);
    } catch (error) {
      throw new Error(`${call}: ${errorMessage(error)}`);
    }
    const [written] = this.clusterOf(cluster).append(topic, [
      { key: options.key, value, headers: options.headers, partition: options.partition },
    ]);
    return { cluster: cluster.name, topic, partition: written.partition, offset: written.baseOffset ?? '0' };
  }

  /**
   * Runs every routed consumer (jobs included) through Nest's pipeline until nothing is left to consume, and
   * holds the topics again. Retries wait their backoff as on a broker: see `advanceTimers`.
   */
  consumeAll(options: ConsumeAllOptions = {}): Promise<ConsumeAllResult> {
    return this.consumeWhere(() => true, options);
  }

  /** Performs the enqueued background jobs (and those they enqueue); other topics stay held. */
  performJobs(options: ConsumeAllOptions = {}): Promise<ConsumeAllResult> {
    const jobTopics = new Map<InMemoryCluster, Set<string>>();
    for (const route of this.routes.jobRoutes()) {
      const cluster = this.clusterOf(route.cluster);
      jobTopics.set(cluster, (jobTopics.get(cluster) ?? new Set()).add(route.topic));
    }
    return this.consumeWhere((topic, cluster) => jobTopics.get(cluster)?.has(topic) === true, options);
  }

  /**
   * What the app's producers sent to `topic` (the default, named and job producers, and the library's own
   * dead-letter producers), oldest first, decoded as a consumer of the topic on that cluster would read it.
   * A transaction's messages appear once it commits.
   */
  produced<T = unknown>(topic: string, filter: ProducedFilter = {}): Array<ProducedMessage<T>> {
    const call = `karafka.produced('${topic}')`;
    if (filter.cluster !== undefined) this.routes.cluster(call, filter.cluster);
    const sent = this.clusters().flatMap(({ definition, memory }) =>
      memory.sent.flatMap((record) =>
        record.producer === undefined ? [] : [{ definition, memory, record, producer: record.producer }],
      ),
    );
    if (filter.producer !== undefined) {
      const known = [...new Set([...this.producers.names(), ...sent.map(({ producer }) => producer)])];
      if (!known.includes(filter.producer))
        throw new Error(M.unknownProducer(call, filter.producer, known, didYouMean(filter.producer, known)));
    }
    return sent
      .filter(
        ({ definition, record, producer }) =>
          record.topic === topic &&
          (filter.cluster === undefined || definition.name === filter.cluster) &&
          (filter.producer === undefined || producer === filter.producer),
      )
      .sort((a, b) => a.record.sequence - b.record.sequence)
      .map(({ definition, memory, record, producer }) => {
        const message = memory.messages(topic, record.partition)[Number(record.offset)];
        return { ...this.read<T>(definition, topic, record.partition, message), producer };
      });
  }

  /**
   * The messages of `topic` that went to its dead-letter topic (on each cluster the topic is consumed on, or on
   * `cluster`), read back with where and why they failed. A topic without a `deadLetterQueue` is an error.
   */
  deadLetters<T = unknown>(topic: string, options: { cluster?: string } = {}): Array<DeadLetter<T>> {
    const call = `karafka.deadLetters('${topic}')`;
    const routes =
      options.cluster === undefined
        ? this.routes.routesOf(call, topic)
        : [this.routes.routeOn(call, topic, this.routes.cluster(call, options.cluster), false)];
    const withQueue = routes.filter((route) => route.deadLetterQueue !== undefined);
    if (withQueue.length === 0) {
      throw new Error(
        M.noDeadLetterQueue(
          topic,
          routes.map((route) => `cluster '${route.cluster.name}'`),
        ),
      );
    }
    return withQueue.flatMap((route) =>
      this.messagesOf(route.cluster, route.deadLetterQueue!.topic)
        .filter((message) => isDeadLetterOf(message, topic, route.groupId))
        .map((message) => toDeadLetter(message as KafkaMessage<T>)),
    );
  }

  /** Every job on the app's job topics (of one job class, when given), oldest first per partition. */
  jobs(job?: Type<unknown>): TestJob[] {
    let name: string | undefined;
    if (job !== undefined) {
      try {
        name = this.get(KafkaJobRegistry).get(job).name;
      } catch (error) {
        throw new Error(`${M.notAJob(job?.name ?? String(job))}: ${errorMessage(error)}`);
      }
    }
    return this.routes.jobRoutes().flatMap((route) =>
      this.messagesOf(route.cluster, route.topic).flatMap((message): TestJob[] => {
        const decoded = decodeJobEnvelope(message.payload);
        if (typeof decoded === 'string' || (name !== undefined && decoded.envelope.job !== name)) return [];
        const committed = this.clusterOf(route.cluster).committedOffset(
          route.groupId,
          route.topic,
          message.partition,
        );
        return [
          {
            id: decoded.envelope.id,
            job: decoded.envelope.job,
            args: decoded.envelope.args,
            cluster: route.cluster.name,
            topic: route.topic,
            partition: message.partition,
            offset: message.offset,
            enqueuedAt: decoded.enqueuedAt,
            ...(decoded.performAt !== undefined ? { performAt: new Date(decoded.performAt) } : {}),
            pending: committed === undefined || BigInt(committed) <= BigInt(message.offset),
          },
        ];
      }),
    );
  }

  /** Closes the app: consumers drain and leave, producers flush. */
  close(): Promise<void> {
    return this.app.close();
  }

  private async consumeWhere(rule: FetchRule, options: ConsumeAllOptions): Promise<ConsumeAllResult> {
    this.driver.allowFetching(rule);
    try {
      return await settleConsumption(
        {
          consumers: () => this.driver.consumers(),
          producers: () => this.producers.all(),
          clusterName: (memory) =>
            this.clusters().find((cluster) => cluster.memory === memory)?.definition.name ?? 'unknown',
        },
        options,
      );
    } finally {
      this.driver.allowFetching(HOLD_EVERY_TOPIC);
    }
  }

  /** The in-memory cluster behind a cluster of the app (the driver keeps one per broker list). */
  private clusterOf(cluster: ClusterDefinition): InMemoryCluster {
    return this.driver.cluster(cluster.config.connection.brokers);
  }

  /** The app's clusters with their in-memory clusters; names for the same brokers count once. */
  private clusters(): Array<{ definition: ClusterDefinition; memory: InMemoryCluster }> {
    const seen = new Set<InMemoryCluster>();
    return this.registry.all().flatMap((definition) => {
      const memory = this.clusterOf(definition);
      if (seen.has(memory)) return [];
      seen.add(memory);
      return [{ definition, memory }];
    });
  }

  /** Every message of every partition of `topic` on `cluster`, read as a consumer of it there would. */
  private messagesOf(cluster: ClusterDefinition, topic: string): KafkaMessage[] {
    const memory = this.clusterOf(cluster);
    if (!memory.hasTopic(topic)) return [];
    return memory
      .partitionsOf(topic)
      .flatMap((partition) =>
        memory.messages(topic, partition).map((message) => this.read(cluster, topic, partition, message)),
      );
  }

  private read<T>(
    cluster: ClusterDefinition,
    topic: string,
    partition: number,
    message: DriverFetchedMessage,
  ): KafkaMessage<T> {
    const decode = compilePayloadDecoder(this.routes.deserializerOf(topic, cluster), topic);
    return buildReadMessage({ topic, partition, cluster: cluster.name, decode }, message) as KafkaMessage<T>;
  }
}
