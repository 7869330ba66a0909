import type * as Rdkafka from '@confluentinc/kafka-javascript';
import type { ProducerSettings } from '../../config/kafka-config.types';
import { DriverError } from '../driver-error';
import { DriverListeners } from '../driver-listeners';
import type {
  DriverProducer,
  DriverProducerEventName,
  DriverProducerEvents,
  DriverRecord,
  DriverRecordMetadata,
  DriverLogEntry,
  DriverTransaction,
  Headers,
} from '../kafka-driver.port';
import { definedKeys, type RdkafkaConfig } from './librdkafka-config';
import { rdkafkaCall, toDriverError, type RdkafkaErrorLike } from './librdkafka-errors';
import { connectClient } from './librdkafka-log';
import type { RdkafkaModule } from './load-librdkafka';

const QUEUE_FULL = -184;
/** How long a send waits for librdkafka's queue to make room before trying a record again. */
const QUEUE_FULL_WAIT_MS = 20;
/** Bound of a flush, transaction init, commit or abort. */
const OPERATION_TIMEOUT_MS = 30_000;

/** The librdkafka keys of a producer's settings (its connection's are given apart). */
export function toRdkafkaProducerConfig(settings: ProducerSettings): RdkafkaConfig {
  return {
    // Java's and kafkajs' partitioner: a key lands on the same partition whichever client wrote it.
    partitioner: 'murmur2_random',
    dr_cb: true,
    ...definedKeys({
      acks: settings.acks,
      // librdkafka's rule as the normaliser applies it: a transactional id implies idempotence.
      'enable.idempotence': settings.idempotent ?? (settings.transactionalId !== undefined || undefined),
      // The library's codec names are librdkafka's.
      'compression.codec': settings.compression,
      'linger.ms': settings.lingerMs,
      'batch.num.messages': settings.batchNumMessages,
      'transactional.id': settings.transactionalId,
      'transaction.timeout.ms': settings.transactionTimeout,
      'max.in.flight.requests.per.connection': settings.maxInFlightRequests,
      'request.timeout.ms': settings.ackTimeoutMs,
      'message.timeout.ms': settings.deliveryTimeoutMs,
      'message.max.bytes': settings.messageMaxBytes,
      'allow.auto.create.topics': settings.allowAutoTopicCreation,
      'topic.metadata.refresh.interval.ms': settings.metadataMaxAge,
      'message.send.max.retries': settings.retry?.retries,
    }),
  };
}

function toBuffer(value: Buffer | string | null | undefined): Buffer | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? Buffer.from(value) : value;
}

/** The port's headers as librdkafka's list of one-key objects (a key written once; undefined ones skipped). */
function toRdkafkaHeaders(headers: Headers | undefined): Rdkafka.MessageHeader[] | undefined {
  if (!headers) return undefined;
  const list: Rdkafka.MessageHeader[] = [];
  for (const key of Object.keys(headers)) {
    const value = headers[key];
    if (value !== undefined) list.push({ [key]: value });
  }
  return list;
}

/**
 * The records of one `sendBatch`, settled together. Each delivery report writes its record's partition and its
 * own offset (librdkafka reports each message's offset, not a batch's base), and the batch resolves once every
 * record is reported; the first failure rejects it, the others are still awaited by librdkafka.
 */
class Delivery {
  /** The topic of each record, by index. */
  readonly topics: string[] = [];
  readonly records: DriverRecord[] = [];
  /** The offset of each reported record, by index. */
  private readonly offsets: number[] = [];
  private remaining: number;
  private failed = false;
  readonly done: Promise<DriverRecordMetadata[]>;
  private resolve!: (metadata: DriverRecordMetadata[]) => void;
  private reject!: (error: DriverError) => void;

  constructor(topicMessages: Parameters<DriverProducer['sendBatch']>[0]['topicMessages']) {
    for (const { topic, messages } of topicMessages) {
      for (const record of messages) {
        this.topics.push(topic);
        this.records.push(record);
      }
    }
    this.remaining = this.records.length;
    this.done = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    if (this.remaining === 0) this.resolve([]);
  }

  reported(index: number, error: RdkafkaErrorLike | null, report: Rdkafka.DeliveryReport): void {
    if (error) {
      this.fail(toDriverError(error));
      return;
    }
    const record = this.records[index];
    record.partition = report.partition;
    record.offset = String(report.offset);
    this.offsets[index] = report.offset;
    if (--this.remaining === 0 && !this.failed) this.resolve(this.metadata());
  }

  fail(error: DriverError): void {
    if (this.failed) return;
    this.failed = true;
    this.reject(error);
  }

  /** One entry per topic-partition with its lowest offset, as a broker's produce answer reads. */
  private metadata(): DriverRecordMetadata[] {
    const lowest = new Map<string, Map<number, number>>();
    for (let i = 0; i < this.records.length; i++) {
      let byPartition = lowest.get(this.topics[i]);
      if (!byPartition) lowest.set(this.topics[i], (byPartition = new Map()));
      const partition = this.records[i].partition as number;
      const low = byPartition.get(partition);
      if (low === undefined || this.offsets[i] < low) byPartition.set(partition, this.offsets[i]);
    }
    const metadata: DriverRecordMetadata[] = [];
    for (const [topic, byPartition] of lowest) {
      for (const [partition, low] of byPartition)
        metadata.push({ topic, partition, baseOffset: String(low), errorCode: 0 });
    }
    return metadata;
  }
}

interface Opaque {
  delivery: Delivery;
  index: number;
}

/**
 * One librdkafka producer (`Producer` of @confluentinc/kafka-javascript's native API). librdkafka batches,
 * retries and keeps idempotent sequence numbers itself, so sends are not serialised here; delivery reports are
 * polled on librdkafka's background thread.
 */
