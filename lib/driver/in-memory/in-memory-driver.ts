import type { ConnectionSettings } from '../../config/kafka-config.types';
import type {
  DriverAdmin,
  DriverClient,
  DriverConsumer,
  DriverProducer,
  KafkaDriver,
} from '../kafka-driver.port';
import { InMemoryCluster, type InMemoryClusterOptions } from './in-memory-cluster';
import { InMemoryConsumer } from './in-memory-consumer';
import { InMemoryProducer } from './in-memory-producer';

/** A client of one in-memory cluster; it keeps the consumers and producers it created, for tests to reach. */
export class InMemoryClient implements DriverClient {
  readonly consumers: InMemoryConsumer[] = [];
  readonly producers: InMemoryProducer[] = [];

  constructor(readonly cluster: InMemoryCluster) {}

  consumer(settings: Parameters<DriverClient['consumer']>[0]): DriverConsumer {
    const consumer = new InMemoryConsumer(this.cluster, settings);
    this.consumers.push(consumer);
    return consumer;
  }

  producer(): DriverProducer {
    const producer = new InMemoryProducer(this.cluster);
    this.producers.push(producer);
    return producer;
  }

  admin(): DriverAdmin {
    throw new Error('admin is not supported by the in-memory driver');
  }

  /** The consumer created last (the live one of a runner that reconnected). */
  get lastConsumer(): InMemoryConsumer | undefined {
    return this.consumers[this.consumers.length - 1];
  }
}

/**
 * A driver that keeps everything in memory, for tests: one `InMemoryCluster` per broker list, so the clients
 * of one cluster share its topics and committed offsets. Nothing connects anywhere.
 */
export class InMemoryDriver implements KafkaDriver {
  readonly name = 'in-memory';
  private readonly clusters = new Map<string, InMemoryCluster>();

  constructor(private readonly options: InMemoryClusterOptions = {}) {}

  /** The cluster behind a broker list (created on first use). */
  cluster(brokers: readonly string[]): InMemoryCluster {
    const id = [...brokers].sort().join(',');
    let cluster = this.clusters.get(id);
    if (!cluster) {
      cluster = new InMemoryCluster(this.options);
      this.clusters.set(id, cluster);
    }
    return cluster;
  }

  createClient(connection: ConnectionSettings): InMemoryClient {
    return new InMemoryClient(this.cluster(connection.brokers));
  }
}
