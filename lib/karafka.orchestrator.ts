import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { isKarafkaCliRun } from './common/cli-run';
import { WritableClusterRegistry } from './routing/writable-cluster-registry';
import { KarafkaConfigurationError } from './config/karafka-configuration.error';
import type { KarafkaModuleOptions } from './karafka-options.interface';
import { ConsumerRunnerPool } from './consumer/consumer-runner-pool';
import { KarafkaMonitor } from './instrumentation/karafka-monitor';
import { LoggingListener } from './instrumentation/logging.listener';
import { KafkaJobRegistry } from './jobs/kafka-job-registry';
import { DEFAULT_SHUTDOWN_TIMEOUT_MS } from './config/karafka.defaults';
import { KARAFKA_MODULE_OPTIONS } from './karafka.module-definition';
import { KARAFKA_PLAN } from './karafka.tokens';
import type { KarafkaPlan } from './karafka.plan';
import { ProducerInjectionCheck } from './producer/producer-injection.check';
import { ProducerPool } from './producer/producer-pool';
import { buildRoutingTable } from './routing/build-routing-table';
import { formatRoutingTable } from './routing/format-routing-table';
import { KarafkaExplorer } from './discovery/karafka.explorer';
import { DeclarativeTopics } from './topics/declarative-topics';

/**
 * The library's lifecycle in one place: collect and validate in `onModuleInit`, start consuming in
 * `onApplicationBootstrap`, stop fetching and drain in `beforeApplicationShutdown` (so database modules,
 * which close in `onApplicationShutdown`, still work while messages drain), flush and disconnect
 * producers in `onApplicationShutdown`.
 */
@Injectable()
export class KarafkaOrchestrator
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('KarafkaModule');
  private readonly loggingListener = new LoggingListener();

  constructor(
    @Inject(KARAFKA_MODULE_OPTIONS) private readonly options: KarafkaModuleOptions,
    @Inject(KARAFKA_PLAN) private readonly plan: KarafkaPlan,
    private readonly clusters: WritableClusterRegistry,
    private readonly producers: ProducerPool,
    private readonly consumers: ConsumerRunnerPool,
    private readonly monitor: KarafkaMonitor,
    private readonly explorer: KarafkaExplorer,
    private readonly jobs: KafkaJobRegistry,
    private readonly topics: DeclarativeTopics,
    private readonly producerInjections: ProducerInjectionCheck,
  ) {}

  onModuleInit(): void {
    this.loggingListener.attach(this.monitor);
    // Job topics are routes like any other: their consumer is the jobs' dispatcher.
    const jobs = this.jobs.prepare(this.explorer.exploreJobs());
    const discovered = [...this.explorer.explore(), ...jobs.consumers];
    const { table, problems } = buildRoutingTable({
      options: this.options,
      clusters: this.plan.clusters,
      declarations: discovered.flatMap((consumer) => consumer.declarations),
    });
    const allProblems = [
      ...this.plan.problems,
      ...jobs.problems,
      ...problems,
      ...this.topics.validate(table),
      ...this.producerInjections.problems(),
    ];
    if (allProblems.length > 0) throw new KarafkaConfigurationError(allProblems);

    this.clusters.setRouting(table);
    this.consumers.prepare(table, discovered);
    if (this.options.logRoutingTable !== false) {
      const producers = this.plan.producers.map(({ name, cluster }) => ({ name, cluster: cluster.name }));
      this.logger.log(formatRoutingTable(table, producers));
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    // The CLI boots the user's module only to read its declarations: no migrating or consuming then.
    if (isKarafkaCliRun()) return;
    // Topics first (dev `autoMigrate` only), so consumers subscribe to topics that exist.
    await this.topics.migrateOnBootstrap();
    if (this.options.autoStartConsumers === false) return;
    await this.consumers.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumers.stop(this.options.shutdownTimeout ?? DEFAULT_SHUTDOWN_TIMEOUT_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    try {
      await this.producers.closeAll();
    } finally {
      this.loggingListener.detach();
    }
  }
}
