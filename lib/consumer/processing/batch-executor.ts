import type { Logger } from '@nestjs/common';
import type {
  DriverBatchControl,
  DriverFetchedMessage,
  DriverTopicPartitionOffset,
} from '../../driver/kafka-driver.port';
import type { ConsumerTracer } from '../../instrumentation/karafka-tracing.interface';
import type { SubscriptionGroupDefinition } from '../../routing/routing-table.interface';
import { errorMessage } from '../../common/error-message';
import { DEFAULT_HEARTBEAT_INTERVAL_MS } from '../../config/karafka.defaults';
import { splitIntoChunks } from '../failure-policy';
import { KafkaContext } from '../kafka-context';
import { buildKafkaMessage } from '../../message/kafka-message.builder';
import type { KafkaMessage } from '../../message/kafka-message.interface';
import type { BatchScope, TopicRuntime } from './batch-scope';
import { withHeartbeats } from './consume-heartbeat';
import type { FailureHandler } from './failure-handler';
import type { PartitionPauses } from './partition-pauses';
import type { RunnerEvents } from './runner-events';

/** What the executor needs to know about the connection it runs on. */
export interface ExecutorLifecycle {
  /** `stop` was called: no new chunk starts. */
  readonly stopping: boolean;
  /** `stop` gave up waiting for the batch in progress: its late result must not be committed. */
  readonly abandoned: boolean;
  seek(target: DriverTopicPartitionOffset): void;
}

/**
 * Runs one fetched batch through the topic's handler: chunks of at most `maxMessages`, each committed (resolved)
 * when `consume` returns, heartbeating between chunks and, every heartbeat interval, during a `consume` call; a
 * failed chunk goes to the failure handler, whose decision says how to go on.
 */
export class BatchExecutor {
  /** Start times of the `consume` calls running now, by call (several with partition concurrency). */
  private readonly running = new Map<number, number>();
  private calls = 0;
  private readonly heartbeatIntervalMs: number;

  constructor(
    private readonly group: SubscriptionGroupDefinition,
    private readonly topics: ReadonlyMap<string, TopicRuntime>,
    private readonly lifecycle: ExecutorLifecycle,
    private readonly pauses: PartitionPauses,
    private readonly failures: FailureHandler,
    private readonly events: RunnerEvents,
    private readonly logger: Logger,
    /** Absent when tracing is off. */
    private readonly tracer?: ConsumerTracer,
  ) {
    this.heartbeatIntervalMs = group.kafka.consumer.heartbeatInterval ?? DEFAULT_HEARTBEAT_INTERVAL_MS;
  }

  /** When the longest-running `consume` call in progress started (epoch ms); undefined when none runs. */
  consumingSince(): number | undefined {
    let oldest: number | undefined;
    for (const since of this.running.values()) if (oldest === undefined || since < oldest) oldest = since;
    return oldest;
  }

  /** Driver errors (commit, heartbeat, rebalance) propagate to the driver; handler errors never do. */
  async process(control: DriverBatchControl): Promise<void> {
    const scope = this.scopeOf(control);
    if (!scope) return;
    for (const chunk of splitIntoChunks(control.batch.messages, this.group.maxMessages)) {
      if (!this.canContinue(control)) return;
      if (!(await this.processChunk(scope, chunk))) return;
      await control.heartbeat();
    }
  }

  private scopeOf(control: DriverBatchControl): BatchScope | undefined {
    const { batch } = control;
    const topic = this.topics.get(batch.topic);
    if (!topic) {
      this.logger.error(
        `Received a batch of topic '${batch.topic}', which this subscription group does not consume`,
      );
      return undefined;
    }
    const partition = this.pauses.state(batch.topic, batch.partition);
    partition.highWatermark = batch.highWatermark;
    partition.fetchedOffset = batch.messages[0]?.offset;
    return {
      topic,
      source: {
        topic: batch.topic,
        partition: batch.partition,
        cluster: this.group.cluster.name,
        decode: topic.decode,
        lazyPayload: topic.route.lazyPayload,
      },
      control,
      partition,
      partitionControl: {
        resolve: (offset) => control.resolveOffset(offset),
        pause: (ms) => this.pauses.pause(partition, () => control.pause(), ms),
        seek: (offset) => this.lifecycle.seek({ topic: batch.topic, partition: batch.partition, offset }),
        heartbeat: () => control.heartbeat(),
      },
    };
  }

