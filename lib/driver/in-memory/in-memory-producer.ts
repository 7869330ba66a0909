import { DriverError } from '../driver-error';
import { DriverListeners } from '../driver-listeners';
import type {
  DriverProducer,
  DriverProducerEventName,
  DriverProducerEvents,
  DriverRecord,
  DriverRecordMetadata,
  DriverTransaction,
} from '../kafka-driver.port';
import type { InMemoryCluster } from './in-memory-cluster';

/**
 * A producer of an `InMemoryCluster`: records are appended at once; a transaction's only when it commits. The
 * cluster's journal (`sent`) names the producer of each record.
 */
export class InMemoryProducer implements DriverProducer {
  private readonly listeners = new DriverListeners<DriverProducerEvents>();
  private connected = false;

  constructor(
    private readonly cluster: InMemoryCluster,
    readonly name: string,
  ) {}

  async connect(): Promise<void> {
    this.cluster.takeConnectFailure();
    this.connected = true;
    this.emit('connect');
  }

  async disconnect(): Promise<void> {
    if (!this.connected) return;
    this.connected = false;
    this.emit('disconnect');
  }

  async sendBatch(args: Parameters<DriverProducer['sendBatch']>[0]): Promise<DriverRecordMetadata[]> {
    this.assertConnected();
    return args.topicMessages.flatMap(({ topic, messages }) =>
      this.cluster.append(topic, messages, this.name),
    );
  }

  async transaction(): Promise<DriverTransaction> {
    this.assertConnected();
    const pending: Array<{ topic: string; messages: DriverRecord[] }> = [];
    let open = true;
    const assertOpen = () => {
      if (!open)
        throw new DriverError('The transaction is already committed or aborted', {
          kind: 'other',
          retriable: false,
        });
    };
    return {
      send: async ({ topic, messages }) => {
        assertOpen();
        this.cluster.partitionsOf(topic);
        pending.push({ topic, messages });
        // Offsets are only known once the records are written, at commit.
        return [];
      },
      commit: async () => {
        assertOpen();
        open = false;
        for (const { topic, messages } of pending) this.cluster.append(topic, messages, this.name);
      },
      abort: async () => {
        assertOpen();
        open = false;
      },
    };
  }

  on<E extends DriverProducerEventName>(
    event: E,
    listener: (payload: DriverProducerEvents[E]) => void,
  ): () => void {
    // Only connect and disconnect happen in memory.
    return this.listeners.on(event, listener);
  }

  private assertConnected(): void {
    if (!this.connected) {
      throw new DriverError('The producer is disconnected', { kind: 'connection-lost', retriable: true });
    }
  }

  private emit(event: 'connect' | 'disconnect'): void {
    this.listeners.emit(event, { timestamp: Date.now() });
  }
}
