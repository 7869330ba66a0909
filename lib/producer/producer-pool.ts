import { errorMessage } from '../common/error-message';
import { DEFAULT_STATISTICS_INTERVAL } from '../config/karafka.defaults';
import type { DriverClient } from '../driver/kafka-driver.port';
import type { KarafkaMonitor } from '../instrumentation/karafka-monitor';
import { DEFAULT_PRODUCER } from './producer.constants';
import type { ClusterDefinition } from '../cluster/cluster-definition.interface';
import { KafkaProducer } from './kafka-producer';
import type { ProducerDefinition } from './producer-definition.interface';
import { ProducerRegistry } from './producer-registry';
import { PRODUCER_MESSAGES as M } from './producer.messages';

export interface ProducerPoolOptions {
  /** ms between `statistics.emitted` events of every producer; 0 turns them off. Default 5000. */
  statisticsInterval?: number;
  /**
   * Finds a cluster by name for `forCluster(name)`, e.g. `(name) => clusterRegistry.get(name)`, which also
   * knows clusters declared inline on topics. Without it only the configured producers' clusters are known.
   */
  resolveCluster?: (name: string) => ClusterDefinition | undefined;
}

/**
 * Every producer of the app: the default one, the named ones, and one internal producer per cluster for the
 * library's own writes (dead letters), all reporting to the same monitor. Producers connect on first use
 * (or with `connectAll()`), and `closeAll()` flushes everything enqueued before disconnecting. Users see it
 * as the read-only `ProducerRegistry`.
 */
export class ProducerPool extends ProducerRegistry {
  private readonly producers = new Map<string, KafkaProducer>();
  private readonly internal = new Map<string, KafkaProducer>();
  private readonly clusters = new Map<string, ClusterDefinition>();
  private readonly resolveCluster: (name: string) => ClusterDefinition | undefined;
  private readonly statisticsTimer?: NodeJS.Timeout;
  private closed = false;

  constructor(
    definitions: ProducerDefinition[],
    private readonly clientFor: (cluster: ClusterDefinition) => DriverClient,
    private readonly monitor: KarafkaMonitor,
    options: ProducerPoolOptions = {},
  ) {
    super();
    for (const { cluster } of definitions) this.clusters.set(cluster.name, cluster);
    this.resolveCluster = options.resolveCluster ?? ((name) => this.clusters.get(name));
    // Collected so one failed start names every producer that cannot be created.
    const failures: string[] = [];
    for (const definition of definitions) {
      try {
        this.producers.set(definition.name, this.create(definition));
      } catch (error) {
        failures.push(M.producerSetupFailed(definition.name, definition.cluster.name, errorMessage(error)));
      }
    }
    if (failures.length > 0)
      throw new Error([M.setupErrorHeader(failures.length), ...failures].join('\n  - '));

    const interval = options.statisticsInterval ?? DEFAULT_STATISTICS_INTERVAL;
    if (interval > 0) {
      this.statisticsTimer = setInterval(
        () => this.everyProducer().forEach((p) => p.emitStatistics()),
        interval,
      );
      this.statisticsTimer.unref();
    }
  }

  /** The default producer, or the named one; an unknown name is an error listing the configured ones. */
  get(name: string = DEFAULT_PRODUCER): KafkaProducer {
    const producer = this.producers.get(name);
    if (!producer) throw new Error(M.unknownProducer(name, this.names()));
    return producer;
  }

  has(name: string): boolean {
    return this.producers.has(name);
  }

  /** Names of the configured producers (`default` first). */
  names(): string[] {
    return [...this.producers.keys()];
  }

  /** The configured producers (not the internal ones). */
  all(): KafkaProducer[] {
    return [...this.producers.values()];
  }

  /**
   * The library's own producer for a cluster (dead letters go to the failing topic's own cluster), created
   * on first use, instrumented like every other producer. Never transactional.
   */
  forCluster(cluster: string | ClusterDefinition): KafkaProducer {
    const definition = typeof cluster === 'string' ? this.resolveCluster(cluster) : cluster;
    if (!definition)
      throw new Error(M.unknownClusterForProducer(cluster as string, [...this.clusters.keys()]));
    if (this.closed) throw new Error(M.closed(`internal:${definition.name}`, definition.name));
    let producer = this.internal.get(definition.name);
    if (!producer) {
      const { transactionalId: _transactionalId, ...settings } = definition.config.producer;
      producer = this.create({
        name: `internal:${definition.name}`,
        origin: 'internal',
        cluster: definition,
        settings,
        serializer: 'json',
        topicSerializers: {},
      });
      this.internal.set(definition.name, producer);
    }
    return producer;
  }

  /** Connects every configured producer now; rejects naming each one that could not connect. */
  async connectAll(): Promise<void> {
    await settleAll(this.all().map((producer) => producer.connect()));
  }

  /** Flushes and disconnects every producer, internal ones included; nothing enqueued is dropped. */
  async closeAll(): Promise<void> {
    this.closed = true;
    if (this.statisticsTimer) clearInterval(this.statisticsTimer);
    await settleAll(this.everyProducer().map((producer) => producer.close()));
  }

  private everyProducer(): KafkaProducer[] {
    return [...this.producers.values(), ...this.internal.values()];
  }

  private create(definition: ProducerDefinition): KafkaProducer {
    const driver = this.clientFor(definition.cluster).producer(definition.settings, definition.name);
    return new KafkaProducer(definition, driver, this.monitor);
  }
}

/** Waits for all; if any failed, throws one error listing every failure (each already names its producer). */
async function settleAll(work: Array<Promise<void>>): Promise<void> {
  const failures = (await Promise.allSettled(work)).filter(
    (r): r is PromiseRejectedResult => r.status === 'rejected',
  );
  if (failures.length === 1) throw failures[0].reason;
  if (failures.length > 1) {
    throw new AggregateError(
      failures.map((f) => f.reason),
      failures.map((f) => errorMessage(f.reason)).join('\n'),
    );
  }
}
