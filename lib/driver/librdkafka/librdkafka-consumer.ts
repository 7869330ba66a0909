import type * as Rdkafka from '@confluentinc/kafka-javascript';
import type { ConsumerSettings } from '../../config/kafka-config.types';
import { DriverError } from '../driver-error';
import { DriverListeners } from '../driver-listeners';
import type {
  DriverBatchControl,
  DriverConsumer,
  DriverConsumerEvent,
  DriverConsumerEvents,
  DriverFetchedMessage,
  DriverLogEntry,
  DriverTopicPartitionOffset,
  Headers,
} from '../kafka-driver.port';
import { definedKeys, type RdkafkaConfig } from './librdkafka-config';
import { rdkafkaCall, toDriverError } from './librdkafka-errors';
import { connectClient } from './librdkafka-log';
import type { RdkafkaModule } from './load-librdkafka';

const ASSIGN_PARTITIONS = -175;
const REVOKE_PARTITIONS = -174;
/**
 * librdkafka's ERR__ALL_BROKERS_DOWN (-187): every broker of the cluster is unreachable. The binding hands error
 * events over with their text only (code -1), as "Local: All broker connections are down" or, where the error is
 * an `Error` of this realm, cut to "all broker connections are down": the text tells it either way.
 */
const ALL_BROKERS_DOWN = /(^|: )all broker connections are down$/i;

/** Whether a client error event says that the whole cluster is out of reach (see ALL_BROKERS_DOWN). */
export function reportsOutage(error: { message: string }): boolean {
  return ALL_BROKERS_DOWN.test(error.message);
}
/** Messages one poll hands over at most; they come from librdkafka's prefetch queue, already fetched. */
const POLL_MESSAGES = 1000;
/** Messages queued for the handlers past which polling waits for them. */
const MAX_QUEUED = 5000;
/** How long one poll waits for a first message: also how soon a stop or a resume is noticed when idle. */
const POLL_WAIT_MS = 100;
const SEEK_TIMEOUT_MS = 10_000;
const ASSIGN_TIMEOUT_MS = 10_000;
/** 100, 200, 400, 800, 1600 ms between attempts: about 3 s in all. */
const SUBSCRIBE_ATTEMPTS = 6;
/** During an outage, how often and how long the cluster is asked whether it answers again. */
const PROBE_INTERVAL_MS = 1000;
const PROBE_TIMEOUT_MS = 1000;
/** librdkafka's default `max.partition.fetch.bytes`. */
const DEFAULT_PARTITION_FETCH_BYTES = 1_048_576;

/** The librdkafka keys of a consumer's settings (its connection's are given apart). */
export function toRdkafkaConsumerConfig(
  settings: ConsumerSettings & { groupId: string },
  fromBeginning: boolean,
): RdkafkaConfig {
  return {
    'group.id': settings.groupId,
    // Offsets are stored and committed by this driver only, for what the library resolved.
    'enable.auto.commit': false,
    'enable.auto.offset.store': false,
    'auto.offset.reset': fromBeginning ? 'earliest' : 'latest',
    'isolation.level': settings.readUncommitted ? 'read_uncommitted' : 'read_committed',
    // kafkajs' default, so a group subscribed before its topic's first message finds it (a broker that
    // auto-creates topics creates it on the subscription's metadata request).
    'allow.auto.create.topics': settings.allowAutoTopicCreation ?? true,
    // librdkafka's 10 s, jittered up to +50%, would let a cluster that is back wait up to 15 s for its consumer;
    // 5 s keeps the library's word (a returning cluster is consumed from again within 10 s, DEFAULT_RECONNECT).
    'reconnect.backoff.max.ms': 5000,
    ...definedKeys({
      'session.timeout.ms': settings.sessionTimeout,
      // librdkafka sends max.poll.interval.ms as the group's rebalance timeout.
      'max.poll.interval.ms': settings.rebalanceTimeout,
      'heartbeat.interval.ms': settings.heartbeatInterval,
      'fetch.max.bytes': settings.maxBytes,
      'max.partition.fetch.bytes': settings.maxBytesPerPartition,
      'fetch.min.bytes': settings.minBytes,
      'fetch.wait.max.ms': settings.maxWaitTimeInMs,
      'client.rack': settings.rackId,
      'topic.metadata.refresh.interval.ms': settings.metadataMaxAge,
    }),
  };
}

