import { DynamicModule, Module, Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { KarafkaAdmin } from './admin/karafka-admin';
import { createKarafkaAdminProvider } from './admin/admin.providers';
import { ClusterConnections } from './cluster/cluster-connections';
import { ClusterRegistry } from './routing/cluster-registry';
import { WritableClusterRegistry } from './routing/writable-cluster-registry';
import type { KarafkaModuleOptions } from './karafka-options.interface';
import {
  KARAFKA_CONSUMER_CLIENTS,
  KARAFKA_DEAD_LETTER_SINK,
  KARAFKA_RUNNER_OPTIONS,
} from './consumer/consumer.constants';
import { createConsumerProviders } from './consumer/consumer.providers';
import { ConsumerManager } from './consumer/consumer-manager';
import type { DeadLetterSink } from './consumer/dead-letter';
import type { ClusterDefinition } from './cluster/cluster-definition.interface';
import type { SubscriptionGroupDefinition } from './routing/routing-table.interface';
import type { KafkaDriver } from './driver/kafka-driver.port';
import { KARAFKA_DRIVER } from './driver/kafka-driver.token';
import { createDriver } from './driver/create-driver';
import { KarafkaMonitor } from './instrumentation/karafka-monitor';
import { createTracing } from './instrumentation/tracing/create-tracing';
import { KafkaJobMetadataAccessor } from './jobs/kafka-job-metadata.accessor';
import { KafkaJobRegistry } from './jobs/kafka-job-registry';
import { KafkaJobs } from './jobs/kafka-jobs';
import {
  KARAFKA_ASYNC_OPTIONS_TYPE,
  KARAFKA_MODULE_OPTIONS,
  KARAFKA_OPTIONS_TYPE,
  KarafkaConfigurableModule,
} from './karafka.module-definition';
import { KarafkaOrchestrator } from './karafka.orchestrator';
import { planKarafka, type KarafkaPlan } from './karafka.plan';
import { KARAFKA_CONNECTIONS, KARAFKA_PLAN } from './karafka.tokens';
import { getRequestedProducerNames } from './producer/inject-producer.decorator';
import { KafkaProducer } from './producer/kafka-producer';
import { ProducerRegistry } from './producer/producer-registry';
import { ProducerPool } from './producer/producer-pool';
import { createNamedProducerProviders, createProducerProviders } from './producer/producer.providers';
import { KafkaTopicMetadataAccessor } from './routing/kafka-topic-metadata.accessor';
import { KarafkaExplorer } from './discovery/karafka.explorer';
import { DECLARATIVE_TOPICS, DeclarativeTopics } from './topics/declarative-topics';
import { createDeclarativeTopicsProviders } from './topics/topics.providers';

const coreProviders: Provider[] = [
  {
    provide: KarafkaMonitor,
    // @opentelemetry/api is required here only when `tracing` is on; a missing one fails the start.
    useFactory: (options: KarafkaModuleOptions) => new KarafkaMonitor(createTracing(options.tracing)),
    inject: [KARAFKA_MODULE_OPTIONS],
  },
  KafkaTopicMetadataAccessor,
  KafkaJobMetadataAccessor,
  KarafkaExplorer,
  KarafkaOrchestrator,
  {
    provide: KARAFKA_PLAN,
    // Problems of the forRoot options are not thrown here: the orchestrator reports them at module init
    // together with those of the routes and the producer injections, in one error.
    useFactory: (options: KarafkaModuleOptions): KarafkaPlan => planKarafka(options),
    inject: [KARAFKA_MODULE_OPTIONS],
  },
  {
    provide: KARAFKA_DRIVER,
    useFactory: (plan: KarafkaPlan, options: KarafkaModuleOptions): KafkaDriver =>
      createDriver(plan.driver, { logCreator: options.logCreator }),
    inject: [KARAFKA_PLAN, KARAFKA_MODULE_OPTIONS],
  },
  {
    provide: KARAFKA_CONNECTIONS,
    useFactory: (driver: KafkaDriver, options: KarafkaModuleOptions) =>
      new ClusterConnections(driver, options.driverLog),
    inject: [KARAFKA_DRIVER, KARAFKA_MODULE_OPTIONS],
  },
  {
    provide: WritableClusterRegistry,
    useFactory: (plan: KarafkaPlan) => new WritableClusterRegistry(plan.clusters),
    inject: [KARAFKA_PLAN],
  },
  { provide: ClusterRegistry, useExisting: WritableClusterRegistry },
  ...createProducerProviders({
    plan: KARAFKA_PLAN,
    connections: KARAFKA_CONNECTIONS,
    options: KARAFKA_MODULE_OPTIONS,
  }),
  {
    provide: KafkaJobRegistry,
    useFactory: (producers: ProducerRegistry, options: KarafkaModuleOptions, monitor: KarafkaMonitor) =>
      new KafkaJobRegistry(producers, options, monitor),
    inject: [ProducerRegistry, KARAFKA_MODULE_OPTIONS, KarafkaMonitor],
  },
  KafkaJobs,
  {
    provide: KARAFKA_CONSUMER_CLIENTS,
    useFactory:
      (connections: ClusterConnections) => (cluster: ClusterDefinition, group: SubscriptionGroupDefinition) =>
        connections.clientFor(cluster, group.kafka.connection),
    inject: [KARAFKA_CONNECTIONS],
  },
  {
    provide: KARAFKA_DEAD_LETTER_SINK,
    useFactory: (producers: ProducerPool): DeadLetterSink => ({
      send: (clusterName, topic, { key, value, headers }) =>
        producers.forCluster(clusterName).produceSync({ topic, key, headers, payload: value }),
    }),
    inject: [ProducerPool],
  },
  { provide: KARAFKA_RUNNER_OPTIONS, useFactory: (plan: KarafkaPlan) => plan.runner, inject: [KARAFKA_PLAN] },
  ...createConsumerProviders(),
  createKarafkaAdminProvider(),
  ...createDeclarativeTopicsProviders(),
];

const publicExports = [
  KarafkaMonitor,
  ClusterRegistry,
  ProducerRegistry,
  KafkaProducer,
  ConsumerManager,
  KafkaJobs,
  KarafkaAdmin,
  DeclarativeTopics,
  DECLARATIVE_TOPICS,
  // Not in lib/index.ts: the library's own feature modules (the Web UI's reporting) inject them.
  ProducerPool,
  KafkaJobRegistry,
];

/**
 * The entry point: `KarafkaModule.forRoot({ kafka, clusters?, producers?, ... })` or `forRootAsync`.
 * Global by default (`isGlobal: false` to opt out).
 */
@Module({
  imports: [DiscoveryModule],
  providers: coreProviders,
  exports: publicExports,
})
export class KarafkaModule extends KarafkaConfigurableModule {
  static forRoot(options: typeof KARAFKA_OPTIONS_TYPE): DynamicModule {
    return withProducerProviders(super.forRoot(options), Object.keys(options.producers ?? {}));
  }

  static forRootAsync(options: typeof KARAFKA_ASYNC_OPTIONS_TYPE): DynamicModule {
    return withProducerProviders(super.forRootAsync(options), []);
  }
}

/**
 * Named producers get one provider each. With `forRootAsync` their names are only known from the
 * `@InjectProducer(name)` call sites, which have all run by the time the root module is built.
 */
function withProducerProviders(module: DynamicModule, configuredNames: string[]): DynamicModule {
  const named = createNamedProducerProviders([...configuredNames, ...getRequestedProducerNames()]);
  return {
    ...module,
    providers: [...(module.providers ?? []), ...named],
    exports: [...(module.exports ?? []), ...named.map((provider) => provider.provide)],
  };
}
