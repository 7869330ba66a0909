import type { DriverFetchedMessage, DriverRecord } from '../driver/kafka-driver.port';

/**
 * What producers and runners ask of tracing (`forRoot({ tracing })`). The OpenTelemetry implementation lives in
 * `tracing/`; with tracing off the monitor has none, and the hot paths only check for its absence.
 */
export interface KarafkaTracing {
  /** Built once per producer: the attributes every send span of the producer shares. */
  producer(identity: { producer: string; cluster: string; brokers: readonly string[] }): ProducerTracer;
  /** Built once per subscription group: the attributes every process span of the group shares. */
  consumer(identity: {
    cluster: string;
    brokers: readonly string[];
    groupId: string;
    subscriptionGroup: string;
  }): ConsumerTracer;
}

export interface ProducerTracer {
  /**
   * Starts the send span of one record as a child of the caller's active context, and replaces the record's
   * headers by a copy that carries the span's context.
   */
  start(topic: string, record: DriverRecord): SendSpan;
}

/** One message's send span, ended by its acknowledgement or its failure. */
export interface SendSpan {
  delivered(partition: number, offset: string | undefined): void;
  failed(error: unknown): void;
}

export interface ConsumerTracer {
  /**
   * Runs `handle` inside a process span of `messages` (linked to each message's producer context), so what the
   * handler produces continues the trace; the span ends, as an error if `handle` rejects, when it settles.
   */
  process<T>(
    topic: string,
    partition: number,
    messages: ReadonlyArray<DriverFetchedMessage>,
    handle: () => Promise<T>,
  ): Promise<T>;
}