/** librdkafka's message in the port's shape. A repeated header keeps its last value, as with kafkajs. */
export function toFetchedMessage(message: Rdkafka.Message): DriverFetchedMessage {
  const headers: Headers = {};
  if (message.headers) {
    for (const header of message.headers) {
      for (const key in header) headers[key] = header[key];
    }
  }
  const key = message.key;
  return {
    key: key === undefined || key === null ? null : typeof key === 'string' ? Buffer.from(key) : key,
    value: message.value,
    headers,
    offset: String(message.offset),
    timestamp: String(message.timestamp ?? -1),
  };
}

/**
 * How many of a partition's queued messages one batch takes: as much as one kafkajs fetch of the partition
 * holds (`max.partition.fetch.bytes` of keys and values), and at least one message. A batch is committed when
 * it is done, so this bounds what a crash redelivers as it does with kafkajs; librdkafka's prefetch queue
 * alone would hand over everything fetched meanwhile.
 */
export function batchLength(queue: readonly DriverFetchedMessage[], maxBytes: number): number {
  let bytes = 0;
  for (let taken = 0; taken < queue.length; taken++) {
    const { key, value } = queue[taken];
    bytes += (key?.length ?? 0) + (value?.length ?? 0);
    if (bytes > maxBytes) return Math.max(taken, 1);
  }
  return queue.length;
}

/** Where one assigned partition stands: kafkajs' offset manager in small, as the in-memory driver keeps it. */
interface Position {
  topic: string;
  partition: number;
  /** Next offset to hand to the handler; unknown until the first message after the assignment. */
  next?: number;
  /** Highest offset resolved and not yet committed. */
  resolved?: number;
  committed?: number;
  paused: boolean;
  /**
   * librdkafka must fetch from `next` again (messages after it were fetched but not handled); until that seek
   * is done, the partition's polled messages are dropped.
   */
  rewind: boolean;
  /** A seek asked for, applied before the next poll; the batch in progress is stale meanwhile. */
  seek?: number;
  /** The partition is being revoked: its batch in progress is stale. */
  revoked: boolean;
  /** Polled messages waiting for the partition's handler. */
  queue: DriverFetchedMessage[];
  /** The batch being handled now, if any. */
  handling?: Promise<void>;
}

interface RunArgs {
  eachBatch: (control: DriverBatchControl) => Promise<void>;
  partitionsConsumedConcurrently?: number;
}

const tpKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/**
 * The port's consumer over librdkafka's `KafkaConsumer` (native API): the kafkajs consumer's contract as the
 * port states it.
 * - One loop polls librdkafka's prefetch queue and queues each partition's messages; each partition's handler
 *   takes what is queued as batches of at most one fetch's bytes (`batchLength`), partitions in parallel up to
 *   `partitionsConsumedConcurrently`, each in order. Polling goes on while handlers run, until enough is queued.
 * - Nothing is stored or committed automatically; what a batch did not resolve is fetched again (a seek back).
 * - Seeks and resumes are applied between polls, never while one is under way, so no poll returns messages from
 *   before one of them; until then the partition's messages are dropped.
 * - A revoke waits for the revoked partitions' batches in progress, commits what they resolved, then gives the
 *   partitions up.
 * - Heartbeats are librdkafka's own (a background thread), so `heartbeat()` has nothing to send.
 * - librdkafka's built-in assignors are subscription-aware: subscription groups sharing a group id need nothing
 *   more (kafkajs' need a custom assigner).
 * - A whole cluster out of reach is reported as a crash the consumer recovers from by itself, and its return
 *   as a join (librdkafka keeps the client, reconnects, and keeps the membership when it can).
 */
