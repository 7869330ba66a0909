import { Logger } from '@nestjs/common';
import type {
  DriverBatchControl,
  DriverClient,
  DriverConsumer,
  DriverFetchedMessage,
} from '../driver/kafka-driver.port';
import type { KarafkaMonitor } from '../instrumentation/karafka-monitor';
import type { ConsumerErroredEvent } from '../instrumentation/monitor-events.interface';
import type { SubscriptionGroupDefinition, TopicRoute } from '../routing/routing-table.interface';
import type { ConsumeHandler } from './consumer-handler.factory';
import { buildDeadLetterRecord, describeError, type DeadLetterSink } from './dead-letter';
import { compilePayloadDecoder } from '../message/payload-decoder';
import {
  backoffDelay,
  decideFailureAction,
  isNonRetriable,
  invalidOffsetsOf,
  messagesAfterMarked,
  splitIntoChunks,
} from './failure-policy';
import { KafkaContext, type PartitionControl } from './kafka-context';
import { buildKafkaMessage, type MessageSource } from '../message/kafka-message.builder';

export type RunnerState = 'idle' | 'connecting' | 'running' | 'reconnecting' | 'stopping' | 'stopped';

/** A runner as seen by tests, health checks and the Web UI. */
export interface RunnerInfo {
  /** The subscription group's id. */
  id: string;
  cluster: string;
  brokers: string[];
  groupId: string;
  topics: string[];
  /** `running` = joined the consumer group and fetching. */
  state: RunnerState;
  /** Kafka consumers this runner currently owns (0 or 1). */
  consumers: number;
  /** Partitions assigned at the last group join, by topic. */
  assignment: Record<string, number[]>;
}

export interface RunnerOptions {
  /** Backoff of the connect/join loop while the cluster is unreachable. */
  reconnect?: { initialMs?: number; maxMs?: number };
  /** `start()` resolves at the latest after this long, even if the group has not joined yet. */
  startTimeoutMs?: number;
}

export interface SubscriptionGroupRunnerDeps {
  client: DriverClient;
  /** The handler of every topic of the group, resolved at bootstrap. */
  handlers: ReadonlyMap<string, ConsumeHandler>;
  monitor: KarafkaMonitor;
  deadLetterSink: DeadLetterSink;
  options?: RunnerOptions;
}

/** Everything about a topic the hot path needs, resolved once. */
interface TopicRuntime {
  route: TopicRoute;
  handler: ConsumeHandler;
  decode: MessageSource['decode'];
  maxRetries: number;
  deadLetterTopic?: string;
}

/** Retry bookkeeping and pause timer of one topic-partition. */
interface PartitionState {
  /** First message of the failing batch and how often it failed in a row. */
  failingOffset?: string;
  failures: number;
  resumeTimer?: NodeJS.Timeout;
  resumeAt: number;
}

/** One fetched batch of one topic-partition being processed. */
interface BatchScope {
  topic: TopicRuntime;
  source: MessageSource;
  control: DriverBatchControl;
  partition: PartitionState;
  partitionControl: PartitionControl;
}

