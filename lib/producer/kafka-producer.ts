import { DEFAULT_PRODUCER_SETTINGS } from '../config/karafka.defaults';
import type { DriverProducer, DriverRecordMetadata, DriverTransaction } from '../driver/kafka-driver.port';
import { principalOf } from '../cluster/access-failure';
import type { KarafkaMonitor } from '../instrumentation/karafka-monitor';
import type { ProducerTracer } from '../instrumentation/karafka-tracing.interface';
import type { ProducerStatistics } from '../instrumentation/monitor-events.interface';
import { refused } from './handled-rejection';
import { KafkaProduceError } from './kafka-produce.error';
import { ManyDelivery } from './many-delivery';
import { Pending } from './pending-batch';
import type { DeliveryReport, KafkaTransaction, ProduceMessage } from './produce-message.interface';
import type { ProducerDefinition } from './producer-definition.interface';
import { ProducerErrors } from './producer-errors';
import { ProducerInstrumentation, type ProduceMode } from './producer-instrumentation';
import { ProducerTransactions } from './producer-transactions';
import { PRODUCER_MESSAGES as M } from './producer.messages';
import { groupByTopic, RecordConverter } from './record-converter';
import { SendQueue } from './send-queue';

/**
 * A producer bound to one cluster (Karafka/WaterDrop's producer). Every instance, named or not, reports to
 * the `KarafkaMonitor`.
 *
 * `produceAsync` enqueues: everything enqueued in the same tick (or within `lingerMs`) goes out as one
 * driver request, up to `batchNumMessages` per request, with up to `maxInFlightRequests` requests in flight;
 * while those are busy, new messages keep accumulating into the next request. `produceSync` rides the same
 * queue (so it never overtakes earlier async messages) and sends at once. Each delivery has a deadline
 * (`deliveryTimeoutMs`, counted from enqueueing), so a dead cluster fails messages instead of holding them.
 */
export class KafkaProducer {
  readonly name: string;
  /** Name of the cluster this producer writes to. */
  readonly cluster: string;
  readonly transactional: boolean;

  private readonly acks: number;
  private readonly compression: ProducerDefinition['settings']['compression'];
  private readonly ackTimeoutMs: number;
  private readonly errors: ProducerErrors;
  private readonly instrumentation: ProducerInstrumentation;
  private readonly records: RecordConverter;
  private readonly queue: SendQueue;
  private readonly transactions: ProducerTransactions;
  /** Absent when tracing is off. */
  private readonly tracer?: ProducerTracer;

  private connection?: Promise<void>;
  private connected = false;
  private closing?: Promise<void>;

  constructor(
    definition: ProducerDefinition,
    private readonly driver: DriverProducer,
    monitor: KarafkaMonitor,
  ) {
    const settings = { ...DEFAULT_PRODUCER_SETTINGS, ...definition.settings };
    this.name = definition.name;
    this.cluster = definition.cluster.name;
    this.transactional = settings.transactionalId !== undefined;
    this.acks = settings.acks;
    this.compression = settings.compression;
    this.ackTimeoutMs = settings.ackTimeoutMs;

    const { connection } = definition.cluster.config;
    const brokers = connection.brokers;
    this.errors = new ProducerErrors(this.name, this.cluster, brokers, principalOf(connection));
    this.instrumentation = new ProducerInstrumentation(this.name, this.cluster, monitor, this.errors);
    this.tracer = monitor.tracing?.producer({ producer: this.name, cluster: this.cluster, brokers });
    this.records = new RecordConverter(
      definition.serializer,
      definition.topicSerializers,
      settings.messageMaxBytes,
    );
    this.queue = new SendQueue(
      {
        // A driver that queues itself applies `linger.ms` and the in-flight bound to its own requests.
        lingerMs: driver.queuesItself ? 0 : settings.lingerMs,
        batchNumMessages: settings.batchNumMessages,
        maxInFlight: driver.queuesItself ? Infinity : settings.maxInFlightRequests,
        deliveryTimeoutMs: settings.deliveryTimeoutMs,
      },
      {
        deliver: (entries, signal) => this.deliver(entries, signal),
        acknowledged: (entries, metadata, latencyMs) =>
          this.instrumentation.acknowledged(entries, metadata, latencyMs),
        failed: (entries, cause) => this.instrumentation.failed(entries, cause),
      },
    );
    this.transactions = new ProducerTransactions({
      begin: () => this.beginTransaction(),
      prepareAll: (messages) => this.prepareAll(messages, undefined),
      errors: this.errors,
      instrumentation: this.instrumentation,
      ackTimeoutMs: settings.ackTimeoutMs,
      deliveryTimeoutMs: settings.deliveryTimeoutMs,
    });
  }

  /** Connects now (otherwise the first message connects). Safe to call repeatedly. */
  connect(): Promise<void> {
    if (this.closing) return Promise.reject(this.errors.closed());
    return this.ensureConnected();
  }

  /** Sends one message and resolves when the broker acknowledged it. */
  produceSync(message: ProduceMessage): Promise<DeliveryReport> {
    const pending = this.prepare(message, undefined, 0);
    if (pending instanceof KafkaProduceError) return refused(pending);
    this.add(pending);
    this.instrumentation.produced(pending.topic, 1, 'sync');
    this.queue.sendNow();
    return pending.promise!;
  }

