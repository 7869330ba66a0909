import { DynamicModule, Module, Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { KarafkaAdmin } from './admin/karafka-admin';
import { createKarafkaAdminProvider } from './admin/karafka-admin.provider';
import { ClusterConnections } from './cluster/cluster-connections';
import { ClusterRegistry } from './cluster/cluster-registry';
import { KarafkaConfigurationError } from './config/karafka-configuration.error';
import type { KarafkaModuleOptions } from './config/karafka-options.interface';
import {
  KARAFKA_CONSUMER_CLIENTS,
  KARAFKA_DEAD_LETTER_SINK,
  KARAFKA_RUNNER_OPTIONS,
} from './consumer/consumer.constants';
import { createConsumerProviders } from './consumer/consumer.providers';
import { ConsumerManager } from './consumer/consumer-manager';
import type { DeadLetterSink } from './consumer/dead-letter';
import type { KafkaDriver } from './driver/kafka-driver.port';
import { KafkajsDriver } from './driver/kafkajs/kafkajs-driver';
import { KarafkaMonitor } from './instrumentation/karafka-monitor';
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
import { KARAFKA_CONNECTIONS, KARAFKA_DRIVER, KARAFKA_PLAN } from './karafka.tokens';
import { createProducerProviders, getRequestedProducerNames } from './producer/inject-producer.decorator';
import { KafkaProducer } from './producer/kafka-producer';
import { ProducerRegistry } from './producer/producer-registry';
import type { ClusterDefinition } from './routing/routing-table.interface';
import { KafkaTopicMetadataAccessor } from './routing/kafka-topic-metadata.accessor';
import { KarafkaExplorer } from './routing/karafka.explorer';
import { DECLARATIVE_TOPICS, DeclarativeTopics } from './topics/declarative-topics';
import { createDeclarativeTopicsProviders } from './topics/declarative-topics.provider';

const coreProviders: Provider[] = [
  KarafkaMonitor,
  KafkaTopicMetadataAccessor,
  KarafkaExplorer,
  KarafkaOrchestrator,
  {
    provide: KARAFKA_PLAN,
    // Everything wrong with the forRoot options fails here, at once, before any provider uses them;
    // decorator (route) problems follow at module init, once the consumers are discovered.
    useFactory: (options: KarafkaModuleOptions): KarafkaPlan => {
      const plan = planKarafka(options);
      if (plan.problems.length > 0) throw new KarafkaConfigurationError(plan.problems);
      return plan;
    },
    inject: [KARAFKA_MODULE_OPTIONS],
  },
  {
    provide: KARAFKA_DRIVER,
    useFactory: (options: KarafkaModuleOptions): KafkaDriver =>
      new KafkajsDriver({ logCreator: options.logCreator }),
    inject: [KARAFKA_MODULE_OPTIONS],
  },
  {
    provide: KARAFKA_CONNECTIONS,
    useFactory: (driver: KafkaDriver) => new ClusterConnections(driver),
    inject: [KARAFKA_DRIVER],
  },
  {
    provide: ClusterRegistry,
    useFactory: (plan: KarafkaPlan) => new ClusterRegistry(plan.clusters),
    inject: [KARAFKA_PLAN],
  },
  {
    provide: ProducerRegistry,
    useFactory: (
      plan: KarafkaPlan,
      connections: ClusterConnections,
      monitor: KarafkaMonitor,
      options: KarafkaModuleOptions,
      clusters: ClusterRegistry,
    ) =>
      new ProducerRegistry(plan.producers, (cluster) => connections.clientFor(cluster), monitor, {
        statisticsInterval: options.statisticsInterval,
        // Dead letters go to the failing topic's own cluster, which may have no configured producer.
        resolveCluster: (name) => (clusters.has(name) ? clusters.get(name) : undefined),
      }),
    inject: [KARAFKA_PLAN, KARAFKA_CONNECTIONS, KarafkaMonitor, KARAFKA_MODULE_OPTIONS, ClusterRegistry],
  },
  {
    provide: KafkaProducer,
    useFactory: (registry: ProducerRegistry) => registry.get(),
    inject: [ProducerRegistry],
  },
  {
    provide: KafkaJobRegistry,
    useFactory: (producers: ProducerRegistry, options: KarafkaModuleOptions) =>
      new KafkaJobRegistry(producers, options),
    inject: [ProducerRegistry, KARAFKA_MODULE_OPTIONS],
  },
  KafkaJobs,
  {
    provide: KARAFKA_CONSUMER_CLIENTS,
    useFactory: (connections: ClusterConnections) => (cluster: ClusterDefinition) =>
      connections.clientFor(cluster),
    inject: [KARAFKA_CONNECTIONS],
  },
  {
    provide: KARAFKA_DEAD_LETTER_SINK,
    useFactory: (producers: ProducerRegistry): DeadLetterSink => ({
      send: (clusterName, topic, { key, value, headers }) =>
        producers.forCluster(clusterName).produceSync({ topic, key, headers, payload: value }),
    }),
    inject: [ProducerRegistry],
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
  const names = [...new Set([...configuredNames, ...getRequestedProducerNames()])];
  const producerProviders = createProducerProviders(names);
  return {
    ...module,
    providers: [...(module.providers ?? []), ...producerProviders],
    exports: [...(module.exports ?? []), ...producerProviders.map((p) => (p as { provide: string }).provide)],
  };
}
