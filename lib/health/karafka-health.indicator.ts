import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { KarafkaAdmin } from '../admin/karafka-admin';
import { didYouMean } from '../config/did-you-mean';
import { ConsumerManager } from '../consumer/consumer-manager';
import { KarafkaMonitor } from '../instrumentation/karafka-monitor';
import { ProducerRegistry } from '../producer/producer-registry';
import { ClusterRegistry } from '../routing/cluster-registry';
import { ClusterProbe } from './cluster-probe';
import { KARAFKA_HEALTH_OPTIONS } from './health.constants';
import { HEALTH_MESSAGES as M } from './health.messages';
import type { HealthCheckOptions, ResolvedHealthOptions } from './health-options.interface';
import {
  livenessReport,
  readinessReport,
  type ClusterFacts,
  type KafkaHealthDetails,
  type KafkaHealthReport,
} from './health-report';
import { ProducerDeliveryTracker } from './producer-delivery-tracker';

export type KafkaHealthResult<Key extends string> = HealthIndicatorResult<
  Key,
  'up' | 'down',
  KafkaHealthDetails
>;

/**
 * Kafka readiness and liveness for `@nestjs/terminus`, per cluster, subscription group and producer.
 * `isHealthy` (readiness) probes each cluster's brokers in parallel; `isAlive` (liveness) asks no broker.
 */
@Injectable()
export class KarafkaHealthIndicator implements OnModuleDestroy {
  private readonly probe: ClusterProbe;
  private readonly deliveries: ProducerDeliveryTracker;
  private readonly detach: () => void;

  constructor(
    private readonly healthIndicatorService: HealthIndicatorService,
    private readonly clusters: ClusterRegistry,
    private readonly consumers: ConsumerManager,
    private readonly producers: ProducerRegistry,
    monitor: KarafkaMonitor,
    admin: KarafkaAdmin,
    @Inject(KARAFKA_HEALTH_OPTIONS) private readonly options: ResolvedHealthOptions,
  ) {
    // The app's admin connection of each cluster, opened once and closed with the app.
    this.probe = new ClusterProbe((cluster) => admin.forCluster(cluster).clusterInfo());
    this.deliveries = new ProducerDeliveryTracker(options.producerFailureWindowMs);
    // From construction on, so deliveries made during bootstrap count too.
    this.detach = this.deliveries.attach(monitor);
  }

  onModuleDestroy(): void {
    this.detach();
  }

  /** Readiness: brokers reachable, subscription groups running, producers not degraded. */
  async isHealthy<const Key extends string>(
    key: Key,
    options?: HealthCheckOptions,
  ): Promise<KafkaHealthResult<Key>> {
    const clusters = this.selectClusters('isHealthy', options);
    const probes = await Promise.all(
      clusters.map((cluster) => this.probe.probe(cluster.name, this.options.brokerTimeoutMs)),
    );
    const report = readinessReport({
      clusters: clusters.map((cluster, index) => ({ ...cluster, probe: probes[index] })),
      runners: this.consumers.runners(),
      producers: this.producers.all().map(({ name, cluster }) => ({ producer: name, cluster })),
      deliveries: this.deliveries.all(),
      now: Date.now(),
      options: this.options,
    });
    return this.result(key, report);
  }

  /** Liveness: only what a restart can fix (stalled polling, a stuck `consume`, a stuck rebalance). */
  async isAlive<const Key extends string>(
    key: Key,
    options?: HealthCheckOptions,
  ): Promise<KafkaHealthResult<Key>> {
    const report = livenessReport({
      clusters: this.selectClusters('isAlive', options),
      runners: this.consumers.runners(),
      now: Date.now(),
      options: this.options,
    });
    return this.result(key, report);
  }

  private result<const Key extends string>(key: Key, report: KafkaHealthReport): KafkaHealthResult<Key> {
    const indicator = this.healthIndicatorService.check(key);
    return report.status === 'up' ? indicator.up(report.details) : indicator.down(report.details);
  }

  private selectClusters(check: string, options: HealthCheckOptions | undefined): ClusterFacts[] {
    const all = this.clusters.all();
    const names = all.map((cluster) => cluster.name);
    const wanted = options?.clusters;
    if (wanted !== undefined && !Array.isArray(wanted)) throw new Error(M.clustersNotList(check, wanted));
    for (const name of wanted ?? []) {
      if (!names.includes(name)) {
        const near = typeof name === 'string' ? didYouMean(name, names) : undefined;
        throw new Error(M.unknownCluster(check, name, names, near));
      }
    }
    return all
      .filter((cluster) => wanted === undefined || wanted.includes(cluster.name))
      .map((cluster) => ({ name: cluster.name, brokers: [...cluster.config.connection.brokers] }));
  }
}