  /** Enqueues one message now; the promise resolves when it is acknowledged. No need to await it: a failure
   * is also published as `error.occurred` (and logged by the default listener). */
  produceAsync(message: ProduceMessage): Promise<DeliveryReport> {
    const pending = this.prepare(message, undefined, 0);
    if (pending instanceof KafkaProduceError) return refused(pending);
    this.add(pending);
    this.instrumentation.produced(pending.topic, 1, 'async');
    this.queue.schedule();
    return pending.promise!;
  }

  /** Sends many messages at once (in as few requests as `batchNumMessages` allows) and waits for all acks. */
  produceManySync(messages: ProduceMessage[]): Promise<DeliveryReport[]> {
    const delivery = this.enqueueMany(messages, 'sync');
    this.queue.sendNow();
    return delivery;
  }

  /** Enqueues many messages now; the promise resolves with every report once all are acknowledged. */
  produceManyAsync(messages: ProduceMessage[]): Promise<DeliveryReport[]> {
    const delivery = this.enqueueMany(messages, 'async');
    this.queue.schedule();
    return delivery;
  }

  /** Resolves once everything enqueued so far is acknowledged or failed. Never rejects. */
  flush(): Promise<void> {
    return this.queue.flush();
  }

  /**
   * Runs `work` in a Kafka transaction: committed when it returns, aborted when it throws (or when one of its
   * sends failed). Only for producers configured with a `'transactional.id'`; transactions of one producer
   * run one after another.
   */
  transaction<T>(work: (tx: KafkaTransaction) => Promise<T>): Promise<T> {
    if (!this.transactional) return Promise.reject(this.errors.notTransactional());
    if (this.closing) return Promise.reject(this.errors.closed());
    return this.transactions.run(work);
  }

  /** Counters since start; latency percentiles of the current statistics window. */
  statistics(): ProducerStatistics {
    return this.instrumentation.statistics();
  }

  /** Publishes `statistics.emitted` (if anyone listens) and starts a new latency window. */
  emitStatistics(): void {
    this.instrumentation.emitStatistics();
  }

  /** Stops accepting messages, waits for running transactions and everything enqueued, then disconnects. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    await this.transactions.idle();
    await this.flush();
    if (!this.connection) return;
    const stillConnecting = !this.connected;
    this.connected = false;
    await this.driver
      .disconnect()
      .catch((error: unknown) => Promise.reject(this.errors.failure(M.disconnectFailed, error)));
    // The driver keeps retrying a connect that was under way (e.g. to a cluster that is down) and does not
    // stop when told to disconnect; if it succeeds later, that connection is closed too.
    if (stillConnecting) this.connection.then(() => this.driver.disconnect()).catch(() => undefined);
  }

  /** Also used while closing: flushing may still need a connection. */
  private ensureConnected(): Promise<void> {
    this.connection ??= this.driver.connect().then(
      () => {
        this.connected = true;
      },
      (error: unknown) => {
        this.connection = undefined;
        throw this.errors.connectFailed(error);
      },
    );
    return this.connection;
  }

  private enqueueMany(messages: ProduceMessage[], mode: ProduceMode): Promise<DeliveryReport[]> {
    const delivery = new ManyDelivery(messages.length);
    const prepared = this.prepareAll(messages, delivery);
    if (prepared instanceof KafkaProduceError) return refused(prepared);
    for (const pending of prepared) this.add(pending);
    this.instrumentation.producedPerTopic(prepared, mode);
    return delivery.promise;
  }

  /** All or nothing: one bad message refuses the whole call before anything is enqueued or counted. */
  private prepareAll(
    messages: ProduceMessage[],
    group: ManyDelivery | undefined,
  ): Pending[] | KafkaProduceError {
    const prepared = new Array<Pending>(messages.length);
    for (let i = 0; i < messages.length; i++) {
      const pending = this.prepare(messages[i], group, i);
      if (pending instanceof KafkaProduceError) {
        // The call sends none of them: the spans of those prepared so far end with its refusal.
        for (let j = 0; j < i; j++) prepared[j].span?.failed(pending);
        return pending;
      }
      prepared[i] = pending;
    }
    return prepared;
  }

  /**
   * The message as a queued record, or the error that refuses it (already published on the monitor). With
   * tracing, its send span starts here, in the caller's context, even if the record goes out later.
   */
  private prepare(
    message: ProduceMessage,
    group: ManyDelivery | undefined,
    index: number,
  ): Pending | KafkaProduceError {
    let refusal: KafkaProduceError;
    if (this.closing) {
      refusal = this.errors.closed();
    } else {
      try {
        const pending = new Pending(this.records.toRecord(message), message.topic, group, index);
        if (this.tracer) pending.span = this.tracer.start(pending.topic, pending.record);
        return pending;
      } catch (error) {
        refusal = this.errors.invalidMessage(message?.topic, error);
      }
    }
    this.instrumentation.error(refusal, refusal.topic);
    return refusal;
  }

  private add(pending: Pending): void {
    this.instrumentation.sent(pending.record);
    this.queue.add(pending);
  }

  private async deliver(
    entries: ReadonlyArray<Pending>,
    signal: AbortSignal,
  ): Promise<DriverRecordMetadata[]> {
    if (!this.connected) await this.ensureConnected();
    return this.driver.sendBatch({
      topicMessages: groupByTopic(entries),
      acks: this.acks,
      timeout: this.ackTimeoutMs,
      compression: this.compression,
      signal,
    });
  }

  private async beginTransaction(): Promise<DriverTransaction> {
    if (!this.connected) await this.ensureConnected();
    return this.driver
      .transaction()
      .catch((error: unknown) => Promise.reject(this.errors.failure(M.transactionStartFailed, error)));
  }
}
