import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type Type } from '@nestjs/common';
import { isKarafkaCliRun } from '../../common/cli-run';
import { errorMessage } from '../../common/error-message';
import type { KarafkaMonitor } from '../../instrumentation/karafka-monitor';
import type { KafkaMessage } from '../../message/kafka-message.interface';
import type { KafkaProducer } from '../../producer/kafka-producer';
import { KafkaTopic } from '../../routing/kafka-topic.decorator';
import { parseReport } from './parse-web-message';
import { WebAggregator } from './web-aggregator';
import { WEB_REPORTING_MESSAGES as M } from './web-reporting.messages';
import type { WebTopicNames } from './web-reporting-options.interface';
import { METRICS_KEY, STATE_KEY } from './web-snapshot.interface';
import type { WebTopicsReader } from './web-topics-reader';

/** The processing consumer's subscription group, as the routing table and the reports show it. */
export const WEB_SUBSCRIPTION_GROUP = 'karafka_web';

export interface WebProcessingDeps {
  reader: WebTopicsReader;
  /** The Web producer: it publishes the state and the series. */
  producer: KafkaProducer;
  monitor: KarafkaMonitor;
  topics: Required<WebTopicNames>;
  processTtlMs: number;
  flushIntervalMs: number;
  /** This process's id, recorded in the state it publishes. */
  processId: string;
  clock?: () => number;
}

/** Where the processing consumer is routed: its own subscription group on the reporting cluster. */
export interface WebProcessingRoute {
  cluster: string;
  consumerGroup: string;
  reportsTopic: string;
}

/**
 * The processing consumer (Karafka Web's aggregator): consumes the reports topic in its own subscription group
 * on the reporting cluster, materialises the reports and, every flush interval, publishes the state and the
 * series to their compacted topics. The member that holds the reports partition owns the data: it first reads
 * back what was last published (and the errors' tail), then goes on from there, skipping reports already
 * materialised. On a rebalance it publishes what it has and lets go; the next owner reads it back. Errors come
 * with the reports that raised them, so one partition carries everything (a second topic's partitions could go
 * to another member).
 */
export class WebProcessingConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('KarafkaWeb');
  private readonly clock: () => number;
  private owned?: WebAggregator;
  private dirty = false;
  private timer?: NodeJS.Timeout;
  private stopListening?: () => void;

  constructor(private readonly deps: WebProcessingDeps) {
    this.clock = deps.clock ?? Date.now;
  }

  /** The live data while this member owns the reports partition, else undefined (read the topics instead). */
  get live(): WebAggregator | undefined {
    return this.owned;
  }

  async consume(messages: KafkaMessage[]): Promise<void> {
    const aggregator = (this.owned ??= await this.restore());
    const receivedAt = this.clock();
    for (const message of messages) {
      const parsed = parseReport(message.rawPayload);
      if ('problem' in parsed) {
        this.logger.warn(M.invalidMessage(message.topic, message.offset, parsed.problem));
        continue;
      }
      if (aggregator.apply(parsed.value, receivedAt, message)) this.dirty = true;
    }
  }

  onApplicationBootstrap(): void {
    if (isKarafkaCliRun()) return;
    this.stopListening = this.deps.monitor.on('consumer.rebalancing', (event) => {
      if (event.subscriptionGroup === WEB_SUBSCRIPTION_GROUP) this.letGo();
    });
    this.timer = setInterval(() => void this.flush(), this.deps.flushIntervalMs);
    this.timer.unref();
  }

  /** After the consumers stopped and before the producers close: the last state goes out. */
  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.stopListening?.();
    await this.flush();
  }

  /** Publishes the state and the series if anything changed since the last time. */
  async flush(): Promise<void> {
    const aggregator = this.owned;
    if (!aggregator || !this.dirty) return;
    this.dirty = false;
    const now = this.clock();
    const { states, metrics } = this.deps.topics;
    try {
      await this.deps.producer.produceManyAsync([
        {
          topic: states,
          key: STATE_KEY,
          payload: JSON.stringify(aggregator.stateMessage(now, this.deps.processId)),
        },
        { topic: metrics, key: METRICS_KEY, payload: JSON.stringify(aggregator.metricsMessage(now)) },
      ]);
    } catch (error) {
      this.dirty = true;
      this.logger.warn(M.reportFailed(`${states}' and '${metrics}`, errorMessage(error)));
    }
  }

  /**
   * The owner's starting point. A failed read fails the batch (it is retried with backoff, as any batch): going
   * on from empty data would publish it over the real state.
   */
  private async restore(): Promise<WebAggregator> {
    try {
      return new WebAggregator(this.deps.processTtlMs, await this.deps.reader.read());
    } catch (error) {
      throw new Error(M.restoreFailed(errorMessage(error)), { cause: error });
    }
  }

  private letGo(): void {
    if (!this.owned) return;
    void this.flush();
    this.owned = undefined;
  }
}

/**
 * The processing consumer's class for one module, routed with `@KafkaTopic` like any consumer of the app (so
 * the routing table, bootstrap checks and runners treat it as one). A subclass per module, since the topic and
 * cluster are options.
 */
export function routedProcessingConsumer(route: WebProcessingRoute): Type<WebProcessingConsumer> {
  class WebReportsConsumer extends WebProcessingConsumer {}
  KafkaTopic(route.reportsTopic, {
    cluster: route.cluster,
    consumerGroup: route.consumerGroup,
    subscriptionGroup: WEB_SUBSCRIPTION_GROUP,
    // Reports of the last day that nobody materialised yet are backfilled, as Karafka does.
    initialOffset: 'earliest',
    // Parsed here, defensively: a bad message is skipped, never a stuck partition.
    deserializer: 'raw',
  })(WebReportsConsumer);
  return WebReportsConsumer;
}
