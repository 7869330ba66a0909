import { DEFAULT_PRODUCER_SETTINGS } from '../config/karafka.defaults';
import type {
  DriverProducer,
  DriverRecord,
  DriverRecordMetadata,
  DriverTransaction,
} from '../driver/kafka-driver.port';
import type { KarafkaMonitor } from '../instrumentation/karafka-monitor';
import type { MessageProducedEvent, ProducerStatistics } from '../instrumentation/monitor-events.interface';
import { ProducerStatisticsCollector } from '../instrumentation/producer-statistics';
import { toDeliveryReports } from './delivery-reports';
import { KafkaProduceError } from './kafka-produce.error';
import type { DeliveryReport, KafkaTransaction, ProduceMessage } from './produce-message.interface';
import type { ProducerDefinition } from './producer-definition.interface';
import { PRODUCER_MESSAGES as M } from './producer.messages';
import { createPayloadEncoder, type PayloadEncoder } from './serialization';

type Mode = MessageProducedEvent['mode'];

/** A message the caller is not forced to await: a rejection that nobody handles must not crash the process;
 * it is reported on the monitor (and logged by the default listener) instead. */
function markHandled(promise: Promise<unknown>): void {
  promise.catch(() => undefined);
}

function refused<T>(error: Error): Promise<T> {
  const promise = Promise.reject(error);
  markHandled(promise);
  return promise;
}

/** Resolvers of a new promise, captured without allocating an executor closure. */
let capturedResolve: (value: any) => void;
let capturedReject: (error: unknown) => void;
function captureResolvers(resolve: (value: any) => void, reject: (error: unknown) => void): void {
  capturedResolve = resolve;
  capturedReject = reject;
}

/**
 * Reaction handlers by position in a batch, shared by every batch of every producer and created once per
 * position. A message's promise is its batch's outcome `.then(pick[i], fail[i])`: one derived promise per
 * message instead of a promise, two resolving functions and a closure. Everything enqueued stays alive
 * until acknowledged, so with bursts of thousands of messages this is what the garbage collector feels.
 */
const pickers: Array<(reports: DeliveryReport[]) => DeliveryReport> = [];
const throwers: Array<(errors: Error[]) => never> = [];
function pickerAt(position: number): (reports: DeliveryReport[]) => DeliveryReport {
  return (pickers[position] ??= (reports) => reports[position]);
}
function throwerAt(position: number): (errors: Error[]) => never {
  return (throwers[position] ??= (errors) => {
    throw errors[position];
  });
}

/** One promise for many messages: resolves with every report in order, or rejects with the first failure. */
class ManyDelivery {
  readonly promise: Promise<DeliveryReport[]>;
  private readonly reports: DeliveryReport[];
  private remaining: number;
  private error?: Error;
  private resolve!: (reports: DeliveryReport[]) => void;
  private reject!: (error: Error) => void;

  constructor(count: number) {
    this.reports = new Array<DeliveryReport>(count);
    this.remaining = count;
    this.promise = new Promise<DeliveryReport[]>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    if (count === 0) this.resolve(this.reports);
  }

  delivered(index: number, report: DeliveryReport): void {
    this.reports[index] = report;
    if (--this.remaining === 0) this.settle();
  }

  failed(error: Error): void {
    this.error ??= error;
    if (--this.remaining === 0) this.settle();
  }

  private settle(): void {
    if (this.error) {
      markHandled(this.promise);
      this.reject(this.error);
    } else {
      this.resolve(this.reports);
    }
  }
}

/**
 * One queued message. A single message (produceAsync/produceSync) gets a promise derived from its batch's
 * outcome; one of a produceMany call reports to that call's `ManyDelivery` under its index.
 */
class Pending {
  /** The single message's promise (set when it joins a batch). */
  promise?: Promise<DeliveryReport>;

  constructor(
    readonly record: DriverRecord,
    readonly topic: string,
    readonly group: ManyDelivery | undefined,
    readonly index: number,
  ) {}
}

