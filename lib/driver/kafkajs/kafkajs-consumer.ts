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

/** Each port event: the kafkajs event it comes from and how its payload reads in the port's terms. */
const EVENTS: {
  [E in DriverConsumerEvent]: {
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

  constructor(kafka: Kafka, settings: ConsumerSettings & { groupId: string }) {
    this.consumer = kafka.consumer(toKafkajsConsumerConfig(settings));
  }

  connect(): Promise<void> {
    return driverCall(() => this.consumer.connect());
  }

  disconnect(): Promise<void> {
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
    const { name, map } = EVENTS[event];
    return this.consumer.on(this.consumer.events[name] as never, (e: { payload: Payload }) =>
      listener(map(e.payload) as DriverConsumerEvents[E]),
    );
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
