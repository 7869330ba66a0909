import { DriverError } from '../driver-error';
import { DriverListeners } from '../driver-listeners';
import type {
  DriverBatchControl,
  DriverClient,
  DriverConsumer,
  DriverConsumerEvent,
  DriverConsumerEvents,
  DriverFetchedMessage,
  DriverTopicPartitionOffset,
} from '../kafka-driver.port';
import type { InMemoryCluster } from './in-memory-cluster';
import { asDriverError, notConnected, other } from './in-memory-errors';
import { FetchGate } from './in-memory-fetch-gate';
import { inParallel } from '../../common/in-parallel';

/** Where a partition's fetching stands, kafkajs' offset manager in small. */
interface Position {
  topic: string;
  partition: number;
  /** Next offset to fetch. */
  next: bigint;
  /** Highest offset resolved since the last fetch position change. */
  resolved?: bigint;
  /** Last offset committed from `resolved`, so a commit is sent only when it moved. */
  committedResolved?: bigint;
  paused: boolean;
  /** A seek waiting for the next fetch; the batch in progress is stale meanwhile. */
  seek?: bigint;
}

type Listener<E extends DriverConsumerEvent> = (payload: DriverConsumerEvents[E]) => void;

interface RunArgs {
  eachBatch: (control: DriverBatchControl) => Promise<void>;
  partitionsConsumedConcurrently?: number;
}

let members = 0;

/**
 * A consumer of an `InMemoryCluster` that behaves like the kafkajs consumer as the port configures it: no
 * auto-resolve, every resolved offset committed after each batch and on stop, unresolved messages fetched again,
 * a seek committed and applied before the next fetch (the batch in progress turns stale), pause/resume per
 * partition, `stop()` letting the batches in progress finish. A batch handler that throws restarts the consumer
 * (`crashed` with `willRestart`), as kafkajs does. The group has one member: it gets every partition.
 */
export class InMemoryConsumer implements DriverConsumer {
  readonly groupId: string;
  /** Heartbeats sent by batch handlers. */
  heartbeats = 0;
  /** The member id this consumer joins its group with. */
  readonly memberId: string;
  /** The member the consumer it replaces was, as its runner handed it over. */
  readonly previousMemberId: string | undefined;
  private readonly listeners = new DriverListeners<DriverConsumerEvents>();
  private connected = false;
  private subscription?: { topics: string[]; fromBeginning: boolean };
  private runArgs?: RunArgs;
  private running = false;
  private loop?: Promise<void>;
  private positions = new Map<string, Position>();
  private heartbeatHook?: () => void;
  /** The fetch loop waits for a change: nothing it may fetch is left. */
  private waiting = false;
  /** Partitions whose batch is being handled now, as `topic/partition`. */
  private readonly handling = new Set<string>();

  constructor(
    readonly cluster: InMemoryCluster,
    settings: Parameters<DriverClient['consumer']>[0],
    private readonly gate: FetchGate = new FetchGate(),
  ) {
    this.groupId = settings.groupId;
    this.memberId = `${settings.groupId}-${++members}`;
    this.previousMemberId = settings.previousMemberId;
  }

  /** Whether the fetch loop runs (between `run()` and `stop()` or a crash). */
  get isRunning(): boolean {
    return this.running;
  }

  /** True when the consumer does nothing until something changes: not running, or waiting with nothing to fetch. */
  get isIdle(): boolean {
    return !this.running || this.waiting;
  }

  /** Partitions whose batch handler runs now, as `topic/partition`. */
  handlingPartitions(): string[] {
    return [...this.handling];
  }

  /**
   * Partitions the gate lets through that still hold messages for this consumer but are paused (a retry's
   * backoff, `ctx.pause`): they go on when whoever paused them resumes them.
   */
  pausedWithMessages(): Array<{ topic: string; partition: number; offset: string }> {
    return [...this.positions.values()]
      .filter(
        (p) =>
          p.paused &&
          this.gate.allows(p.topic, this.cluster) &&
          p.next < BigInt(this.cluster.highWatermark(p.topic, p.partition)),
      )
      .map((p) => ({ topic: p.topic, partition: p.partition, offset: String(p.next) }));
  }