export class LibrdkafkaConsumer implements DriverConsumer {
  private consumer?: Rdkafka.KafkaConsumer;
  /**
   * Every broker is down: reported once as a crash librdkafka recovers from by itself (it reconnects and keeps
   * the membership), until the cluster answers again.
   */
  private outage = false;
  private probing = false;
  private nextProbeAt = 0;
  private readonly listeners = new DriverListeners<DriverConsumerEvents>();
  private readonly positions = new Map<string, Position>();
  private running = false;
  private loop?: Promise<void>;
  private revoking: Promise<void> = Promise.resolve();
  private pending = false;
  /** Partitions paused in librdkafka now, by key. */
  private readonly pausedNatively = new Set<string>();
  /** Handlers running now. */
  private active = 0;
  private concurrency = 1;
  private eachBatch?: RunArgs['eachBatch'];
  /** Wakes the poll loop waiting for room (a handler finished). */
  private wake?: () => void;
  /** `disconnect()` is closing the client: librdkafka's close revokes the assignment through the callback. */
  private closing = false;
  /** Where a partition without a committed offset starts (`subscribe`'s `fromBeginning`). */
  private fromBeginning = false;
  /** The subscribed topics, for the outage probe of a member without partitions. */
  private topics: string[] = [];
  private readonly batchBytes: number;

  constructor(
    private readonly rdkafka: RdkafkaModule,
    private readonly connection: RdkafkaConfig,
    private readonly settings: ConsumerSettings & { groupId: string },
    private readonly log: (entry: DriverLogEntry) => void,
  ) {
    assertTimeouts(settings);
    this.batchBytes = settings.maxBytesPerPartition ?? DEFAULT_PARTITION_FETCH_BYTES;
  }

  /** The client is created at `subscribe`, which knows where a group without offsets starts. */
  async connect(): Promise<void> {}

  async disconnect(): Promise<void> {
    // A stop under way (the runner disconnects while it drains) commits before the client closes.
    if (this.running) await this.stop();
    else await this.loop;
    const consumer = this.consumer;
    if (!consumer) return;
    this.closing = true;
    if (consumer.isConnected()) await rdkafkaCall((done) => consumer.disconnect(done));
    this.consumer = undefined;
    this.emit('disconnected', {});
  }

  async subscribe(args: { topics: string[]; fromBeginning: boolean }): Promise<void> {
    if (this.running) throw new DriverError('Cannot subscribe while the consumer is running', other());
    this.fromBeginning = args.fromBeginning;
    this.topics = [...args.topics];
    const consumer = this.consumer ?? (await this.open(args.fromBeginning));
    await this.awaitTopics(consumer, args.topics);
    consumer.subscribe(args.topics);
  }

