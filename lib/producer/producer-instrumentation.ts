import type { DriverRecord, DriverRecordMetadata } from '../driver/kafka-driver.port';
import type { KarafkaMonitor } from '../instrumentation/karafka-monitor';
import type { MessageProducedEvent, ProducerStatistics } from '../instrumentation/monitor-events.interface';
import { ProducerStatisticsCollector } from '../instrumentation/producer-statistics';
import { toDeliveryReports } from './delivery-reports';
import type { KafkaProduceError } from './kafka-produce.error';
import type { Pending } from './pending-batch';
import type { DeliveryReport } from './produce-message.interface';
import type { ProducerErrors } from './producer-errors';
import { recordBytes } from './record-converter';
import { endSendSpans, failSendSpans } from './send-spans';

export type ProduceMode = MessageProducedEvent['mode'];

/**
 * What one producer counts and publishes on the monitor. Nobody listening costs nothing: no event payload
 * is built for an event without listeners.
 */
export class ProducerInstrumentation {
  private readonly stats = new ProducerStatisticsCollector();

  constructor(
    private readonly producer: string,
    private readonly cluster: string,
    private readonly monitor: KarafkaMonitor,
    private readonly errors: ProducerErrors,
  ) {}

  /** A record accepted for sending. */
  sent(record: DriverRecord): void {
    this.stats.sent++;
    this.stats.bytes += recordBytes(record);
  }

  produced(topic: string, count: number, mode: ProduceMode): void {
    if (!this.monitor.hasListeners('message.produced')) return;
    this.monitor.emit('message.produced', {
      producer: this.producer,
      cluster: this.cluster,
      topic,
      count,
      mode,
    });
  }

  /** One `message.produced` per topic of a many-message call. */
  producedPerTopic(entries: ReadonlyArray<Pending>, mode: ProduceMode): void {
    if (!this.monitor.hasListeners('message.produced')) return;
    const counts = new Map<string, number>();
    for (const { topic } of entries) counts.set(topic, (counts.get(topic) ?? 0) + 1);
    for (const [topic, count] of counts) this.produced(topic, count, mode);
  }

  /** Counts and publishes an acknowledged request; returns each message's report, by position. */
  acknowledged(
    entries: ReadonlyArray<Pending>,
    metadata: DriverRecordMetadata[],
    latencyMs: number,
  ): DeliveryReport[] {
    const { reports, partitions } = toDeliveryReports(entries, metadata);
    if (this.monitor.tracing) endSendSpans(entries, reports);
    this.stats.acknowledged(entries.length, latencyMs);
    if (this.monitor.hasListeners('message.acknowledged')) {
      for (const { topic, partition, offset, count } of partitions) {
        this.monitor.emit('message.acknowledged', {
          producer: this.producer,
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
  failed(entries: ReadonlyArray<Pending>, cause: unknown): KafkaProduceError[] {
    this.stats.failed += entries.length;
    if (this.monitor.tracing) failSendSpans(entries, cause);
    const byTopic = new Map<string, { error: KafkaProduceError; count: number }>();
    const errors = entries.map(({ topic }) => {
      let failure = byTopic.get(topic);
      if (!failure)
        byTopic.set(topic, (failure = { error: this.errors.deliveryFailed(topic, cause), count: 0 }));
      failure.count++;
      return failure.error;
    });
    const wantsFailed = this.monitor.hasListeners('message.failed');
    for (const [topic, { error, count }] of byTopic) {
      if (wantsFailed)
        this.monitor.emit('message.failed', {
          producer: this.producer,
          cluster: this.cluster,
          topic,
          count,
          error,
        });
      this.error(error, topic);
    }
    return errors;
  }

  error(error: Error, topic: string | undefined): void {
    if (!this.monitor.hasListeners('error.occurred')) return;
    this.monitor.emit('error.occurred', {
      type: 'producer',
      error,
      producer: this.producer,
      cluster: this.cluster,
      topic,
    });
  }

  statistics(): ProducerStatistics {
    return this.stats.snapshot();
  }

  /** Publishes `statistics.emitted` (if anyone listens) and starts a new latency window. */
  emitStatistics(): void {
    if (!this.monitor.hasListeners('statistics.emitted')) return;
    this.monitor.emit('statistics.emitted', {
      producer: this.producer,
      cluster: this.cluster,
      statistics: this.stats.snapshot(true),
    });
  }
}
