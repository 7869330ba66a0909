import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Counter, Gauge, Histogram, LabelValues, Metric, Registry } from 'prom-client';
import { ConsumerManager } from '../consumer/consumer-manager';
import type { RunnerInfo } from '../consumer/subscription-group-runner';
import { KarafkaMonitor } from '../instrumentation/karafka-monitor';
import type {
  ConsumerEventBase,
  ErrorOccurredEvent,
  ProducerEventBase,
  SubscriptionGroupEventBase,
} from '../instrumentation/monitor-events.interface';
import { loadPromClient } from './load-prom-client';
import { COUNTERS, GAUGES, HISTOGRAMS } from './metric-definitions';
import { SeriesCache } from './series-cache';

type Labels = LabelValues<string>;

/** What is counted per consumed partition; the counters read it at scrape time. */
interface PartitionSeries {
  labels: Labels;
  consumed: number;
  retries: number;
  deadLettered: number;
  duration: Histogram.Internal<string>;
}

type ProducerTopicEvent = ProducerEventBase & { topic: string };

/** What is counted per producer and topic; the counters read it at scrape time. */
interface ProducerTopicSeries {
  labels: Labels;
  produced: number;
  acknowledged: number;
  failed: number;
  latency: Histogram.Internal<string>;
}

/**
 * The library's Prometheus metrics, fed by the `KarafkaMonitor` — so every producer (default, named, internal
 * dead-letter and job producers) and every subscription group is covered without wiring. Per batch or produce
 * call the cost is one Map get and a number added; prom-client's counters read those numbers when scraped.
 * Lag and liveness are read from the runners at scrape time, so partitions lost in a rebalance disappear.
 */
@Injectable()
export class KarafkaMetrics implements OnApplicationShutdown {
  private readonly prom = loadPromClient();
  private readonly metrics = new Map<string, Metric>();
  private readonly registries = new Set<Registry>();
  private unsubscribe: Array<() => void> = [];

  private readonly batchDuration: Histogram<string>;
  private readonly produceLatency: Histogram<string>;
  private readonly rebalances: Counter<string>;
  private readonly errors: Counter<string>;

  private readonly partitions = new SeriesCache<ConsumerEventBase, PartitionSeries>(
    (e) => `${e.subscriptionGroup}\n${e.topic}\n${e.partition}`,
    (e) => ({
      labels: { ...groupLabels(e), topic: e.topic, partition: e.partition },
      consumed: 0,
      retries: 0,
      deadLettered: 0,
      duration: this.batchDuration.labels({ ...groupLabels(e), topic: e.topic }),
    }),
  );

  private readonly producerTopics = new SeriesCache<ProducerTopicEvent, ProducerTopicSeries>(
    (e) => `${e.producer}\n${e.topic}`,
    (e) => ({
      labels: { cluster: e.cluster, producer: e.producer, topic: e.topic },
      produced: 0,
      acknowledged: 0,
      failed: 0,
      latency: this.produceLatency.labels({ cluster: e.cluster, producer: e.producer }),
    }),
  );

