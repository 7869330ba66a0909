import {
  CompressionCodecs,
  CompressionTypes,
  Partitioners,
  type ICustomPartitioner,
  type Kafka,
  type Producer,
  type RecordMetadata,
  type Transaction,
} from 'kafkajs';
import type { CompressionCodec, ProducerSettings } from '../../config/kafka-config.types';
import type {
  DriverProducer,
  DriverProducerEventName,
  DriverProducerEvents,
  DriverRecordMetadata,
  DriverTransaction,
} from '../kafka-driver.port';
import { driverCall } from './kafkajs-errors';

const COMPRESSION: Record<CompressionCodec, CompressionTypes> = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
  snappy: CompressionTypes.Snappy,
  lz4: CompressionTypes.LZ4,
  zstd: CompressionTypes.ZSTD,
};

type Subscribe<E extends DriverProducerEventName> = (
  producer: Producer,
  listener: (payload: DriverProducerEvents[E]) => void,
) => () => void;

/** Each port event: the kafkajs event it comes from, and how its payload maps to the port's shape. */
const SUBSCRIPTIONS: { [E in DriverProducerEventName]: Subscribe<E> } = {
  connect: (producer, listener) =>
    producer.on('producer.connect', ({ timestamp }) => listener({ timestamp })),
  disconnect: (producer, listener) =>
    producer.on('producer.disconnect', ({ timestamp }) => listener({ timestamp })),
  request_timeout: (producer, listener) =>
    producer.on('producer.network.request_timeout', ({ timestamp, payload }) =>
      listener({
        timestamp,
        broker: payload.broker,
        apiName: payload.apiName,
        correlationId: payload.correlationId,
        pendingDurationMs: payload.pendingDuration,
      }),
    ),
};

/**
 * kafkajs' default (murmur2, Java-compatible) partitioner that also writes the chosen partition onto the
 * record. The caller maps records to the per-partition base offsets the broker returns through it, and a
 * retried request keeps each record on its partition.
 */
const recordingPartitioner: ICustomPartitioner = () => {
  const choose = Partitioners.DefaultPartitioner();
  return (args) => {
    const partition = choose(args);
    args.message.partition = partition;
    return partition;
  };
};

function toMetadata(metadata: RecordMetadata[]): DriverRecordMetadata[] {
  return metadata.map(({ topicName, partition, baseOffset, errorCode }) => ({
    topic: topicName,
    partition,
    baseOffset,
    errorCode,
  }));
}

/** Throws when kafkajs has no codec for `codec` (it ships only gzip; others must be registered by the app). */
function assertCodecAvailable(codec: CompressionCodec): void {
  if (codec === 'none' || codec === 'gzip') return;
  try {
    CompressionCodecs[COMPRESSION[codec] as Exclude<CompressionTypes, CompressionTypes.None>]();
  } catch (error) {
    throw new Error(`compression '${codec}' is not available in kafkajs: ${(error as Error).message}`);
  }
}

/** One kafkajs producer. Records' partitions are filled in on send (see `recordingPartitioner`). */
export class KafkajsProducer implements DriverProducer {
  private readonly producer: Producer;
  private readonly compression: CompressionTypes;

  constructor(kafka: Kafka, settings: ProducerSettings) {
    const codec = settings.compression ?? 'none';
    assertCodecAvailable(codec);
    this.compression = COMPRESSION[codec];
    this.producer = kafka.producer({
      createPartitioner: recordingPartitioner,
      // librdkafka's rule: a transactional id implies idempotence.
      idempotent: settings.idempotent ?? settings.transactionalId !== undefined,
      transactionalId: settings.transactionalId,
      transactionTimeout: settings.transactionTimeout,
      maxInFlightRequests: settings.maxInFlightRequests,
      allowAutoTopicCreation: settings.allowAutoTopicCreation,
      metadataMaxAge: settings.metadataMaxAge,
      retry: settings.retry,
    });
  }

  connect(): Promise<void> {
    return driverCall(() => this.producer.connect());
  }

  disconnect(): Promise<void> {
    return driverCall(() => this.producer.disconnect());
  }

  async sendBatch(args: Parameters<DriverProducer['sendBatch']>[0]): Promise<DriverRecordMetadata[]> {
    const metadata = await driverCall(() =>
      this.producer.sendBatch({
        topicMessages: args.topicMessages,
        acks: args.acks,
        timeout: args.timeout,
        compression: args.compression === undefined ? this.compression : COMPRESSION[args.compression],
      }),
    );
    return toMetadata(metadata);
  }

  async transaction(): Promise<DriverTransaction> {
    const tx: Transaction = await driverCall(() => this.producer.transaction());
    return {
      send: async ({ topic, messages, acks, timeout }) =>
        toMetadata(
          await driverCall(() => tx.send({ topic, messages, acks, timeout, compression: this.compression })),
        ),
      commit: () => driverCall(() => tx.commit()),
      abort: () => driverCall(() => tx.abort()),
    };
  }

  on<E extends DriverProducerEventName>(
    event: E,
    listener: (payload: DriverProducerEvents[E]) => void,
  ): () => void {
    const subscribe: Subscribe<E> = SUBSCRIPTIONS[event];
    return subscribe(this.producer, listener);
  }
}