// Like librdkafka's reconnect.backoff.ms / reconnect.backoff.max.ms: a cluster that is back is rejoined within 10 s.
const DEFAULT_RECONNECT = { initialMs: 1000, maxMs: 10000 };
const DEFAULT_START_TIMEOUT_MS = 30000;
const DISCONNECT_TIMEOUT_MS = 10000;

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Resolves true when `promise` settles within `ms`, false otherwise (the promise keeps running). */
function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  return Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    timeout,
  ]).finally(() => clearTimeout(timer));
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * One Kafka consumer for one subscription group (Karafka's "connection" + "processing"): subscribes the group's
 * topics, splits fetched batches into `consume` calls of at most `maxMessages`, commits after success, retries
 * with backoff by pausing the partition, dead-letters on the topic's own cluster, and keeps reconnecting while
 * the cluster is unreachable. Failures stay inside the runner: other runners never see them.
 */
export class SubscriptionGroupRunner {
  private readonly logger: Logger;
  private readonly topics = new Map<string, TopicRuntime>();
  private readonly partitions = new Map<string, Map<number, PartitionState>>();
  private readonly reconnect: { initialMs: number; maxMs: number };
  private readonly startTimeoutMs: number;

  private state: RunnerState = 'idle';
  private consumer: DriverConsumer | undefined;
  private assignment: Record<string, number[]> = {};
  private loop: Promise<void> | undefined;
  private started = deferred<void>();
  private stopSignal = deferred<void>();
  private stopping = false;
  /** Set when `stop` gave up waiting for an in-flight batch: its late result must not be committed. */
  private abandoned = false;
  private stopped: Promise<void> | undefined;

  constructor(
    readonly group: SubscriptionGroupDefinition,
    private readonly deps: SubscriptionGroupRunnerDeps,
  ) {
    this.logger = new Logger(`KarafkaConsumer ${group.id}`);
    this.reconnect = { ...DEFAULT_RECONNECT, ...deps.options?.reconnect };
    this.startTimeoutMs = deps.options?.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
    for (const route of group.topics) {
      const handler = deps.handlers.get(route.topic);
      if (!handler)
        throw new Error(
          `Subscription group ${group.id}: no handler for topic '${route.topic}' (${route.className})`,
        );
      this.topics.set(route.topic, {
        route,
        handler,
        decode: compilePayloadDecoder(route.deserializer, route.topic),
        maxRetries: route.deadLetterQueue?.maxRetries ?? route.retry.maxRetries,
        deadLetterTopic: route.deadLetterQueue?.topic,
      });
    }
  }

  get id(): string {
    return this.group.id;
  }

  info(): RunnerInfo {
    return {
      id: this.group.id,
      cluster: this.group.cluster.name,
      brokers: [...this.group.kafka.connection.brokers],
      groupId: this.group.groupId,
      topics: [...this.topics.keys()],
      state: this.state,
      consumers: this.consumer ? 1 : 0,
      assignment: { ...this.assignment },
    };
  }

  /**
   * Starts connecting and consuming in the background. Resolves when the group has joined, when the first
   * connection attempt failed (the runner keeps retrying), or after `startTimeoutMs`: never blocks bootstrap on
   * an unreachable cluster.
   */
  async start(): Promise<void> {
    if (this.loop) return;
    this.state = 'connecting';
    this.loop = this.supervise().catch((error: unknown) => {
      // Only a driver that rejects its own settings gets here: retrying cannot help, so say so and stay down.
      this.state = 'stopped';
      this.consumer = undefined;
      this.logger.error(`Cannot create a consumer for ${this.describeCluster()}: ${asError(error).message}`);
      this.publishError('connection', asError(error));
      this.started.resolve();
    });
    await settlesWithin(this.started.promise, this.startTimeoutMs);
  }

  /**
   * Stops fetching, lets the batch in progress finish and commit (at most `timeoutMs`), then disconnects.
   * Messages not handed to `consume` yet stay uncommitted and are delivered to the group's next member.
   */
  stop(timeoutMs: number): Promise<void> {
    this.stopped ??= this.drainAndDisconnect(timeoutMs);
    return this.stopped;
  }

  private async drainAndDisconnect(timeoutMs: number): Promise<void> {
    this.stopping = true;
    this.state = 'stopping';
    this.stopSignal.resolve();
    for (const byPartition of this.partitions.values()) {
      for (const partition of byPartition.values()) clearTimeout(partition.resumeTimer);
    }
    const consumer = this.consumer;
    if (consumer) {
      const drained = await settlesWithin(consumer.stop(), timeoutMs);
      if (!drained) {
        this.abandoned = true;
        this.logger.warn(
          `The batch in progress did not finish within ${timeoutMs} ms; leaving it behind. Its messages are not committed and will be delivered again.`,
        );
      }
      // Without a drain the driver only disconnects once the handler returns: do not wait for that.
      await settlesWithin(this.disconnect(consumer), drained ? DISCONNECT_TIMEOUT_MS : 0);
    }
    if (this.loop) await settlesWithin(this.loop, this.abandoned ? 0 : DISCONNECT_TIMEOUT_MS);
    this.consumer = undefined;
    this.state = 'stopped';
    this.logger.log(`Stopped (topics ${[...this.topics.keys()].join(', ')})`);
  }

  // ── connection ───────────────────────────────────────────────────────────────────────────────────────────

  private describeCluster(): string {
    return `cluster '${this.group.cluster.name}' (${this.group.kafka.connection.brokers.join(',')})`;
  }

  /** Connect → subscribe → run; on a failure the driver will not recover from, start over with backoff. */
  private async supervise(): Promise<void> {
    let attempts = 0;
    while (!this.stopping) {
      const consumer = this.deps.client.consumer({
        ...this.group.kafka.consumer,
        groupId: this.group.groupId,
        maxWaitTimeInMs: this.group.maxWaitTime,
      });
      this.consumer = consumer;
      const crashed = deferred<Error>();
      const listeners = [
        consumer.on('group.join', (payload) => {
          attempts = 0;
          this.onJoined(payload);
        }),
        consumer.on('crash', (payload) => this.onCrash(payload, crashed.resolve)),
      ];
      let failure: Error | undefined;
      try {
        await consumer.connect();
        if (!this.stopping) {
          await consumer.subscribe({
            topics: [...this.topics.keys()],
            fromBeginning: this.group.initialOffset === 'earliest',
          });
        }
        if (!this.stopping) {
          await consumer.run({
            eachBatch: (control) => this.processBatch(control),
            partitionsConsumedConcurrently: this.group.concurrency,
          });
          failure = await Promise.race([crashed.promise, this.stopSignal.promise.then(() => undefined)]);
        }
      } catch (error) {
        failure = asError(error);
      }
      for (const off of listeners) off();
      if (this.stopping) {
        // stop() drains and disconnects this consumer; a connect that completed after that is closed here.
        await this.disconnect(consumer);
        return;
      }
      attempts += 1;
      const delay = Math.min(this.reconnect.initialMs * 2 ** (attempts - 1), this.reconnect.maxMs);
      const reason = failure ?? new Error('the consumer stopped unexpectedly');
      this.state = 'reconnecting';
      this.consumer = undefined;
      this.assignment = {};
      this.logger.warn(
        `Cannot consume from ${this.describeCluster()}: ${reason.message}. Reconnecting in ${delay} ms (attempt ${attempts}).`,
      );
      this.publishError('connection', reason);
      this.started.resolve();
      await this.disconnect(consumer);
      await Promise.race([
        new Promise((resolve) => setTimeout(resolve, delay).unref()),
        this.stopSignal.promise,
      ]);
    }
  }

  private onJoined(payload: unknown): void {
    const wasReconnecting = this.state === 'reconnecting';
    this.state = this.stopping ? 'stopping' : 'running';
    this.assignment = (payload as { memberAssignment?: Record<string, number[]> })?.memberAssignment ?? {};
    if (wasReconnecting) this.logger.log(`Consuming again from ${this.describeCluster()}.`);
    this.started.resolve();
  }

  /** The driver restarts a consumer after a retriable crash; after any other crash the supervisor starts over. */
  private onCrash(payload: unknown, giveUp: (error: Error) => void): void {
    const { error, restart } = (payload ?? {}) as { error?: unknown; restart?: boolean };
    const err = asError(error ?? 'consumer crashed');
    if (this.stopping) return;
    if (restart) {
      if (this.state !== 'reconnecting') {
        this.logger.warn(
          `Lost ${this.describeCluster()}: ${err.message}. The consumer restarts itself and resumes when the cluster is back.`,
        );
        this.publishError('connection', err);
      }
      this.state = 'reconnecting';
      this.started.resolve();
    } else {
      giveUp(err);
    }
  }

  private async disconnect(consumer: DriverConsumer): Promise<void> {
    try {
      await consumer.disconnect();
    } catch (error) {
      this.logger.warn(`Disconnecting from ${this.describeCluster()} failed: ${asError(error).message}`);
    }
  }

  // ── processing ───────────────────────────────────────────────────────────────────────────────────────────

  private partitionState(topic: string, partition: number): PartitionState {
    let byPartition = this.partitions.get(topic);
    if (!byPartition) {
      byPartition = new Map();
      this.partitions.set(topic, byPartition);
    }
    let state = byPartition.get(partition);
    if (!state) {
      state = { failures: 0, resumeAt: 0 };
      byPartition.set(partition, state);
    }
    return state;
  }

  /** Driver errors (commit, heartbeat, rebalance) propagate to the driver; handler errors never do. */
  private async processBatch(control: DriverBatchControl): Promise<void> {
    const { batch } = control;
    const topic = this.topics.get(batch.topic);
    if (!topic) {
      this.logger.error(
        `Received a batch of topic '${batch.topic}', which this subscription group does not consume`,
      );
      return;
    }
    const partition = this.partitionState(batch.topic, batch.partition);
    const scope: BatchScope = {
      topic,
      source: {
        topic: batch.topic,
        partition: batch.partition,
        cluster: this.group.cluster.name,
        decode: topic.decode,
      },
      control,
      partition,
      partitionControl: {
        resolve: (offset) => control.resolveOffset(offset),
        pause: (ms) => this.pausePartition(scope, ms),
        seek: (offset) => this.consumer?.seek({ topic: batch.topic, partition: batch.partition, offset }),
        heartbeat: () => control.heartbeat(),
      },
    };
    for (const chunk of splitIntoChunks(batch.messages, this.group.maxMessages)) {
      if (!this.canContinue(control)) return;
      if (!(await this.processChunk(scope, chunk))) return;
      await control.heartbeat();
    }
  }

  private canContinue(control: DriverBatchControl): boolean {
    return !this.stopping && control.isRunning() && !control.isStale();
  }

  /** Runs `consume` on `chunk` until it is done. Returns false when the rest of the fetched batch must wait. */
  private async processChunk(scope: BatchScope, chunk: DriverFetchedMessage[]): Promise<boolean> {
    const { topic, source, control, partition } = scope;
    let pending = chunk;
    while (pending.length > 0) {
      const attempt = partition.failingOffset === pending[0].offset ? partition.failures + 1 : 1;
      const startedAt = Date.now();
      let ctx: KafkaContext | undefined;
      try {
        const messages = pending.map((message) => buildKafkaMessage(source, message));
        ctx = new KafkaContext(
          source.cluster,
          this.group.groupId,
          this.group.id,
          source.topic,
          source.partition,
          messages,
          attempt,
          scope.partitionControl,
        );
        await topic.handler(messages, ctx);
      } catch (error) {
        if (this.abandoned) return false;
        const rest = await this.handleFailure(scope, pending, ctx, error);
        if (rest === undefined) return false;
        pending = rest;
        continue;
      }
      if (this.abandoned) return false;
      const done = ctx as KafkaContext;
      if (done.seekRequested) {
        await control.commitOffsetsIfNecessary();
        return false;
      }
      const last = pending[pending.length - 1];
      // Committed by the driver once the fetched batch is done (and on stop), not here: a synchronous commit
      // per chunk costs one broker round trip per `maxMessages` (≥ 5 ms on Kafka 4, whose group coordinator
      // lingers before appending) and made consumption 3-4× slower than kafkajs (see docs/performance.md).
      control.resolveOffset(last.offset);
      if (partition.failingOffset !== undefined && BigInt(partition.failingOffset) <= BigInt(last.offset)) {
        partition.failingOffset = undefined;
        partition.failures = 0;
      }
      if (this.deps.monitor.hasListeners('consumer.consumed')) {
        this.deps.monitor.emit('consumer.consumed', {
          ...this.eventBase(source),
          count: pending.length,
          firstOffset: pending[0].offset,
          lastOffset: last.offset,
          durationMs: Date.now() - startedAt,
        });
      }
      return !done.pauseRequested;
    }
    return true;
  }

  /**
   * Consumes each run of unsuspected messages as one batch and each suspect alone (an invalid one then goes to
   * the dead-letter queue at its first attempt), in offset order, heartbeating between. Returns false when the
   * rest of the fetched batch must wait (paused, sought, stopping).
   */
  private async processAroundSuspects(
    scope: BatchScope,
    messages: DriverFetchedMessage[],
    suspects: ReadonlySet<string>,
  ): Promise<boolean> {
    let start = 0;
    for (let i = 0; i <= messages.length; i++) {
      if (i < messages.length && !suspects.has(messages[i].offset)) continue;
      const parts = [messages.slice(start, i), messages.slice(i, i + 1)].filter((part) => part.length > 0);
      for (const part of parts) {
        if (!this.canContinue(scope.control)) return false;
        if (!(await this.processChunk(scope, part))) return false;
        await scope.control.heartbeat();
      }
      start = i + 1;
    }
    return true;
  }

  /**
   * Karafka's rule: the failing message is the first one after the last `markAsConsumed`. Returns the messages
   * still to process now, or undefined when the partition waits (paused for a retry, or sought elsewhere).
   */
  private async handleFailure(
    scope: BatchScope,
    pending: DriverFetchedMessage[],
    ctx: KafkaContext | undefined,
    error: unknown,
  ): Promise<DriverFetchedMessage[] | undefined> {
    const { topic, source, control, partition } = scope;
    const marked = ctx?.lastMarkedOffset;
    if (marked !== undefined) await control.commitOffsetsIfNecessary();
    if (ctx?.seekRequested) return undefined;
    const remaining = messagesAfterMarked(pending, marked);
    if (remaining.length === 0) {
      this.logger.warn(
        `consume of ${source.topic}/${source.partition} threw after marking every message consumed: ${describeError(error)}`,
      );
      this.publishError('consumer', asError(error), source.topic);
      return [];
    }
    const nonRetriable = isNonRetriable(error);
    if (nonRetriable && remaining.length > 1) {
      // The failure is about the messages, not the moment: isolate the culprits. A PayloadValidationError names
      // them; any other batch-level error does not, so every message is tried alone to find out.
      let suspects = invalidOffsetsOf(error, pending);
      if (suspects === undefined) {
        this.logger.warn(
          `${source.topic}/${source.partition}: ${describeError(error)} — ${remaining.length} messages from offset ${remaining[0].offset} are retried one by one to isolate the invalid ones`,
        );
        suspects = new Set(remaining.map((message) => message.offset));
      }
      return (await this.processAroundSuspects(scope, remaining, suspects)) ? [] : undefined;
    }

    const failing = remaining[0];
    const failures = partition.failingOffset === failing.offset ? partition.failures + 1 : 1;
    partition.failingOffset = failing.offset;
    partition.failures = failures;
    const action = decideFailureAction({
      failures,
      maxRetries: topic.maxRetries,
      nonRetriable,
      hasDeadLetterQueue: topic.deadLetterTopic !== undefined,
    });
    const err = asError(error);
    this.publishErrored(source, err, failures, action, failing.offset);
    const where = `${source.topic}/${source.partition} offset ${failing.offset}`;

    if (action === 'dead-letter') {
      const dlq = topic.deadLetterTopic as string;
      try {
        const origin = {
          cluster: source.cluster,
          groupId: this.group.groupId,
          topic: source.topic,
          partition: source.partition,
        };
        await this.deps.deadLetterSink.send(
          source.cluster,
          dlq,
          buildDeadLetterRecord(origin, failing, error, failures),
        );
      } catch (sendError) {
        const delay = backoffDelay(topic.route.retry, failures);
        this.logger.error(
          `Could not send ${where} to the dead-letter topic '${dlq}' on cluster '${source.cluster}': ${asError(sendError).message}. The partition is paused and retried in ${delay} ms.`,
        );
        this.publishError('consumer', asError(sendError), dlq);
        this.pausePartition(scope, delay);
        return undefined;
      }
      control.resolveOffset(failing.offset);
      await control.commitOffsetsIfNecessary();
      partition.failingOffset = undefined;
      partition.failures = 0;
      this.logger.warn(
        `${where} sent to the dead-letter topic '${dlq}' on cluster '${source.cluster}' after ${failures} attempt(s): ${describeError(error)}`,
      );
      return remaining.slice(1);
    }

    const delay = backoffDelay(topic.route.retry, failures);
    if (action === 'retry') {
      this.logger.warn(
        `consume failed at ${where} (attempt ${failures} of ${topic.maxRetries + 1}): ${describeError(error)}. Retrying in ${delay} ms.`,
      );
    } else {
      this.logger.error(
        `consume failed at ${where} (attempt ${failures}): ${describeError(error)}. Topic '${source.topic}' has no dead-letter queue: the partition stays paused and is retried every ${delay} ms until it succeeds.`,
        err.stack,
      );
    }
    this.pausePartition(scope, delay);
    return undefined;
  }

  /**
   * Pauses the batch's partition and resumes it after `ms`; unresolved messages are fetched again then.
   * A longer pause already in place wins.
   */
  private pausePartition(scope: BatchScope, ms: number): void {
    const { partition, control } = scope;
    const resumeAt = Date.now() + ms;
    if (partition.resumeTimer && partition.resumeAt >= resumeAt) return;
    clearTimeout(partition.resumeTimer);
    const resume = control.pause();
    partition.resumeAt = resumeAt;
    partition.resumeTimer = setTimeout(() => {
      partition.resumeTimer = undefined;
      if (this.stopping) return;
      try {
        resume();
      } catch (error) {
        // The consumer restarted meanwhile; its new instance does not carry the pause.
        this.logger.debug(
          `Resuming ${scope.source.topic}/${scope.source.partition}: ${asError(error).message}`,
        );
      }
    }, ms);
  }

  // ── instrumentation ──────────────────────────────────────────────────────────────────────────────────────

  private eventBase(source: MessageSource) {
    return {
      cluster: source.cluster,
      groupId: this.group.groupId,
      subscriptionGroup: this.group.id,
      topic: source.topic,
      partition: source.partition,
    };
  }

  private publishErrored(
    source: MessageSource,
    error: Error,
    attempt: number,
    action: ConsumerErroredEvent['action'],
    offset: string,
  ): void {
    this.deps.monitor.emit('consumer.errored', { ...this.eventBase(source), error, attempt, action, offset });
    this.publishError('consumer', error, source.topic);
  }

  private publishError(type: 'consumer' | 'connection', error: Error, topic?: string): void {
    this.deps.monitor.emit('error.occurred', {
      type,
      error,
      cluster: this.group.cluster.name,
      topic,
      subscriptionGroup: this.group.id,
      groupId: this.group.groupId,
    });
  }
}