/** Messages that go out in one driver request. */
class Batch {
  readonly entries: Pending[] = [];
  /** Callbacks of `flush()` calls waiting for this batch. */
  waiters?: Array<() => void>;
  /** Settles with every report (or every error) by position; single messages' promises derive from it. */
  private outcome?: Promise<DeliveryReport[]>;
  private resolveOutcome?: (reports: DeliveryReport[]) => void;
  private rejectOutcome?: (errors: Error[]) => void;

  /** When the first message was enqueued: the start of its latency and of its delivery deadline. */
  constructor(readonly openedAt: number) {}

  /** Adds a message; a single message gets its promise here. */
  push(pending: Pending): void {
    const position = this.entries.push(pending) - 1;
    if (pending.group) return;
    if (!this.outcome) {
      this.outcome = new Promise(captureResolvers);
      this.resolveOutcome = capturedResolve;
      this.rejectOutcome = capturedReject;
    }
    pending.promise = this.outcome.then(pickerAt(position), throwerAt(position));
  }

  delivered(reports: DeliveryReport[]): void {
    for (let i = 0; i < this.entries.length; i++) {
      const { group, index } = this.entries[i];
      if (group) group.delivered(index, reports[i]);
    }
    this.resolveOutcome?.(reports);
  }

  failed(errors: Error[]): void {
    for (let i = 0; i < this.entries.length; i++) {
      const { group, promise } = this.entries[i];
      if (group) group.failed(errors[i]);
      else markHandled(promise!);
    }
    this.rejectOutcome?.(errors);
  }

  /** Tells `flush()` callers, once the messages' own promises have settled (so their callbacks ran first). */
  settle(): void {
    const waiters = this.waiters;
    if (!waiters) return;
    const notify = () => waiters.forEach((waiter) => waiter());
    if (this.outcome) this.outcome.then(notify, notify);
    else notify();
  }
}