  private canContinue(control: DriverBatchControl): boolean {
    return !this.lifecycle.stopping && control.isRunning() && !control.isStale();
  }

  /** Runs `consume` on `chunk` until it is done. Returns false when the rest of the fetched batch must wait. */
  private async processChunk(scope: BatchScope, chunk: DriverFetchedMessage[]): Promise<boolean> {
    let pending = chunk;
    while (pending.length > 0) {
      const startedAt = Date.now();
      const call = ++this.calls;
      let ctx: KafkaContext | undefined;
      try {
        ctx = this.contextFor(scope, pending);
        this.running.set(call, startedAt);
        if (this.events.wantsConsuming)
          this.events.consuming(
            scope.source.topic,
            scope.source.partition,
            pending.length,
            pending[0].offset,
          );
        const consumeCtx = ctx;
        await withHeartbeats(() => this.consume(scope, pending, consumeCtx), {
          // Once `stop` gave up on this call the consumer is gone: nothing to keep alive.
          heartbeat: async () => (this.lifecycle.abandoned ? undefined : scope.control.heartbeat()),
          intervalMs: this.heartbeatIntervalMs,
          onError: (error) => this.heartbeatFailed(scope, error),
        });
        this.running.delete(call);
      } catch (error) {
        this.running.delete(call);
        if (this.lifecycle.abandoned) return false;
        const decision = await this.failures.handle(scope, pending, ctx, error);
        if (decision.kind === 'wait') return false;
        if (decision.kind === 'isolate')
          return this.processAroundSuspects(scope, decision.messages, decision.suspects);
        pending = decision.rest;
        continue;
      }
      if (this.lifecycle.abandoned) return false;
      return this.succeeded(scope, pending, ctx, startedAt);
    }
    return true;
  }

  private heartbeatFailed(scope: BatchScope, error: unknown): void {
    const { topic, partition } = scope.source;
    this.logger.debug(`Heartbeat during consume of ${topic}/${partition} failed: ${errorMessage(error)}`);
  }

  /** One attempt: with tracing, its own process span, whose context the handler runs in. */
  private consume(scope: BatchScope, pending: DriverFetchedMessage[], ctx: KafkaContext): Promise<void> {
    // The context holds the very array handed to `consume`.
    const messages = ctx.messages as KafkaMessage[];
    if (!this.tracer) return scope.topic.handler(messages, ctx);
    const { topic, partition } = scope.source;
    return this.tracer.process(topic, partition, pending, () => scope.topic.handler(messages, ctx));
  }

  private contextFor(scope: BatchScope, pending: DriverFetchedMessage[]): KafkaContext {
    const { source, partition } = scope;
    const attempt = partition.failingOffset === pending[0].offset ? partition.failures + 1 : 1;
    const messages = pending.map((message) => buildKafkaMessage(source, message));
    return new KafkaContext(
      source.cluster,
      this.group.groupId,
      this.group.id,
      source.topic,
      source.partition,
      messages,
      attempt,
      scope.partitionControl,
    );
  }

  /** `consume` returned: resolve the chunk (unless it sought elsewhere). False when the partition was paused. */
  private async succeeded(
    scope: BatchScope,
    pending: DriverFetchedMessage[],
    ctx: KafkaContext,
    startedAt: number,
  ): Promise<boolean> {
    const { source, control, partition } = scope;
    if (ctx.seekRequested) {
      await control.commitOffsetsIfNecessary();
      return false;
    }
    const last = pending[pending.length - 1];
    // Committed by the driver once the fetched batch is done (and on stop), not here: a synchronous commit
    // per chunk costs one broker round trip per `maxMessages` (≥ 5 ms on Kafka 4, whose group coordinator
    // lingers before appending) and made consumption 3-4× slower than kafkajs (see docs/performance.md).
    control.resolveOffset(last.offset);
    partition.consumedOffset = last.offset;
    if (partition.failingOffset !== undefined && BigInt(partition.failingOffset) <= BigInt(last.offset)) {
      partition.failingOffset = undefined;
      partition.failures = 0;
    }
    if (this.events.wantsConsumed) {
      this.events.consumed(source.topic, source.partition, {
        count: pending.length,
        firstOffset: pending[0].offset,
        lastOffset: last.offset,
        highWatermark: scope.control.batch.highWatermark,
        durationMs: Date.now() - startedAt,
      });
    }
    return !ctx.pauseRequested;
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
}