  /** Partitions currently paused, as `topic/partition`. */
  pausedPartitions(): string[] {
    return [...this.positions.values()].filter((p) => p.paused).map((p) => `${p.topic}/${p.partition}`);
  }

  async connect(): Promise<void> {
    this.cluster.takeConnectFailure();
    this.connected = true;
    this.emit('connected', {});
  }

  async disconnect(): Promise<void> {
    if (this.running) await this.stop();
    if (!this.connected) return;
    this.connected = false;
    this.emit('disconnected', {});
  }

  async subscribe(args: { topics: string[]; fromBeginning: boolean }): Promise<void> {
    if (!this.connected) throw notConnected();
    if (this.running) throw new DriverError('Cannot subscribe to topic while consumer is running', other());
    for (const topic of args.topics) this.cluster.partitionsOf(topic);
    this.subscription = { topics: [...args.topics], fromBeginning: args.fromBeginning };
  }

  async run(args: RunArgs): Promise<void> {
    if (!this.connected) throw notConnected();
    if (!this.subscription) throw new DriverError('The consumer is not subscribed to any topic', other());
    if (this.running) return;
    this.runArgs = args;
    this.start();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.cluster.wakeAll();
    await this.loop;
    this.cluster.leave(this.memberId);
    this.emit('stopped', {});
  }

  async commitOffsets(offsets: DriverTopicPartitionOffset[]): Promise<void> {
    for (const { topic, partition, offset } of offsets)
      this.cluster.commit(this.groupId, topic, partition, offset);
  }

  seek(target: DriverTopicPartitionOffset): void {
    const position = this.positions.get(key(target.topic, target.partition));
    // kafkajs ignores a seek on a partition this member is not assigned.
    if (!position) return;
    position.seek = BigInt(target.offset);
    this.cluster.wakeAll();
  }

  pause(topics: Array<{ topic: string; partitions?: number[] }>): void {
    this.setPaused(topics, true);
  }

  resume(topics: Array<{ topic: string; partitions?: number[] }>): void {
    this.setPaused(topics, false);
    this.cluster.wakeAll();
  }

  on<E extends DriverConsumerEvent>(event: E, listener: Listener<E>): () => void {
    return this.listeners.on(event, listener);
  }

  /**
   * Test hook: the consumer fails like kafkajs' does after a broker or group error. It stops fetching (the batch
   * in progress finishes first) and emits `crashed`; with `willRestart` it then rejoins from the committed offsets.
   */
  async crash(error: Error, options: { willRestart?: boolean } = {}): Promise<void> {
    const wasRunning = this.running;
    this.running = false;
    this.cluster.wakeAll();
    await this.loop;
    const willRestart = options.willRestart === true && wasRunning;
    if (!willRestart) this.cluster.leave(this.memberId);
    this.emit('crashed', { error: asDriverError(error), willRestart });
    if (willRestart) this.start();
  }

  /** Test hook: `hook` runs at every heartbeat of a batch handler; when it throws, the heartbeat rejects with that. */
  onHeartbeat(hook: (() => void) | undefined): void {
    this.heartbeatHook = hook;
  }

  // ── the fetch loop ──────────────────────────────────────────────────────────────────────────────────────

  /** Joins the group (every subscribed partition, from the committed offsets) and starts fetching. */
  private start(): void {
    const { topics, fromBeginning } = this.subscription as { topics: string[]; fromBeginning: boolean };
    this.positions = new Map();
    const assignment: Record<string, number[]> = {};
    for (const topic of topics) {
      assignment[topic] = this.cluster.partitionsOf(topic);
      for (const partition of assignment[topic]) {
        const committed = this.cluster.committedOffset(this.groupId, topic, partition);
        const initial = fromBeginning ? '0' : this.cluster.highWatermark(topic, partition);
        this.positions.set(key(topic, partition), {
          topic,
          partition,
          next: BigInt(committed ?? initial),
          paused: false,
        });
      }
    }
    this.running = true;
    this.cluster.join({ memberId: this.memberId, groupId: this.groupId, assignment });
    this.emit('joined', { memberId: this.memberId, assignment });
    this.loop = this.fetchLoop(this.runArgs as RunArgs);
  }

