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
import { DriverError } from '../driver-error';
import { driverCall } from './kafkajs-errors';
import { Turns } from '../../common/turns';

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

/** A port listener and how to detach it from the kafkajs producer it is attached to now. */
interface Attachment {
  attach(producer: Producer): void;
  detach(): void;
}

/**
 * One kafkajs producer. Records' partitions are filled in on send (see `recordingPartitioner`).
 *
 * An idempotent producer that is not transactional works around kafkajs' sequence numbers. kafkajs numbers
 * each partition's batches and, when a produce request fails, takes the numbers back for the next request. If
 * the failed request had in fact been written (a broker killed before it answered), the numbers are used
 * twice: the broker either takes a later batch of the same size for a retry of the written one and
 * acknowledges it without writing it (acknowledged but lost), or refuses every later batch as out of order
 * (the producer never delivers again). So here:
 * - sends go one at a time: only the failed batch's own retry reuses its numbers, and the broker
 *   recognises that one;
 * - after a send kafkajs gave up on, the next send goes through a fresh kafkajs producer (a new producer id,
 *   numbers from 0), since nobody knows whether the failed batch was written;
 * - a send whose caller stopped waiting (`signal` aborted) before its turn is dropped: in a long outage the
 *   queue would otherwise fill with messages already reported as failed, and sending them after the
 *   restart would delay the live ones past their own deadlines.
 */
export class KafkajsProducer implements DriverProducer {
  private producer: Producer;
  private readonly create: () => Producer;
  private readonly compression: CompressionTypes;
  private readonly attachments = new Set<Attachment>();
  /** See the class comment: idempotent and not transactional. */
  private readonly oneSendAtATime: boolean;
  /** Sends one at a time (see the class comment). */
  private readonly sends = new Turns();
  /** A send failed: the next one goes through a fresh kafkajs producer. */
  private replaceBeforeNextSend = false;
  private connected = false;

  constructor(kafka: Kafka, settings: ProducerSettings) {
    const codec = settings.compression ?? 'none';
    assertCodecAvailable(codec);
    this.compression = COMPRESSION[codec];
    // librdkafka's rule: a transactional id implies idempotence.
    const idempotent = settings.idempotent ?? settings.transactionalId !== undefined;
    this.oneSendAtATime = idempotent && settings.transactionalId === undefined;
    this.create = () =>
      kafka.producer({
        createPartitioner: recordingPartitioner,
        idempotent,
        transactionalId: settings.transactionalId,
        transactionTimeout: settings.transactionTimeout,
        maxInFlightRequests: settings.maxInFlightRequests,
        allowAutoTopicCreation: settings.allowAutoTopicCreation,
        metadataMaxAge: settings.metadataMaxAge,
        retry: settings.retry,
      });
    this.producer = this.create();
  }

  async connect(): Promise<void> {
    await driverCall(() => this.producer.connect());
    this.connected = true;
  }

  disconnect(): Promise<void> {
    this.connected = false;
    return driverCall(() => this.producer.disconnect());
  }

  sendBatch(args: Parameters<DriverProducer['sendBatch']>[0]): Promise<DriverRecordMetadata[]> {
    if (!this.oneSendAtATime) return this.send(args);
    return this.sends.run(() => this.sendInTurn(args));
  }

  private async sendInTurn(
    args: Parameters<DriverProducer['sendBatch']>[0],
  ): Promise<DriverRecordMetadata[]> {
    if (args.signal?.aborted) {
      throw new DriverError('not sent: the caller stopped waiting before its turn', {
        kind: 'timeout',
        retriable: true,
      });
    }
    if (this.replaceBeforeNextSend) await this.replaceProducer();
    try {
      return await this.send(args);
    } catch (error) {
      this.replaceBeforeNextSend = true;
      throw error;
    }
  }

  private async send(args: Parameters<DriverProducer['sendBatch']>[0]): Promise<DriverRecordMetadata[]> {
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

  /**
   * Swaps in a fresh kafkajs producer, connected if the old one was; the port's listeners move to it without
   * seeing the swap as a disconnect. If the fresh one cannot connect, the old one stays and the next send
   * tries again.
   */
  private async replaceProducer(): Promise<void> {
    const fresh = this.create();
    if (this.connected) {
      try {
        await driverCall(() => fresh.connect());
      } catch (error) {
        await fresh.disconnect().catch(() => undefined);
        throw error;
      }
    }
    const old = this.producer;
    for (const attachment of this.attachments) attachment.detach();
    this.producer = fresh;
    for (const attachment of this.attachments) attachment.attach(fresh);
    this.replaceBeforeNextSend = false;
    // It has nothing in flight (sends go one at a time); a failure to close it cleanly concerns nobody.
    await old.disconnect().catch(() => undefined);
    // disconnect() came while the fresh one was connecting: it closed the old one only.
    if (!this.connected) await fresh.disconnect().catch(() => undefined);
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
    let unsubscribe: (() => void) | undefined;
    const attachment: Attachment = {
      attach: (producer) => (unsubscribe = subscribe(producer, listener)),
      detach: () => unsubscribe?.(),
    };
    attachment.attach(this.producer);
    this.attachments.add(attachment);
    return () => {
      attachment.detach();
      this.attachments.delete(attachment);
    };
  }
}
