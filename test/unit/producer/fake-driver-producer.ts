import type { ProducerSettings } from '../../../lib/config/kafka-config.types';
import { normalizeKafkaConfig } from '../../../lib/config/normalize-kafka-config';
import type {
  DriverProducer,
  DriverRecord,
  DriverRecordMetadata,
  DriverTransaction,
} from '../../../lib/driver/kafka-driver.port';
import type { ClusterDefinition } from '../../../lib/cluster/cluster-definition.interface';
import type { ProducerDefinition } from '../../../lib/producer/producer-definition.interface';

export interface SentBatch {
  topicMessages: Array<{ topic: string; messages: DriverRecord[] }>;
  acks?: number;
  timeout?: number;
  compression?: string;
}

/**
 * An in-memory DriverProducer for the producer's pure logic (batching, deadlines, events): it partitions like
 * a driver (explicit partition, else key length % 2), keeps offsets per topic-partition, and either answers
 * at once or holds requests until `release()`/`failPending()`. Kafka behaviour itself is tested in e2e.
 */
export class FakeDriverProducer implements DriverProducer {
  readonly batches: SentBatch[] = [];
  readonly transactions: Array<{ sent: SentBatch[]; outcome?: 'committed' | 'aborted' }> = [];
  connects = 0;
  disconnects = 0;
  /** Hold every request until released. */
  hold = false;
  /** Make the next connect attempts fail with this error. */
  connectError?: Error;
  /** Make requests fail with this error. */
  sendError?: Error;
  /** Refuses a whole request when one of its records gets an error here, as a broker refuses an oversize one. */
  refuseRecord?: (record: DriverRecord) => Error | undefined;
  private readonly offsets = new Map<string, number>();
  private readonly held: Array<() => void> = [];

  async connect(): Promise<void> {
    this.connects++;
    if (this.connectError) throw this.connectError;
  }

  async disconnect(): Promise<void> {
    this.disconnects++;
  }

  sendBatch(args: SentBatch): Promise<DriverRecordMetadata[]> {
    this.batches.push(args);
    return this.answer(args.topicMessages);
  }

  async transaction(): Promise<DriverTransaction> {
    const record: { sent: SentBatch[]; outcome?: 'committed' | 'aborted' } = { sent: [] };
    this.transactions.push(record);
    return {
      send: ({ topic, messages, acks, timeout }) => {
        record.sent.push({ topicMessages: [{ topic, messages }], acks, timeout });
        return this.answer([{ topic, messages }]);
      },
      commit: async () => void (record.outcome = 'committed'),
      abort: async () => void (record.outcome = 'aborted'),
    };
  }

  on(): () => void {
    return () => undefined;
  }

  /** Answers every held request. */
  release(): void {
    this.held.splice(0).forEach((answer) => answer());
  }

  get heldCount(): number {
    return this.held.length;
  }

  /** Every record sent, in order, as `topic:value`. */
  sentValues(): string[] {
    return this.batches.flatMap((b) =>
      b.topicMessages.flatMap(({ topic, messages }) => messages.map((m) => `${topic}:${String(m.value)}`)),
    );
  }

  private answer(topicMessages: SentBatch['topicMessages']): Promise<DriverRecordMetadata[]> {
    return new Promise((resolve, reject) => {
      const answer = () => {
        if (this.sendError) return reject(this.sendError);
        for (const { messages } of topicMessages) {
          for (const record of messages) {
            const refusal = this.refuseRecord?.(record);
            if (refusal) return reject(refusal);
          }
        }
        const metadata: DriverRecordMetadata[] = [];
        for (const { topic, messages } of topicMessages) {
          const counts = new Map<number, number>();
          for (const record of messages) {
            record.partition ??= record.key ? String(record.key).length % 2 : 0;
            counts.set(record.partition, (counts.get(record.partition) ?? 0) + 1);
          }
          for (const [partition, count] of counts) {
            const key = `${topic}/${partition}`;
            const base = this.offsets.get(key) ?? 0;
            this.offsets.set(key, base + count);
            metadata.push({ topic, partition, baseOffset: String(base), errorCode: 0 });
          }
        }
        resolve(metadata);
      };
      if (this.hold) this.held.push(answer);
      else answer();
    });
  }
}

/** A ClusterDefinition from a kafka hash, for unit tests. */
export function testCluster(name: string, input: Record<string, unknown>): ClusterDefinition {
  const { config } = normalizeKafkaConfig(input, name);
  return {
    name,
    identity: `plaintext://${config.connection.brokers.join(',')}`,
    origin: name === 'primary' ? 'primary' : 'named',
    input,
    config,
  };
}

export function testDefinition(
  overrides: Partial<ProducerDefinition> & { settings?: ProducerSettings } = {},
): ProducerDefinition {
  return {
    name: 'default',
    origin: 'default',
    cluster: testCluster('primary', { 'bootstrap.servers': '127.0.0.1:19092' }),
    settings: {},
    serializer: 'json',
    topicSerializers: {},
    ...overrides,
  };
}