  private async fetchLoop(args: RunArgs): Promise<void> {
    const concurrency = Math.max(1, args.partitionsConsumedConcurrently ?? 1);
    while (this.running) {
      this.applySeeks();
      const batches = this.fetchBatches();
      this.emit('fetched', { batches: batches.length, durationMs: 0 });
      if (batches.length === 0) {
        this.waiting = true;
        await this.cluster.nextChange(() => (this.waiting = false)).promise;
        continue;
      }
      const failure = await inParallel(batches, concurrency, (batch) => this.process(batch, args.eachBatch));
      if (failure !== undefined) {
        // kafkajs commits what was resolved, then restarts the consumer from the committed offsets.
        this.commitAll();
        this.running = false;
        this.emit('crashed', { error: asDriverError(failure), willRestart: true });
        this.start();
        return;
      }
    }
    this.commitAll();
  }

  private applySeeks(): void {
    for (const position of this.positions.values()) {
      if (position.seek === undefined) continue;
      // autoCommit is on: kafkajs commits a seek's offset before fetching from it.
      this.cluster.commit(this.groupId, position.topic, position.partition, String(position.seek));
      position.next = position.seek;
      position.resolved = undefined;
      position.committedResolved = undefined;
      position.seek = undefined;
    }
  }

  private fetchBatches(): Array<{ position: Position; messages: DriverFetchedMessage[] }> {
    const batches: Array<{ position: Position; messages: DriverFetchedMessage[] }> = [];
    for (const position of this.positions.values()) {
      if (position.paused || !this.gate.allows(position.topic, this.cluster)) continue;
      const messages = this.cluster.fetch(
        position.topic,
        position.partition,
        position.next,
        this.cluster.maxBatchSize,
      );
      if (messages.length > 0) batches.push({ position, messages });
    }
    return batches;
  }

  private async process(
    { position, messages }: { position: Position; messages: DriverFetchedMessage[] },
    eachBatch: RunArgs['eachBatch'],
  ): Promise<void> {
    const { topic, partition } = position;
    const handling = `${topic}/${partition}`;
    this.handling.add(handling);
    try {
      await this.handle(position, messages, eachBatch);
    } finally {
      this.handling.delete(handling);
    }
    this.commit(position);
    // The next fetch starts after the last resolved offset: what was not resolved is fetched again.
    if (position.resolved !== undefined && position.resolved >= position.next)
      position.next = position.resolved + 1n;
  }

  private async handle(
    position: Position,
    messages: DriverFetchedMessage[],
    eachBatch: RunArgs['eachBatch'],
  ): Promise<void> {
    const { topic, partition } = position;
    await eachBatch({
      batch: { topic, partition, highWatermark: this.cluster.highWatermark(topic, partition), messages },
      resolveOffset: (offset) => {
        const resolved = BigInt(offset);
        if (position.resolved === undefined || resolved > position.resolved) position.resolved = resolved;
      },
      commitOffsetsIfNecessary: async () => this.commit(position),
      heartbeat: async () => {
        this.heartbeats += 1;
        try {
          this.heartbeatHook?.();
        } catch (error) {
          throw asDriverError(error);
        }
      },
      pause: () => {
        this.pause([{ topic, partitions: [partition] }]);
        return () => this.resume([{ topic, partitions: [partition] }]);
      },
      isRunning: () => this.running,
      isStale: () => position.seek !== undefined,
    });
  }

  private commit(position: Position): void {
    const { resolved } = position;
    if (resolved === undefined || resolved === position.committedResolved) return;
    this.cluster.commit(this.groupId, position.topic, position.partition, String(resolved + 1n));
    position.committedResolved = resolved;
  }

  private commitAll(): void {
    for (const position of this.positions.values()) this.commit(position);
  }

  private setPaused(topics: Array<{ topic: string; partitions?: number[] }>, paused: boolean): void {
    for (const { topic, partitions } of topics) {
      for (const position of this.positions.values()) {
        if (position.topic === topic && (!partitions || partitions.includes(position.partition))) {
          position.paused = paused;
        }
      }
    }
  }

  private emit<E extends DriverConsumerEvent>(event: E, payload: DriverConsumerEvents[E]): void {
    this.listeners.emit(event, payload);
  }
}

function key(topic: string, partition: number): string {
  return `${topic}:${partition}`;
}
