import type { Consumer, ConsumerConfig, EachBatchPayload, IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import type { ConsumerSettings } from '../../config/kafka-config.types';
import type {
  DriverBatchControl,
  DriverConsumer,
  DriverConsumerEvent,
  DriverConsumerEvents,
  DriverFetchedMessage,
  DriverTopicPartitionOffset,
  Headers,
} from '../kafka-driver.port';
import { driverCall, toDriverError } from './kafkajs-errors';
import { KAFKAJS_SESSION_TIMEOUT_MS, StaleMembers, removeStaleMember } from './stale-member';
import { SubscriptionAwareAssigner } from './subscription-aware-assigner';

/** Maps the library's consumer settings onto kafkajs' `ConsumerConfig` (pure, exported for tests). */
export function toKafkajsConsumerConfig(settings: ConsumerSettings & { groupId: string }): ConsumerConfig {
  // `autoOffsetReset` is not a kafkajs consumer option: routing turns it into `initialOffset` → `fromBeginning`.
  return {
    groupId: settings.groupId,
    sessionTimeout: settings.sessionTimeout,
    rebalanceTimeout: settings.rebalanceTimeout,
    heartbeatInterval: settings.heartbeatInterval,
    maxBytes: settings.maxBytes,
    maxBytesPerPartition: settings.maxBytesPerPartition,
    minBytes: settings.minBytes,
    maxWaitTimeInMs: settings.maxWaitTimeInMs,
    allowAutoTopicCreation: settings.allowAutoTopicCreation,
    maxInFlightRequests: settings.maxInFlightRequests,
    readUncommitted: settings.readUncommitted,
    rackId: settings.rackId,
    metadataMaxAge: settings.metadataMaxAge,
    // Subscription groups share a group id with different topic lists; kafkajs' default assigner ignores that.
    partitionAssigners: [SubscriptionAwareAssigner],
  };
}

/** kafkajs delivers a repeated header as an array; the port keeps one value per key (the last one wins). */
function toHeaders(headers: IHeaders | undefined): Headers {
  const result: Headers = {};
  if (!headers) return result;
  for (const key of Object.keys(headers)) {
    const value = headers[key];
    result[key] = Array.isArray(value) ? value[value.length - 1] : value;
  }
  return result;
}

/** kafkajs' message in the port's shape (also used by the admin's message reader). */
export function toFetchedMessage(message: KafkaMessage): DriverFetchedMessage {
  return {
    key: message.key ?? null,
    value: message.value ?? null,
    headers: toHeaders(message.headers),
    offset: message.offset,
    timestamp: message.timestamp,
  };
}

/** 100, 200, 400, 800, 1600 ms between attempts: about 3 s in all. */
const SUBSCRIBE_ATTEMPTS = 6;

type Payload = Record<string, unknown> | undefined;

/** The port's events the driver raises itself; every other one is a kafkajs event. */
type OwnEvent = 'staleMemberRemoved';

/** Each port event that kafkajs raises: the kafkajs event it comes from and how its payload reads in the port's terms. */
const EVENTS: {
  [E in Exclude<DriverConsumerEvent, OwnEvent>]: {
    name: keyof Consumer['events'];
    map: (payload: Payload) => DriverConsumerEvents[E];
  };
} = {
  connected: { name: 'CONNECT', map: () => ({}) },
  joined: {
    name: 'GROUP_JOIN',
    map: (payload) => ({
      memberId: payload?.memberId as string | undefined,
      assignment: (payload?.memberAssignment as Record<string, number[]> | undefined) ?? {},
    }),
  },
  rebalancing: {
    name: 'REBALANCING',
    map: (payload) => ({ memberId: payload?.memberId as string | undefined }),
  },
  fetched: {
    name: 'FETCH',
    map: (payload) => ({
      batches: (payload?.numberOfBatches as number | undefined) ?? 0,
      durationMs: (payload?.duration as number | undefined) ?? 0,
    }),
  },
  crashed: {
    name: 'CRASH',
    map: (payload) => ({
      error: toDriverError(payload?.error ?? 'the consumer crashed'),
      willRestart: payload?.restart === true,
    }),
  },
  stopped: { name: 'STOP', map: () => ({}) },
  disconnected: { name: 'DISCONNECT', map: () => ({}) },
};

/**
 * The port's consumer over a kafkajs consumer. Offsets are resolved by the caller only (no auto-resolve), and
 * every resolved offset is committable at once (`autoCommitThreshold: 1`), so `commitOffsetsIfNecessary()`
 * commits what was resolved and a message that was not resolved is fetched again.
 */
export class KafkajsConsumer implements DriverConsumer {
  private readonly consumer: Consumer;
  private readonly groupId: string;
  private readonly sessionTimeout: number;
  private readonly staleMembers: StaleMembers;
  private readonly removedListeners = new Set<(payload: DriverConsumerEvents[OwnEvent]) => void>();
  /** The removal of stale members under way, if any: one at a time. */
  private removal: Promise<void> | undefined;
  private removeAgain = false;
  private readonly disconnecting = new AbortController();

  constructor(
    private readonly kafka: Kafka,
    settings: ConsumerSettings & { groupId: string; previousMemberId?: string },
  ) {
    this.consumer = kafka.consumer(toKafkajsConsumerConfig(settings));
    this.groupId = settings.groupId;
    this.sessionTimeout = settings.sessionTimeout ?? KAFKAJS_SESSION_TIMEOUT_MS;
    this.staleMembers = new StaleMembers(settings.previousMemberId);
    const { events } = this.consumer;
    this.consumer.on(events.GROUP_JOIN, ({ payload }) => this.staleMembers.joined(payload.memberId));
    this.consumer.on(events.CRASH, () => this.staleMembers.crashed());
    // kafkajs raises CONNECT whenever its (re)start reached the cluster, before it joins the group.
    this.consumer.on(events.CONNECT, () => this.removeStaleMembers());
  }

  connect(): Promise<void> {
    return driverCall(() => this.consumer.connect());
  }

  disconnect(): Promise<void> {
    // A removal still under way finishes on its own connections; it makes no further attempt.
    this.disconnecting.abort();
    return driverCall(() => this.consumer.disconnect());
  }

  /**
   * A broker that auto-creates topics creates one on the first metadata request for it but answers that
   * request with UNKNOWN_TOPIC_OR_PARTITION, and kafkajs' subscribe gives up on that answer. Asking again
   * a few times covers the creation; a topic that never appears still fails after about 3 s.
   */
  async subscribe(args: { topics: string[]; fromBeginning: boolean }): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await driverCall(() =>
          this.consumer.subscribe({ topics: args.topics, fromBeginning: args.fromBeginning }),
        );
      } catch (error) {
        const unknownTopic = (error as { kind?: string }).kind === 'unknown-topic';
        if (!unknownTopic || attempt >= SUBSCRIBE_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** (attempt - 1)));
      }
    }
  }

  run(args: {
    eachBatch: (control: DriverBatchControl) => Promise<void>;
    partitionsConsumedConcurrently?: number;
  }): Promise<void> {
    return driverCall(() =>
      this.consumer.run({
        autoCommit: true,
        autoCommitThreshold: 1,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: args.partitionsConsumedConcurrently,
        // Errors thrown here go back to kafkajs as they are: it tells a rebalance from a failure by their type.
        eachBatch: (payload: EachBatchPayload) => args.eachBatch(toControl(payload)),
      }),
    );
  }

  stop(): Promise<void> {
    return driverCall(() => this.consumer.stop());
  }

  commitOffsets(offsets: DriverTopicPartitionOffset[]): Promise<void> {
    return driverCall(() => this.consumer.commitOffsets(offsets));
  }

  seek(target: DriverTopicPartitionOffset): void {
    this.consumer.seek(target);
  }

  pause(topics: Array<{ topic: string; partitions?: number[] }>): void {
    this.consumer.pause(topics);
  }

  resume(topics: Array<{ topic: string; partitions?: number[] }>): void {
    this.consumer.resume(topics);
  }

  on<E extends DriverConsumerEvent>(
    event: E,
    listener: (payload: DriverConsumerEvents[E]) => void,
  ): () => void {
    if (event === 'staleMemberRemoved') {
      const own = listener as (payload: DriverConsumerEvents[OwnEvent]) => void;
      this.removedListeners.add(own);
      return () => this.removedListeners.delete(own);
    }
    const { name, map } = EVENTS[event as Exclude<DriverConsumerEvent, OwnEvent>];
    return this.consumer.on(this.consumer.events[name] as never, (e: { payload: Payload }) =>
      listener(map(e.payload) as DriverConsumerEvents[E]),
    );
  }

  /**
   * Makes the members this consumer was before a crash leave the group, so its rejoin does not wait for them. Called
   * whenever the consumer reached the cluster; a call during a removal runs another one after it.
   */
  private removeStaleMembers(): void {
    if (this.removal) {
      this.removeAgain = true;
      return;
    }
    if (this.staleMembers.pending.length === 0) return;
    this.removal = this.removeEach().finally(() => {
      this.removal = undefined;
      if (this.removeAgain && !this.disconnecting.signal.aborted) {
        this.removeAgain = false;
        this.removeStaleMembers();
      }
    });
  }

  private async removeEach(): Promise<void> {
    const { signal } = this.disconnecting;
    for (const memberId of this.staleMembers.pending) {
      // After its session timeout a coordinator that is up drops the member by itself: retrying longer is pointless.
      const deadline = Date.now() + this.sessionTimeout;
      try {
        const outcome = await removeStaleMember(this.kafka, this.groupId, memberId, { deadline, signal });
        if (outcome === 'removed') this.emitRemoved({ memberId });
        this.staleMembers.forget(memberId);
      } catch (error) {
        if (signal.aborted) return;
        const failure = toDriverError(error);
        this.emitRemoved({ memberId, error: failure });
        // A cluster that went away again reloads the member when it is back: the next connect tries again.
        if (!failure.retriable) this.staleMembers.forget(memberId);
      }
    }
  }

  private emitRemoved(payload: DriverConsumerEvents[OwnEvent]): void {
    for (const listener of this.removedListeners) listener(payload);
  }
}

function toControl(payload: EachBatchPayload): DriverBatchControl {
  const { batch } = payload;
  return {
    batch: {
      topic: batch.topic,
      partition: batch.partition,
      highWatermark: batch.highWatermark,
      messages: batch.messages.map(toFetchedMessage),
    },
    resolveOffset: (offset) => payload.resolveOffset(offset),
    commitOffsetsIfNecessary: () => payload.commitOffsetsIfNecessary(),
    heartbeat: () => payload.heartbeat(),
    pause: () => payload.pause(),
    isRunning: () => payload.isRunning(),
    isStale: () => payload.isStale(),
  };
}