export class LibrdkafkaProducer implements DriverProducer {
  readonly queuesItself = true;
  private readonly producer: Rdkafka.Producer;
  private readonly transactional: boolean;
  private readonly listeners = new DriverListeners<DriverProducerEvents>();
  private readonly queueFreed = new Set<() => void>();
  /** Settles once the last delivery that found librdkafka's queue full is queued; unset when none waits. */
  private backlog?: Promise<void>;
  private connected = false;

  private readonly log: (entry: DriverLogEntry) => void;
  private readonly logExtra: Record<string, unknown>;

  constructor(
    rdkafka: RdkafkaModule,
    connection: RdkafkaConfig,
    settings: ProducerSettings,
    log: (entry: DriverLogEntry) => void,
  ) {
    this.transactional = settings.transactionalId !== undefined;
    this.producer = new rdkafka.Producer({
      ...connection,
      ...toRdkafkaProducerConfig(settings),
      event_cb: true,
    } as Rdkafka.ProducerGlobalConfig);
    this.log = log;
    this.logExtra =
      settings.transactionalId === undefined ? {} : { transactionalId: settings.transactionalId };
    this.producer.on('delivery-report', (error, report) => {
      const opaque = report.opaque as Opaque | undefined;
      opaque?.delivery.reported(opaque.index, error, report);
      for (const wake of this.queueFreed) wake();
    });
    this.producer.on('disconnected', () => this.emit('disconnect', { timestamp: Date.now() }));
  }

  async connect(): Promise<void> {
    if (this.connected) return;
    await connectClient(this.producer, this.log, this.logExtra);
    this.producer.setPollInBackground(true);
    if (this.transactional) {
      await rdkafkaCall((done) => this.producer.initTransactions(OPERATION_TIMEOUT_MS, done));
    }
    this.connected = true;
    this.emit('connect', { timestamp: Date.now() });
  }

  async disconnect(): Promise<void> {
    if (!this.connected) return;
    this.connected = false;
    // What is queued is delivered (or fails) before the connection closes, as kafkajs' disconnect waits for it.
    await rdkafkaCall((done) => this.producer.flush(OPERATION_TIMEOUT_MS, done)).catch(() => undefined);
    await rdkafkaCall((done) => this.producer.disconnect(done));
  }

  /** `acks`, `timeout` and `compression` are the producer's own settings here: librdkafka fixes them per producer. */
  sendBatch(args: Parameters<DriverProducer['sendBatch']>[0]): Promise<DriverRecordMetadata[]> {
    if (args.signal?.aborted) {
      return Promise.reject(
        new DriverError('not sent: the caller stopped waiting before it was queued', {
          kind: 'timeout',
          retriable: true,
        }),
      );
    }
    const delivery = new Delivery(args.topicMessages);
    const waiting = this.enqueue(delivery);
    return waiting ? waiting.then(() => delivery.done) : delivery.done;
  }

  /**
   * Queues the delivery's records in send order: at once while librdkafka's queue has room and no earlier
   * delivery waits for it, otherwise behind that one (room can come back before the waiting one hears of it).
   * Returns the promise of being queued, or undefined when it was queued at once.
   */
  private enqueue(delivery: Delivery): Promise<void> | undefined {
    const queued = this.backlog
      ? this.backlog.then(() => this.queueFrom(delivery, 0))
      : this.queueFrom(delivery, 0);
    if (!queued) return undefined;
    const tail: Promise<void> = queued.then(() => {
      if (this.backlog === tail) this.backlog = undefined;
    });
    this.backlog = tail;
    return tail;
  }

  /**
   * Queues the delivery's records from `start`, synchronously while librdkafka's queue has room; when it is
   * full, returns the promise of going on once it has. A record refused otherwise fails the delivery.
   */
  private queueFrom(delivery: Delivery, start: number): Promise<void> | undefined {
    for (let index = start; index < delivery.records.length; index++) {
      const record = delivery.records[index];
      try {
        this.producer.produce(
          delivery.topics[index],
          record.partition ?? null,
          toBuffer(record.value),
          toBuffer(record.key),
          record.timestamp === undefined ? undefined : Number(record.timestamp),
          { delivery, index } satisfies Opaque,
          toRdkafkaHeaders(record.headers),
        );
      } catch (error) {
        if ((error as { code?: number }).code === QUEUE_FULL)
          return this.queueHasRoom().then(() => this.queueFrom(delivery, index));
        delivery.fail(toDriverError(error));
        return undefined;
      }
    }
    return undefined;
  }

  /** Resolves at the next delivery report (which frees a slot), or after a short wait at the latest. */
  private queueHasRoom(): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.queueFreed.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, QUEUE_FULL_WAIT_MS);
      this.queueFreed.add(wake);
    });
  }

  async transaction(): Promise<DriverTransaction> {
    if (!this.transactional) {
      throw new DriverError('transaction() needs a producer with a transactional id', {
        kind: 'other',
        retriable: false,
      });
    }
    await rdkafkaCall((done) => this.producer.beginTransaction(done));
    return {
      send: ({ topic, messages }) => this.sendBatch({ topicMessages: [{ topic, messages }] }),
      commit: () => rdkafkaCall((done) => this.producer.commitTransaction(OPERATION_TIMEOUT_MS, done)),
      abort: () => rdkafkaCall((done) => this.producer.abortTransaction(OPERATION_TIMEOUT_MS, done)),
    };
  }

  on<E extends DriverProducerEventName>(
    event: E,
    listener: (payload: DriverProducerEvents[E]) => void,
  ): () => void {
    return this.listeners.on(event, listener);
  }

  private emit<E extends DriverProducerEventName>(event: E, payload: DriverProducerEvents[E]): void {
    this.listeners.emit(event, payload);
  }
}