/** The delivery deadline passed; fail() turns it into a message naming producer, cluster and topic. */
class DeliveryTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no acknowledgement within ${timeoutMs} ms`);
  }
}

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

  private readonly brokers: string[];
  private readonly acks: number;
  private readonly compression: ProducerDefinition['settings']['compression'];
  private readonly ackTimeoutMs: number;
  private readonly deliveryTimeoutMs: number;
  private readonly lingerMs: number;
  private readonly batchNumMessages: number;
  private readonly maxInFlight: number;
  private readonly encoderFor: (topic: string) => PayloadEncoder;
  private readonly stats = new ProducerStatisticsCollector();
  private readonly lingerElapsed = (): void => {
    this.linger = undefined;
    if (this.open) {
      this.due = true;
      this.pump();
    }
  };

  /** Batch accepting messages; sealed when full, when its linger time is up, or by a sync call. */
  private open?: Batch;
  /** Sealed batches waiting for a free in-flight slot, oldest first. */
  private readonly ready: Batch[] = [];
  private readonly inFlight = new Set<Batch>();
  /** The open batch should go as soon as a slot is free. */
  private due = false;
  /** Timer that makes the open batch due after `lingerMs` (an Immediate when it is 0). */
  private linger?: NodeJS.Timeout | NodeJS.Immediate;

  private connection?: Promise<void>;
  private connected = false;
  private closing?: Promise<void>;
  /** Transactions run one at a time per producer (Kafka allows one open transaction per transactional id). */
  private transactionTail: Promise<unknown> = Promise.resolve();

  constructor(
    definition: ProducerDefinition,
    private readonly driver: DriverProducer,
    private readonly monitor: KarafkaMonitor,
  ) {
    const settings = { ...DEFAULT_PRODUCER_SETTINGS, ...definition.settings };
    this.name = definition.name;
    this.cluster = definition.cluster.name;
    this.brokers = definition.cluster.config.connection.brokers;
    this.transactional = settings.transactionalId !== undefined;
    this.acks = settings.acks;
    this.compression = settings.compression;
    this.ackTimeoutMs = settings.ackTimeoutMs;
    this.deliveryTimeoutMs = settings.deliveryTimeoutMs;
    this.lingerMs = settings.lingerMs;
    this.batchNumMessages = settings.batchNumMessages;
    this.maxInFlight = settings.maxInFlightRequests;

    const encoder = createPayloadEncoder(definition.serializer);
    const topicEncoders = new Map(
      Object.entries(definition.topicSerializers).map(([topic, serializer]) => [
        topic,
        createPayloadEncoder(serializer),
      ]),
    );
    this.encoderFor =
      topicEncoders.size === 0 ? () => encoder : (topic) => topicEncoders.get(topic) ?? encoder;
  }

  /** Connects now (otherwise the first message connects). Safe to call repeatedly. */
  connect(): Promise<void> {
    if (this.closing) return Promise.reject(this.closedError());
    return this.ensureConnected();
  }

  /** Also used while closing: flushing may still need a connection. */
  private ensureConnected(): Promise<void> {
    this.connection ??= this.driver.connect().then(
      () => {
        this.connected = true;
      },
      (error: unknown) => {
        this.connection = undefined;
        throw new KafkaProduceError(
          M.connectFailed(this.name, this.cluster, this.brokers, reasonOf(error)),
          this.name,
          this.cluster,
          undefined,
          {
            cause: error,
          },
        );
      },
    );
    return this.connection;
  }

  /** Sends one message and resolves when the broker acknowledged it. */
  produceSync(message: ProduceMessage): Promise<DeliveryReport> {
    const pending = this.prepare(message, undefined, 0);
    if (pending instanceof KafkaProduceError) return refused(pending);
    this.add(pending);
    this.produced(pending.topic, 1, 'sync');
    this.sendNow();
    return pending.promise!;
  }

  /** Enqueues one message now; the promise resolves when it is acknowledged. No need to await it: a failure
   * is also published as `error.occurred` (and logged by the default listener). */
  produceAsync(message: ProduceMessage): Promise<DeliveryReport> {
    const pending = this.prepare(message, undefined, 0);
    if (pending instanceof KafkaProduceError) return refused(pending);
    this.add(pending);
    this.produced(pending.topic, 1, 'async');
    this.schedule();
    return pending.promise!;
  }

  /** Sends many messages at once (in as few requests as `batchNumMessages` allows) and waits for all acks. */
  produceManySync(messages: ProduceMessage[]): Promise<DeliveryReport[]> {
    const delivery = this.enqueueMany(messages, 'sync');
    this.sendNow();
    return delivery;
  }

  /** Enqueues many messages now; the promise resolves with every report once all are acknowledged. */
  produceManyAsync(messages: ProduceMessage[]): Promise<DeliveryReport[]> {
    const delivery = this.enqueueMany(messages, 'async');
    this.schedule();
    return delivery;
  }

  /** Resolves once everything enqueued so far is acknowledged or failed. Never rejects. */
  flush(): Promise<void> {
    const pending = [...this.ready, ...this.inFlight];
    if (this.open) pending.push(this.open);
    if (pending.length === 0) return Promise.resolve();
    const flushed = new Promise<void>((resolve) => {
      let left = pending.length;
      const done = () => {
        if (--left === 0) resolve();
      };
      for (const batch of pending) (batch.waiters ??= []).push(done);
    });
    this.sendNow();
    return flushed;
  }

  /**
   * Runs `work` in a Kafka transaction: committed when it returns, aborted when it throws (or when one of its
   * sends failed). Only for producers configured with a `'transactional.id'`; transactions of one producer
   * run one after another.
   */
  transaction<T>(work: (tx: KafkaTransaction) => Promise<T>): Promise<T> {
    if (!this.transactional) {
      return Promise.reject(
        new KafkaProduceError(M.notTransactional(this.name, this.cluster), this.name, this.cluster),
      );
    }
    if (this.closing) return Promise.reject(this.closedError());
    const run = () => this.runTransaction(work);
    const result = this.transactionTail.then(run, run);
    this.transactionTail = result.catch(() => undefined);
    return result;
  }

  /** Counters since start; latency percentiles of the current statistics window. */
  statistics(): ProducerStatistics {
    return this.stats.snapshot();
  }

  /** Publishes `statistics.emitted` (if anyone listens) and starts a new latency window. */
  emitStatistics(): void {
    if (!this.monitor.hasListeners('statistics.emitted')) return;
    this.monitor.emit('statistics.emitted', {
      producer: this.name,
      cluster: this.cluster,
      statistics: this.stats.snapshot(true),
    });
  }

  /** Stops accepting messages, waits for running transactions and everything enqueued, then disconnects. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    await this.transactionTail;
    await this.flush();
    if (!this.connection) return;
    const stillConnecting = !this.connected;
    this.connected = false;
    await this.driver
      .disconnect()
      .catch((error: unknown) => Promise.reject(this.failure(M.disconnectFailed, error)));
    // The driver keeps retrying a connect that was under way (e.g. to a cluster that is down) and does not
    // stop when told to disconnect; if it succeeds later, that connection is closed too.
    if (stillConnecting) this.connection.then(() => this.driver.disconnect()).catch(() => undefined);
  }

  // -------------------------------------------------------------------------------------------- queueing

  private enqueueMany(messages: ProduceMessage[], mode: Mode): Promise<DeliveryReport[]> {
    const delivery = new ManyDelivery(messages.length);
    const prepared = this.prepareAll(messages, delivery);
    if (prepared instanceof KafkaProduceError) return refused(prepared);
    for (const pending of prepared) this.add(pending);
    if (this.monitor.hasListeners('message.produced')) {
      const counts = new Map<string, number>();
      for (const { topic } of prepared) counts.set(topic, (counts.get(topic) ?? 0) + 1);
      for (const [topic, count] of counts) this.produced(topic, count, mode);
    }
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
      if (pending instanceof KafkaProduceError) return pending;
      prepared[i] = pending;
    }
    return prepared;
  }

  /** The message as a queued record, or the error that refuses it (already published on the monitor). */
  private prepare(
    message: ProduceMessage,
    group: ManyDelivery | undefined,
    index: number,
  ): Pending | KafkaProduceError {
    const topic: unknown = message?.topic;
    let refusal: KafkaProduceError;
    if (this.closing) {
      refusal = this.closedError();
    } else {
      try {
        return new Pending(this.toRecord(message), message.topic, group, index);
      } catch (error) {
        refusal = new KafkaProduceError(
          M.invalidMessage(this.name, this.cluster, topic, reasonOf(error)),
          this.name,
          this.cluster,
          typeof topic === 'string' && topic !== '' ? topic : undefined,
          { cause: error },
        );
      }
    }
    this.reportError(refusal, refusal.topic);
    return refusal;
  }

  private toRecord(message: ProduceMessage): DriverRecord {
    if (typeof message !== 'object' || message === null) throw new Error('a message must be an object');
    const { topic, key } = message;
    if (typeof topic !== 'string' || topic === '') throw new Error(M.noTopic(topic));
    if (key !== undefined && key !== null && typeof key !== 'string' && !Buffer.isBuffer(key)) {
      throw new Error(`key must be a string, a Buffer or null, got ${typeof key}`);
    }
    return {
      key: key ?? null,
      value: this.encoderFor(topic)(message.payload, topic),
      partition: message.partition,
      headers: message.headers,
      timestamp: message.timestamp === undefined ? undefined : toTimestamp(message.timestamp),
    };
  }

  private add(pending: Pending): void {
    this.countSent(pending.record);
    const batch = (this.open ??= new Batch(performance.now()));
    batch.push(pending);
    if (batch.entries.length >= this.batchNumMessages) {
      this.sealOpen();
      this.ready.push(batch);
      this.pump();
    }
  }

  private countSent(record: DriverRecord): void {
    this.stats.sent++;
    this.stats.bytes += byteLength(record.value) + byteLength(record.key);
  }

  /** Async path: make sure the open batch goes out after its linger time. */
  private schedule(): void {
    if (!this.open || this.linger) return;
    this.linger =
      this.lingerMs > 0 ? setTimeout(this.lingerElapsed, this.lingerMs) : setImmediate(this.lingerElapsed);
  }

  /** The open batch stops accepting messages; its linger timer has no purpose any more. */
  private sealOpen(): void {
    this.open = undefined;
    this.due = false;
    if (this.linger) {
      if (this.lingerMs > 0) clearTimeout(this.linger as NodeJS.Timeout);
      else clearImmediate(this.linger as NodeJS.Immediate);
      this.linger = undefined;
    }
  }

  /** Sync path (and flush): the open batch goes as soon as a slot is free. */
  private sendNow(): void {
    if (this.open) this.due = true;
    this.pump();
  }

  /** Fills free in-flight slots: sealed batches first, then the open one if it is due. */
  private pump(): void {
    while (this.inFlight.size < this.maxInFlight) {
      let batch = this.ready.shift();
      if (!batch) {
        if (!this.due || !this.open) break;
        batch = this.open;
        this.sealOpen();
      }
      void this.send(batch);
    }
  }

  // -------------------------------------------------------------------------------------------- sending

  private async send(batch: Batch): Promise<void> {
    this.inFlight.add(batch);
    try {
      const metadata = await this.withDeadline(() => this.deliver(batch.entries), batch.openedAt);
      batch.delivered(this.acknowledge(batch.entries, metadata, performance.now() - batch.openedAt));
    } catch (error) {
      batch.failed(this.fail(batch.entries, error));
    } finally {
      this.inFlight.delete(batch);
      batch.settle();
      this.pump();
    }
  }

  private async deliver(entries: Pending[]): Promise<DriverRecordMetadata[]> {
    if (!this.connected) await this.ensureConnected();
    return this.driver.sendBatch({
      topicMessages: groupByTopic(entries),
      acks: this.acks,
      timeout: this.ackTimeoutMs,
      compression: this.compression,
    });
  }

  /**
   * Bounds a delivery by `deliveryTimeoutMs` from `startedAt`; a late answer is ignored. Messages whose time
   * ran out while they waited for a free slot fail without being sent.
   */
  private withDeadline<T>(start: () => Promise<T>, startedAt: number): Promise<T> {
    const remaining = this.deliveryTimeoutMs - (performance.now() - startedAt);
    if (remaining <= 0) return Promise.reject(new DeliveryTimeout(this.deliveryTimeoutMs));
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new DeliveryTimeout(this.deliveryTimeoutMs)), remaining);
      start().then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  /** Counts and publishes an acknowledged request; returns each message's report, by position. */
  private acknowledge(
    entries: ReadonlyArray<Pending>,
    metadata: DriverRecordMetadata[],
    latencyMs: number,
  ): DeliveryReport[] {
    const { reports, partitions } = toDeliveryReports(entries, metadata);
    this.stats.acknowledged(entries.length, latencyMs);
    if (this.monitor.hasListeners('message.acknowledged')) {
      for (const { topic, partition, offset, count } of partitions) {
        this.monitor.emit('message.acknowledged', {
          producer: this.name,
          cluster: this.cluster,
          topic,
          partition,
          offset,
          count,
          latencyMs,
        });
      }
    }
    return reports;
  }

  /** Counts and publishes a failed request; returns each message's error (one per topic), by position. */
  private fail(entries: ReadonlyArray<Pending>, cause: unknown): KafkaProduceError[] {
    this.stats.failed += entries.length;
    const byTopic = new Map<string, KafkaProduceError>();
    const errors = entries.map(({ topic }) => {
      let error = byTopic.get(topic);
      if (!error) byTopic.set(topic, (error = this.deliveryError(topic, cause)));
      return error;
    });
    for (const [topic, error] of byTopic) this.reportError(error, topic);
    return errors;
  }

  private deliveryError(topic: string, cause: unknown): KafkaProduceError {
    const message =
      cause instanceof DeliveryTimeout
        ? M.deliveryTimedOut(this.name, this.cluster, this.brokers, topic, cause.timeoutMs)
        : M.deliveryFailed(this.name, this.cluster, topic, reasonOf(cause));
    return new KafkaProduceError(message, this.name, this.cluster, topic, { cause });
  }

  private reportError(error: Error, topic: string | undefined): void {
    if (!this.monitor.hasListeners('error.occurred')) return;
    this.monitor.emit('error.occurred', {
      type: 'producer',
      error,
      producer: this.name,
      cluster: this.cluster,
      topic,
    });
  }

  private produced(topic: string, count: number, mode: Mode): void {
    if (!this.monitor.hasListeners('message.produced')) return;
    this.monitor.emit('message.produced', { producer: this.name, cluster: this.cluster, topic, count, mode });
  }

  private closedError(): KafkaProduceError {
    return new KafkaProduceError(M.closed(this.name, this.cluster), this.name, this.cluster);
  }

  // -------------------------------------------------------------------------------------------- transactions

  private async runTransaction<T>(work: (tx: KafkaTransaction) => Promise<T>): Promise<T> {
    if (!this.connected) await this.ensureConnected();
    const driverTx = await this.driver
      .transaction()
      .catch((error: unknown) => Promise.reject(this.failure(M.transactionStartFailed, error)));
    let active = true;
    const sends: Array<Promise<unknown>> = [];
    const send = (messages: ProduceMessage[]): Promise<DeliveryReport[]> => {
      if (!active) {
        return Promise.reject(
          new KafkaProduceError(M.transactionEnded(this.name, this.cluster), this.name, this.cluster),
        );
      }
      const sent = this.sendInTransaction(driverTx, messages);
      sends.push(sent);
      return sent;
    };
    const tx: KafkaTransaction = {
      produceSync: (message) => send([message]).then((reports) => reports[0]),
      produceManySync: (messages) => send(messages),
    };

    try {
      const result = await work(tx);
      // A send the callback did not await still belongs to this transaction; a failed one aborts it.
      await Promise.all(sends);
      active = false;
      await driverTx.commit().catch((error: unknown) => Promise.reject(this.failure(M.commitFailed, error)));
      return result;
    } catch (error) {
      active = false;
      await Promise.allSettled(sends);
      await driverTx
        .abort()
        .catch((abortError: unknown) => this.reportError(this.failure(M.abortFailed, abortError), undefined));
      throw error;
    }
  }

  private failure(
    text: (producer: string, cluster: string, reason: string) => string,
    cause: unknown,
  ): KafkaProduceError {
    return new KafkaProduceError(
      text(this.name, this.cluster, reasonOf(cause)),
      this.name,
      this.cluster,
      undefined,
      { cause },
    );
  }

  private async sendInTransaction(
    driverTx: DriverTransaction,
    messages: ProduceMessage[],
  ): Promise<DeliveryReport[]> {
    const prepared = this.prepareAll(messages, undefined);
    if (prepared instanceof KafkaProduceError) throw prepared;
    for (const { record } of prepared) this.countSent(record);
    const startedAt = performance.now();
    const topicMessages = groupByTopic(prepared);
    for (const { topic, messages: records } of topicMessages)
      this.produced(topic, records.length, 'transaction');
    try {
      const metadata = await this.withDeadline(
        () =>
          Promise.all(
            topicMessages.map(({ topic, messages: records }) =>
              driverTx.send({ topic, messages: records, acks: -1, timeout: this.ackTimeoutMs }),
            ),
          ),
        startedAt,
      );
      return this.acknowledge(prepared, metadata.flat(), performance.now() - startedAt);
    } catch (error) {
      throw this.fail(prepared, error)[0];
    }
  }
}

/** Records per topic, in order: the driver sends all topics of a batch in one request per broker. */
function groupByTopic(entries: ReadonlyArray<Pending>): Array<{ topic: string; messages: DriverRecord[] }> {
  const groups: Array<{ topic: string; messages: DriverRecord[] }> = [];
  let current: DriverRecord[] | undefined;
  let currentTopic: string | undefined;
  for (const { topic, record } of entries) {
    if (topic !== currentTopic) {
      currentTopic = topic;
      current = groups.find((group) => group.topic === topic)?.messages;
      if (!current) groups.push({ topic, messages: (current = []) });
    }
    current!.push(record);
  }
  return groups;
}

function byteLength(value: Buffer | string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}

function toTimestamp(timestamp: Date | number | string): string {
  const ms = timestamp instanceof Date ? timestamp.getTime() : Number(timestamp);
  if (!Number.isFinite(ms)) throw new Error(`timestamp ${String(timestamp)} is not a date or a number of ms`);
  return String(Math.trunc(ms));
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