  constructor(
    private readonly monitor: KarafkaMonitor,
    private readonly consumers: ConsumerManager,
  ) {
    const { Counter, Gauge, Histogram } = this.prom;
    const counter = (definition: (typeof COUNTERS)[keyof typeof COUNTERS], collect?: () => void) =>
      this.add(definition.name, new Counter({ ...definition, registers: [], collect }));
    const gauge = (definition: (typeof GAUGES)[keyof typeof GAUGES], collect: () => void) =>
      this.add(definition.name, new Gauge({ ...definition, registers: [], collect }));
    const histogram = (definition: (typeof HISTOGRAMS)[keyof typeof HISTOGRAMS]) =>
      this.add(
        definition.name,
        new Histogram({ ...definition, buckets: [...definition.buckets], registers: [] }),
      );
    const tally = <S extends { labels: Labels }>(cache: { values(): Iterable<S> }, count: (s: S) => number) =>
      function (this: Counter<string>) {
        this.reset();
        for (const series of cache.values()) this.inc(series.labels, count(series));
      };
    // Read from the runners at scrape time: only partitions the member owns now, no broker round trip.
    const runners = () => this.consumers.runners();

    this.batchDuration = histogram(HISTOGRAMS.batchDuration);
    this.produceLatency = histogram(HISTOGRAMS.produceLatency);
    counter(
      COUNTERS.consumed,
      tally(this.partitions, (s) => s.consumed),
    );
    counter(
      COUNTERS.retries,
      tally(this.partitions, (s) => s.retries),
    );
    counter(
      COUNTERS.deadLettered,
      tally(this.partitions, (s) => s.deadLettered),
    );
    counter(
      COUNTERS.produced,
      tally(this.producerTopics, (s) => s.produced),
    );
    counter(
      COUNTERS.acknowledged,
      tally(this.producerTopics, (s) => s.acknowledged),
    );
    counter(
      COUNTERS.failed,
      tally(this.producerTopics, (s) => s.failed),
    );
    // Rebalances and errors are rare: counted with a label lookup each.
    this.rebalances = counter(COUNTERS.rebalances);
    this.errors = counter(COUNTERS.errors);
    gauge(GAUGES.lag, function (this: Gauge<string>) {
      this.reset();
      for (const runner of runners())
        for (const { topic, partition, lag } of runner.partitions)
          this.set({ ...runnerLabels(runner), topic, partition }, lag);
    });
    gauge(GAUGES.up, function (this: Gauge<string>) {
      this.reset();
      for (const runner of runners()) this.set(runnerLabels(runner), runner.state === 'running' ? 1 : 0);
    });
  }

  /**
   * Registers the metrics on `registry` (prom-client's global `register` by default, which
   * @willsoto/nestjs-prometheus serves). Idempotent per registry; several registries share the same values.
   */
  register(registry: Registry = this.prom.register): void {
    if (this.registries.has(registry)) return;
    for (const [name, metric] of this.metrics) {
      const existing = registry.getSingleMetric(name);
      if (existing && existing !== metric)
        throw new Error(
          `KarafkaMetrics.register: the registry already holds a metric named '${name}' that this KarafkaMetrics did not create (another app's nestjs-karafka metrics, or your own metric of that name); close that app first or give each app its own Registry`,
        );
    }
    for (const metric of this.metrics.values()) registry.registerMetric(metric);
    this.registries.add(registry);
    if (this.unsubscribe.length === 0) this.unsubscribe = this.listen();
  }

  /** Stops listening and takes the metrics off every registry, so a new app can register its own. */
  onApplicationShutdown(): void {
    for (const stop of this.unsubscribe.splice(0)) stop();
    for (const registry of this.registries)
      for (const [name, metric] of this.metrics)
        if (registry.getSingleMetric(name) === metric) registry.removeSingleMetric(name);
    this.registries.clear();
  }

  private add<M extends Metric>(name: string, metric: M): M {
    this.metrics.set(name, metric);
    return metric;
  }

  private listen(): Array<() => void> {
    const { monitor } = this;
    return [
      monitor.on('consumer.consumed', (e) => {
        const series = this.partitions.get(e);
        series.consumed += e.count;
        series.duration.observe(e.durationMs / 1000);
      }),
      monitor.on('consumer.errored', (e) => {
        const series = this.partitions.get(e);
        if (e.action === 'dead-letter') series.deadLettered++;
        else series.retries++;
      }),
      monitor.on('consumer.rebalanced', (e) => this.rebalances.inc(groupLabels(e))),
      monitor.on('message.produced', (e) => {
        this.producerTopics.get(e).produced += e.count;
      }),
      monitor.on('message.acknowledged', (e) => {
        const series = this.producerTopics.get(e);
        series.acknowledged += e.count;
        series.latency.observe(e.latencyMs / 1000);
      }),
      monitor.on('message.failed', (e) => {
        this.producerTopics.get(e).failed += e.count;
      }),
      monitor.on('error.occurred', (e) => this.errors.inc(errorLabels(e))),
    ];
  }
}

function groupLabels(e: SubscriptionGroupEventBase): Labels {
  return { cluster: e.cluster, consumer_group: e.groupId, subscription_group: e.subscriptionGroup };
}

function runnerLabels(runner: RunnerInfo): Labels {
  return { cluster: runner.cluster, consumer_group: runner.groupId, subscription_group: runner.id };
}

/** An error without a cluster (e.g. a bootstrap problem) is counted without the label, not as ''. */
function errorLabels(e: ErrorOccurredEvent): Labels {
  return e.cluster === undefined ? { type: e.type } : { type: e.type, cluster: e.cluster };
}