  /**
   * As the kafkajs driver's subscribe: waits until every topic has partitions (a broker that auto-creates
   * topics creates one on this metadata request), about 3 s at most, then subscribes anyway. Joining without it, the group would take
   * the topic only at librdkafka's next metadata refresh, past what was written meanwhile.
   */
  private async awaitTopics(consumer: Rdkafka.KafkaConsumer, topics: string[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const missing: string[] = [];
      for (const topic of topics) {
        const metadata = await rdkafkaCall<Rdkafka.Metadata>((done) =>
          consumer.getMetadata({ topic, timeout: ASSIGN_TIMEOUT_MS }, done),
        ).catch(() => undefined);
        const found = metadata?.topics.find((t) => t.name === topic);
        if (!found || found.partitions.length === 0) missing.push(topic);
      }
      // Still missing, or not visible to this principal: the subscription goes on, and librdkafka reports why
      // (an unknown topic, a denied one) through the poll.
      if (missing.length === 0 || attempt >= SUBSCRIBE_ATTEMPTS) return;
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** (attempt - 1)));
    }
  }

  private async open(fromBeginning: boolean): Promise<Rdkafka.KafkaConsumer> {
    const consumer: Rdkafka.KafkaConsumer = new this.rdkafka.KafkaConsumer({
      ...this.connection,
      ...toRdkafkaConsumerConfig(this.settings, fromBeginning),
      event_cb: true,
      rebalance_cb: (error: Rdkafka.LibrdKafkaError, assignment: Rdkafka.TopicPartition[]) =>
        this.onRebalance(consumer, error, assignment),
      offset_commit_cb: (error: Rdkafka.LibrdKafkaError | undefined) => {
        if (error) this.logDriver('warn', 'Commit', `offset commit failed: ${error.message}`);
      },
    } as Rdkafka.ConsumerGlobalConfig);
    (consumer as unknown as NodeJS.EventEmitter).on('event.error', (error: Rdkafka.LibrdKafkaError) =>
      this.onClientError(error),
    );
    consumer.setDefaultConsumeTimeout(POLL_WAIT_MS);
    (
      consumer as unknown as { setDefaultIsTimeoutOnlyForFirstMessage(on: boolean): void }
    ).setDefaultIsTimeoutOnlyForFirstMessage(true);
    await connectClient(consumer, this.log, { groupId: this.settings.groupId });
    this.consumer = consumer;
    this.emit('connected', {});
    return consumer;
  }

  async run(args: RunArgs): Promise<void> {
    if (!this.consumer) throw new DriverError('The consumer is not subscribed to any topic', other());
    if (this.running) return;
    this.running = true;
    this.eachBatch = args.eachBatch;
    this.concurrency = Math.max(1, args.partitionsConsumedConcurrently ?? 1);
    this.loop = this.pollLoop(this.consumer);
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    await this.loop;
    this.emit('stopped', {});
  }

  async commitOffsets(offsets: DriverTopicPartitionOffset[]): Promise<void> {
    const consumer = this.requireConsumer();
    await commitAndWait(
      consumer,
      offsets.map(({ topic, partition, offset }) => ({ topic, partition, offset: Number(offset) })),
    );
  }

  seek(target: DriverTopicPartitionOffset): void {
    const position = this.positions.get(tpKey(target.topic, target.partition));
    // As kafkajs: a seek on a partition this member is not assigned is ignored.
    if (!position) return;
    position.seek = Number(target.offset);
    position.queue = [];
    this.pending = true;
  }

  pause(topics: Array<{ topic: string; partitions?: number[] }>): void {
    const consumer = this.consumer;
    for (const position of this.matching(topics)) {
      position.paused = true;
      position.queue = [];
      // Paused at once (a poll under way may still return some of its messages: they are dropped, and the
      // resume fetches them again).
      const key = tpKey(position.topic, position.partition);
      if (consumer && !this.pausedNatively.has(key)) {
        consumer.pause([{ topic: position.topic, partition: position.partition }]);
        this.pausedNatively.add(key);
      }
    }
  }

  resume(topics: Array<{ topic: string; partitions?: number[] }>): void {
    for (const position of this.matching(topics)) position.paused = false;
    this.pending = true;
  }

  on<E extends DriverConsumerEvent>(
    event: E,
    listener: (payload: DriverConsumerEvents[E]) => void,
  ): () => void {
    return this.listeners.on(event, listener);
  }

  // ── polling ────────────────────────────────────────────────────────────────────────────────────────────

  private async pollLoop(consumer: Rdkafka.KafkaConsumer): Promise<void> {
    while (this.running) {
      try {
        if (this.pending) await this.applyPending(consumer);
        if (this.queued() >= MAX_QUEUED) {
          await this.roomOrTimeout();
          continue;
        }
        const startedAt = Date.now();
        const messages = await rdkafkaCall<Rdkafka.Message[]>((done) =>
          consumer.consume(POLL_MESSAGES, done),
        );
        // librdkafka reports no return from an outage: the cluster answering a probe tells it.
        if (this.outage) this.probe(consumer);
        const partitions = this.enqueue(messages);
        this.emit('fetched', { batches: partitions, durationMs: Date.now() - startedAt });
        this.startHandlers(consumer);
      } catch (error) {
        const failure = toDriverError(error);
        const willRestart = failure.retriable && failure.kind !== 'other';
        this.emit('crashed', { error: failure, willRestart });
        if (!willRestart) {
          this.running = false;
          break;
        }
        await this.roomOrTimeout();
      }
    }
    await Promise.all([...this.positions.values()].map((position) => position.handling));
    await this.revoking;
    await this.commitAll(consumer).catch((error: unknown) =>
      this.logDriver('warn', 'Commit', `commit at stop failed: ${toDriverError(error).message}`),
    );
  }

  private queued(): number {
    let count = 0;
    for (const position of this.positions.values()) count += position.queue.length;
    return count;
  }

  /** Resolves when a handler finishes, or after one poll's wait at the latest. */
  private roomOrTimeout(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, POLL_WAIT_MS);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  /** Queues polled messages by partition, leaving out those a pause, seek, rewind or revoke made stale. */
  private enqueue(messages: Rdkafka.Message[]): number {
    const touched = new Set<Position>();
    // A poll returns each partition's messages in runs: the position is looked up once per run.
    let position: Position | undefined;
    for (const message of messages) {
      if (position?.topic !== message.topic || position.partition !== message.partition)
        position = this.positions.get(tpKey(message.topic, message.partition));
      // What a pause, a seek or a rewind left behind is fetched again once they are applied.
      if (!position || position.revoked || position.paused || position.seek !== undefined || position.rewind)
        continue;
      if (position.next !== undefined && message.offset < position.next) continue;
      position.next ??= message.offset;
      position.queue.push(toFetchedMessage(message));
      touched.add(position);
    }
    return touched.size;
  }

  /** Starts a handler for each idle partition with queued messages, up to the concurrency. */
  private startHandlers(consumer: Rdkafka.KafkaConsumer): void {
    for (const position of this.positions.values()) {
      if (this.active >= this.concurrency) return;
      if (position.handling || position.queue.length === 0 || !this.running) continue;
      const taken = batchLength(position.queue, this.batchBytes);
      const messages = position.queue;
      position.queue = taken === messages.length ? [] : messages.splice(taken);
      this.active += 1;
      position.handling = this.handle(consumer, position, messages)
        .catch((error: unknown) => {
          // As kafkajs after a handler threw: what was resolved is committed, the rest is fetched again.
          position.rewind = true;
          position.queue = [];
          this.pending = true;
          this.emit('crashed', { error: toDriverError(error), willRestart: true });
        })
        .finally(() => {
          this.active -= 1;
          position.handling = undefined;
          this.startHandlers(consumer);
          this.wake?.();
        });
    }
  }

  private async handle(
    consumer: Rdkafka.KafkaConsumer,
    position: Position,
    messages: DriverFetchedMessage[],
  ): Promise<void> {
    const { topic, partition } = position;
    try {
      await (this.eachBatch as RunArgs['eachBatch'])({
        batch: { topic, partition, highWatermark: this.highWatermark(consumer, position), messages },
        resolveOffset: (offset) => {
          const resolved = Number(offset);
          if (position.resolved === undefined || resolved > position.resolved) position.resolved = resolved;
        },
        commitOffsetsIfNecessary: () => this.commit(consumer, position, true),
        heartbeat: async () => {
          if (position.revoked) {
            throw new DriverError('The group is rebalancing: this partition is being revoked', {
              kind: 'other',
              retriable: true,
              type: 'REBALANCE_IN_PROGRESS',
            });
          }
        },
        pause: () => {
          this.pause([{ topic, partitions: [partition] }]);
          return () => this.resume([{ topic, partitions: [partition] }]);
        },
        isRunning: () => this.running,
        isStale: () => position.revoked || position.seek !== undefined,
      });
    } finally {
      const last = Number(messages[messages.length - 1].offset);
      if (position.seek === undefined) {
        if (position.resolved !== undefined && position.resolved + 1 > (position.next ?? 0))
          position.next = position.resolved + 1;
        // Not all of it was resolved: what follows is fetched again from the first one that was not.
        if ((position.next ?? 0) <= last) {
          position.queue = [];
          position.rewind = true;
          this.pending = true;
        }
      }
      await this.commit(consumer, position, false);
    }
  }

  private highWatermark(consumer: Rdkafka.KafkaConsumer, { topic, partition }: Position): string {
    try {
      return String(consumer.getWatermarkOffsets(topic, partition).highOffset);
    } catch {
      return '-1';
    }
  }

  /**
   * Commits the partition's resolved offset if it moved. After a batch the commit is sent without waiting
   * (librdkafka keeps commits in order); an explicit commit, a revoke and a stop wait for theirs.
   */
  private async commit(consumer: Rdkafka.KafkaConsumer, position: Position, wait: boolean): Promise<void> {
    const { resolved } = position;
    if (resolved === undefined || resolved === position.committed) return;
    position.committed = resolved;
    const offsets = [{ topic: position.topic, partition: position.partition, offset: resolved + 1 }];
    if (wait) await commitAndWait(consumer, offsets);
    else consumer.commit(offsets);
  }

  private async commitAll(
    consumer: Rdkafka.KafkaConsumer,
    positions = [...this.positions.values()],
  ): Promise<void> {
    const offsets: Rdkafka.TopicPartitionOffset[] = [];
    for (const position of positions) {
      if (position.resolved === undefined) continue;
      offsets.push({ topic: position.topic, partition: position.partition, offset: position.resolved + 1 });
      position.committed = position.resolved;
    }
    if (offsets.length > 0 && consumer.isConnected()) await commitAndWait(consumer, offsets);
  }

  /** Seeks, resumes and rewinds asked for since the last poll, while no poll is under way. */
  private async applyPending(consumer: Rdkafka.KafkaConsumer): Promise<void> {
    this.pending = false;
    const seeks: Array<Promise<void>> = [];
    for (const [key, position] of this.positions) {
      const tp = { topic: position.topic, partition: position.partition };
      if (!position.paused && this.pausedNatively.has(key)) {
        consumer.resume([tp]);
        this.pausedNatively.delete(key);
        // librdkafka resumes after the last message it handed over, which the pause left unhandled.
        position.rewind = position.next !== undefined;
      }
      if (position.handling) {
        // Its batch decides where it goes on; the loop comes back here once the batch is done.
        if (position.seek !== undefined || position.rewind) this.pending = true;
        continue;
      }
      if (position.seek !== undefined) {
        // As kafkajs with auto-commit: a seek's offset is committed before fetching from it.
        const offset = position.seek;
        position.next = offset;
        position.resolved = undefined;
        position.committed = undefined;
        seeks.push(
          commitAndWait(consumer, [{ ...tp, offset }])
            .then(() => this.seekTo(consumer, { ...tp, offset }))
            .then(() => {
              if (position.seek === offset) position.seek = undefined;
              position.rewind = false;
            }),
        );
      } else if (position.rewind && !position.paused) {
        if (position.next === undefined) {
          position.rewind = false;
          continue;
        }
        const offset = position.next;
        seeks.push(this.seekTo(consumer, { ...tp, offset }).then(() => void (position.rewind = false)));
      }
    }
    await Promise.all(seeks);
  }

  private seekTo(consumer: Rdkafka.KafkaConsumer, target: Rdkafka.TopicPartitionOffset): Promise<void> {
    return rdkafkaCall((done) => consumer.seek(target, SEEK_TIMEOUT_MS, done));
  }

  // ── outages ────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * librdkafka only polls empty while its cluster is gone, and says so as an error event: the runner learns of
   * the outage from it, once per outage. Single lost connections (TRANSPORT) are not one: librdkafka reconnects,
   * and an idle connection the broker closed is reported the same way.
   */
  private onClientError(error: Rdkafka.LibrdKafkaError): void {
    if (!reportsOutage(error) || !this.running || this.closing || this.outage) return;
    this.outage = true;
    this.nextProbeAt = Date.now() + PROBE_INTERVAL_MS;
    this.emit('crashed', { error: toDriverError(error), willRestart: true });
  }

  /**
   * Asks the cluster, at most one question at a time: the group coordinator for the assigned partitions'
   * committed offsets (it answers once the group is served again), or any broker for metadata without any.
   */
  private probe(consumer: Rdkafka.KafkaConsumer): void {
    if (this.probing || Date.now() < this.nextProbeAt) return;
    this.probing = true;
    const assigned = [...this.positions.values()].map(({ topic, partition }) => ({ topic, partition }));
    const answered =
      assigned.length > 0
        ? rdkafkaCall((done) => consumer.committed(assigned, PROBE_TIMEOUT_MS, done))
        : rdkafkaCall((done) =>
            consumer.getMetadata({ topic: this.topics[0], timeout: PROBE_TIMEOUT_MS }, done),
          );
    answered
      .then(
        () => this.recovered(),
        () => undefined,
      )
      .finally(() => {
        this.probing = false;
        this.nextProbeAt = Date.now() + PROBE_INTERVAL_MS;
      });
  }

  /** The cluster answers again with the membership kept: the runner is told the group is joined as it was. */
  private recovered(): void {
    if (!this.outage) return;
    this.outage = false;
    if (!this.running || this.closing) return;
    this.emit('joined', { assignment: this.assignmentByTopic() });
  }

  private assignmentByTopic(): Record<string, number[]> {
    const byTopic: Record<string, number[]> = {};
    for (const { topic, partition } of this.positions.values()) (byTopic[topic] ??= []).push(partition);
    return byTopic;
  }

  // ── the group ──────────────────────────────────────────────────────────────────────────────────────────

  private onRebalance(
    consumer: Rdkafka.KafkaConsumer,
    error: Rdkafka.LibrdKafkaError | undefined,
    assignment: Rdkafka.TopicPartition[],
  ): void {
    if (this.closing) {
      // stop() has committed; the close waits for the partitions to be given up.
      if (error?.code === REVOKE_PARTITIONS) consumer.unassign();
      return;
    }
    if (error?.code === ASSIGN_PARTITIONS) {
      void this.assignAtStart(consumer, assignment);
    } else if (error?.code === REVOKE_PARTITIONS) {
      this.emit('rebalancing', {});
      for (const position of this.positions.values()) {
        position.revoked = true;
        position.queue = [];
      }
      this.revoking = this.revoke(consumer);
    } else if (error) {
      this.logDriver('warn', 'Rebalance', `rebalance failed: ${error.message}`);
    }
  }

  /**
   * Takes the partitions at fixed offsets: the committed one, else the low or high watermark. librdkafka would
   * look up `auto.offset.reset` only when it first fetches, so a message written between the join (which the
   * runner reports as ready) and that look-up would be skipped with 'latest'. If the look-up fails, librdkafka's
   * own reset applies.
   */
  private async assignAtStart(
    consumer: Rdkafka.KafkaConsumer,
    assignment: Rdkafka.TopicPartition[],
  ): Promise<void> {
    let start: Rdkafka.TopicPartitionOffset[] | undefined;
    try {
      const committed = await rdkafkaCall<Rdkafka.TopicPartitionOffset[]>((done) =>
        consumer.committed(assignment, ASSIGN_TIMEOUT_MS, done),
      );
      start = await Promise.all(
        committed.map(async ({ topic, partition, offset }) => {
          if (offset >= 0) return { topic, partition, offset };
          const { lowOffset, highOffset } = await rdkafkaCall<Rdkafka.WatermarkOffsets>((done) =>
            consumer.queryWatermarkOffsets(topic, partition, ASSIGN_TIMEOUT_MS, done),
          );
          return { topic, partition, offset: this.fromBeginning ? lowOffset : highOffset };
        }),
      );
    } catch (error) {
      this.logDriver(
        'warn',
        'Rebalance',
        `start offsets not found, librdkafka resets: ${toDriverError(error).message}`,
      );
    }
    for (const { topic, partition } of assignment) {
      const at = start?.find((tp) => tp.topic === topic && tp.partition === partition);
      this.positions.set(tpKey(topic, partition), {
        topic,
        partition,
        next: at?.offset,
        paused: false,
        rewind: false,
        revoked: false,
        queue: [],
      });
    }
    if (this.closing || !consumer.isConnected()) return;
    consumer.assign(start ?? assignment);
    // A rejoin after an outage is its end too.
    this.outage = false;
    this.emit('joined', { assignment: this.assignmentByTopic() });
  }

  /** Lets the batches in progress end (they are stale), commits what they resolved, then unassigns. */
  private async revoke(consumer: Rdkafka.KafkaConsumer): Promise<void> {
    const revoked = [...this.positions.values()];
    await Promise.all(revoked.map((position) => position.handling));
    try {
      await this.commitAll(consumer, revoked);
    } catch (error) {
      this.logDriver('warn', 'Rebalance', `commit before the revoke failed: ${toDriverError(error).message}`);
    }
    this.positions.clear();
    this.pausedNatively.clear();
    if (consumer.isConnected()) consumer.unassign();
  }

  private matching(topics: Array<{ topic: string; partitions?: number[] }>): Position[] {
    const found: Position[] = [];
    for (const { topic, partitions } of topics) {
      for (const position of this.positions.values()) {
        if (position.topic === topic && (!partitions || partitions.includes(position.partition)))
          found.push(position);
      }
    }
    return found;
  }

  private requireConsumer(): Rdkafka.KafkaConsumer {
    if (!this.consumer) throw new DriverError('The consumer is not connected', other());
    return this.consumer;
  }

  private logDriver(level: DriverLogEntry['level'], namespace: string, message: string): void {
    this.log({ level, namespace, message, extra: { groupId: this.settings.groupId } });
  }

  private emit<E extends DriverConsumerEvent>(event: E, payload: DriverConsumerEvents[E]): void {
    this.listeners.emit(event, payload);
  }
}

