import type { ConnectionSettings, ProducerSettings } from '../../config/kafka-config.types';
import type {
  DriverAdmin,
  DriverClient,
  DriverConsumer,
  DriverProducer,
  KafkaDriver,
} from '../kafka-driver.port';
import { InMemoryAdmin } from './in-memory-admin';
import { InMemoryCluster, type InMemoryClusterOptions } from './in-memory-cluster';
import { InMemoryConsumer } from './in-memory-consumer';
import { FetchGate, type FetchRule } from './in-memory-fetch-gate';
import { InMemoryProducer } from './in-memory-producer';

/** A client of one in-memory cluster; it keeps the consumers and producers it created, for tests to reach. */
export class InMemoryClient implements DriverClient {
  readonly consumers: InMemoryConsumer[] = [];
  readonly producers: InMemoryProducer[] = [];

  constructor(
    readonly cluster: InMemoryCluster,
    private readonly gate: FetchGate = new FetchGate(),
  ) {}

  consumer(settings: Parameters<DriverClient['consumer']>[0]): DriverConsumer {
    const consumer = new InMemoryConsumer(this.cluster, settings, this.gate);
    this.consumers.push(consumer);
    return consumer;
  }

  producer(_settings: ProducerSettings, name: string): DriverProducer {
    const producer = new InMemoryProducer(this.cluster, name);
    this.producers.push(producer);
    return producer;
  }

  admin(): DriverAdmin {
    return new InMemoryAdmin(this.cluster);
  }

  /** The consumer created last (the live one of a runner that reconnected). */
  get lastConsumer(): InMemoryConsumer | undefined {
    return this.consumers[this.consumers.length - 1];
  }
}

export interface InMemoryDriverOptions extends Omit<InMemoryClusterOptions, 'autoCreatePartitions'> {
  /** Partitions of a topic created on first use, by topic and cluster (its broker list). Default 1. */
  autoCreatePartitions?: number | ((topic: string, brokers: readonly string[]) => number);
}

/**
 * A driver that keeps everything in memory, for tests: one `InMemoryCluster` per broker list, so the clients
 * of one cluster share its topics, committed offsets and journal. Nothing connects anywhere.
 */
export class InMemoryDriver implements KafkaDriver {
  readonly name = 'in-memory';
  private readonly clusters = new Map<string, InMemoryCluster>();
  private readonly clients: InMemoryClient[] = [];
  private readonly gate = new FetchGate();

  constructor(private readonly options: InMemoryDriverOptions = {}) {}

  /** The cluster behind a broker list (created on first use). */
  cluster(brokers: readonly string[]): InMemoryCluster {
    const sorted = [...brokers].sort();
    const id = sorted.join(',');
    let cluster = this.clusters.get(id);
    if (!cluster) {
      const partitions = this.options.autoCreatePartitions;
      cluster = new InMemoryCluster({
        ...this.options,
        brokers: sorted,
        autoCreatePartitions:
          typeof partitions === 'function' ? (topic) => partitions(topic, sorted) : partitions,
      });
      this.clusters.set(id, cluster);
    }
    return cluster;
  }

  createClient(connection: ConnectionSettings): InMemoryClient {
    const client = new InMemoryClient(this.cluster(connection.brokers), this.gate);
    this.clients.push(client);
    return client;
  }

  /** Every consumer the driver's clients created, the stopped ones too. */
  consumers(): InMemoryConsumer[] {
    return this.clients.flatMap((client) => client.consumers);
  }

  /** From now on consumers fetch only what `rule` allows (every topic by default); the fetch loops apply it at once. */
  allowFetching(rule: FetchRule): void {
    this.gate.set(rule);
    for (const cluster of this.clusters.values()) cluster.wakeAll();
  }
}
