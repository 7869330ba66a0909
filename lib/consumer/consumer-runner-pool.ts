import { Logger } from '@nestjs/common';
import { errorMessage } from '../common/error-message';
import { DISCONNECT_TIMEOUT_MS } from '../config/karafka.defaults';
import { KarafkaConfigurationError } from '../config/karafka-configuration.error';
import type { ConfigProblem } from '../config/kafka-config.types';
import type { DriverClient } from '../driver/kafka-driver.port';
import type { KarafkaMonitor } from '../instrumentation/karafka-monitor';
import type { ClusterDefinition } from '../cluster/cluster-definition.interface';
import type { RoutingTable, SubscriptionGroupDefinition } from '../routing/routing-table.interface';
import type { ConsumeHandler, ConsumerHandlerFactory } from './consumer-handler.factory';
import type { DeadLetterSink } from './dead-letter';
import { ConsumerManager } from './consumer-manager';
import { SubscriptionGroupRunner, type RunnerInfo, type RunnerOptions } from './subscription-group-runner';

export interface ConsumerManagerOptions extends RunnerOptions {
  /** The driver client of a cluster; each subscription group creates its own consumer from it. */
  clientFor: (cluster: ClusterDefinition, group: SubscriptionGroupDefinition) => DriverClient;
  monitor: KarafkaMonitor;
  deadLetterSink: DeadLetterSink;
  /** Wraps each consumer's `consume` in Nest's pipeline. */
  handlerFactory: Pick<ConsumerHandlerFactory, 'create'>;
}

/** A `@KafkaTopic` provider found by the explorer: its live instance and the classes it was declared on. */
export interface ConsumerInstance {
  instance: object;
  declarations: ReadonlyArray<{ target: unknown }>;
}

/**
 * Owns one `SubscriptionGroupRunner` per subscription group of the routing table. Runners start and fail
 * independently: an unreachable cluster delays nobody else, and a failing group never stops the others.
 */
export class ConsumerRunnerPool extends ConsumerManager {
  private readonly logger = new Logger('KarafkaConsumers');
  private prepared: SubscriptionGroupRunner[] = [];
  private started = false;

  constructor(private readonly options: ConsumerManagerOptions) {
    super();
  }

  /**
   * Wraps every consumer's `consume` in Nest's pipeline and creates the runners, without connecting.
   * Every problem (a route without an instance, a class without `consume`) is reported at once.
   */
  prepare(table: RoutingTable, consumers: readonly ConsumerInstance[]): void {
    const factory = this.options.handlerFactory;
    const instances = new Map<unknown, object>();
    for (const consumer of consumers) {
      for (const declaration of consumer.declarations) instances.set(declaration.target, consumer.instance);
    }
    const handlers = new Map<object, ConsumeHandler>();
    const problems: ConfigProblem[] = [];
    const groups: Array<[SubscriptionGroupDefinition, Map<string, ConsumeHandler>]> = [];
    for (const group of table.subscriptionGroups) {
      const byTopic = new Map<string, ConsumeHandler>();
      for (const route of group.topics) {
        const where = `@KafkaTopic('${route.topic}') on ${route.className}`;
        const instance = instances.get(route.target);
        if (!instance) {
          problems.push({ where, message: 'no instance of the class was found among the providers' });
          continue;
        }
        try {
          let handler = handlers.get(instance);
          if (!handler) {
            handler = factory.create(instance, route.className);
            handlers.set(instance, handler);
          }
          byTopic.set(route.topic, handler);
        } catch (error) {
          problems.push({ where, message: errorMessage(error) });
        }
      }
      groups.push([group, byTopic]);
    }
    // Without problems every topic of every group has its handler.
    if (problems.length > 0) throw new KarafkaConfigurationError(problems);
    this.prepared = groups.map(([group, byTopic]) => this.createRunner(group, byTopic));
  }

  private createRunner(
    group: SubscriptionGroupDefinition,
    handlers: ReadonlyMap<string, ConsumeHandler>,
  ): SubscriptionGroupRunner {
    return new SubscriptionGroupRunner(group, {
      client: this.options.clientFor(group.cluster, group),
      handlers,
      monitor: this.options.monitor,
      deadLetterSink: this.options.deadLetterSink,
      options: { reconnect: this.options.reconnect, startTimeoutMs: this.options.startTimeoutMs },
    });
  }

  /**
   * Starts every prepared runner in parallel. Resolves once each group has joined, failed its first connection
   * attempt (it keeps retrying in the background) or reached `startTimeoutMs`. Rejects with a
   * `KarafkaConfigurationError` when a cluster refused a group for good (credentials, ACLs, certificate).
   */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await Promise.all(this.prepared.map((runner) => runner.start()));
    const refused = this.prepared.flatMap((runner) => runner.refusal() ?? []);
    if (refused.length > 0) {
      // The app will not start: the groups that did join leave theirs now rather than at their session timeout.
      await this.stop(DISCONNECT_TIMEOUT_MS);
      throw new KarafkaConfigurationError(refused);
    }
    const waiting = this.prepared.filter((runner) => runner.info().state !== 'running');
    if (waiting.length > 0) {
      this.logger.warn(
        `Still connecting in the background: ${waiting.map((r) => `${r.id} (cluster '${r.info().cluster}')`).join(', ')}`,
      );
    }
  }

  /** Stops every runner in parallel: each drains its batch in progress (at most `timeoutMs`) and disconnects. */
  async stop(timeoutMs: number): Promise<void> {
    await Promise.all(this.prepared.map((runner) => runner.stop(timeoutMs)));
  }

  /** One entry per subscription group: id, cluster, group id, topics, state and live consumer count. */
  runners(): RunnerInfo[] {
    return this.prepared.map((runner) => runner.info());
  }

  /** Kafka consumers alive right now, over all subscription groups. */
  liveConsumerCount(): number {
    return this.prepared.reduce((sum, runner) => sum + runner.info().consumers, 0);
  }
}