/**
 * librdkafka checks these when the client starts, in its own key names; checked here at creation, as kafkajs
 * does, so a misconfigured group is refused at once in the library's names.
 */
function assertTimeouts({ sessionTimeout, heartbeatInterval, rebalanceTimeout }: ConsumerSettings): void {
  const refuse = (message: string) => {
    throw new DriverError(message, { kind: 'other', retriable: false });
  };
  if (heartbeatInterval !== undefined && sessionTimeout !== undefined && heartbeatInterval >= sessionTimeout)
    refuse(
      `Consumer heartbeatInterval (${heartbeatInterval}) must be lower than sessionTimeout (${sessionTimeout})`,
    );
  if (rebalanceTimeout !== undefined && sessionTimeout !== undefined && rebalanceTimeout < sessionTimeout)
    refuse(
      `Consumer rebalanceTimeout (${rebalanceTimeout}) must not be lower than sessionTimeout (${sessionTimeout})`,
    );
}

/** `commitCb` is in the binding (commits, then calls back) but not in its typings. */
function commitAndWait(
  consumer: Rdkafka.KafkaConsumer,
  offsets: Rdkafka.TopicPartitionOffset[],
): Promise<void> {
  const committing = consumer as unknown as {
    commitCb(offsets: Rdkafka.TopicPartitionOffset[], done: (error: unknown) => void): void;
  };
  return rdkafkaCall((done) => committing.commitCb(offsets, done));
}

function other(): { kind: 'other'; retriable: false } {
  return { kind: 'other', retriable: false };
}
