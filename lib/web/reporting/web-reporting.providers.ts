import type { InjectionToken, Provider } from '@nestjs/common';
import { KarafkaAdmin } from '../../admin/karafka-admin';
import { ConsumerManager } from '../../consumer/consumer-manager';
import { KarafkaMonitor } from '../../instrumentation/karafka-monitor';
import { KafkaJobRegistry } from '../../jobs/kafka-job-registry';
import type { KafkaProducer } from '../../producer/kafka-producer';
import { ProducerPool } from '../../producer/producer-pool';
import { ClusterRegistry } from '../../routing/cluster-registry';
import { DEFAULT_WEB_REPORTING } from '../../config/karafka.defaults';
import { MaterializedWebState } from './materialized-web-state';
import { ProcessIdentity } from './process-info';
import { readWebReportingOptions, type ResolvedWebReporting } from './read-web-reporting-options';
import { ReportCollector } from './report-collector';
import { reportingClusterInfo } from './reporting-cluster';
import {
  routedProcessingConsumer,
  WEB_SUBSCRIPTION_GROUP,
  type WebProcessingConsumer,
} from './web-processing.consumer';
import type { ReportingClusterInfo } from './web-report.interface';
import type { WebReportingOptions } from './web-reporting-options.interface';
import { WebState } from './web-state';
import { webTopicSpecs } from './web-topics';
import { WEB_TOPICS_INSTALLER, WebTopicsInstaller } from './web-topics-installer';
import { WebTopicsReader } from './web-topics-reader';
import { WebTracker } from './web-tracker';

/** What every reporting provider is built from, resolved once from the options and the app's producers. */
interface WebReportingContext {
  settings: ResolvedWebReporting;
  reporting: ReportingClusterInfo;
  /** The Web producer's own instance (`web:<producer>`): the Web UI's traffic, counted apart. */
  producer: KafkaProducer;
  /** Bound to the reporting cluster. */
  admin: KarafkaAdmin;
  reader: WebTopicsReader;
  process: ProcessIdentity;
}

const WEB_REPORTING_CONTEXT = Symbol('WEB_REPORTING_CONTEXT');
const WEB_PROCESSING_CONSUMER = Symbol('WEB_PROCESSING_CONSUMER');

/**
 * The Web UI's reporting and processing, for `KarafkaWebModule` to provide: `optionsToken` provides the
 * `WebReportingOptions` (other keys beside them are left alone), and the result includes `WebState`, the read
 * model the pages inject. Needs `KarafkaModule` (global by default): the Web producer is one of its producers.
 *
 * Every process gets the tracker; with `processing: true` also the processing consumer, a `@KafkaTopic` route
 * of the app; with `autoMigrate: true` the reporting topics are created while the module initialises.
 */
export function createWebReportingProviders(optionsToken: InjectionToken): Provider[] {
  return [
    {
      provide: WEB_REPORTING_CONTEXT,
      useFactory: (
        options: WebReportingOptions | undefined,
        producers: ProducerPool,
        clusters: ClusterRegistry,
        admin: KarafkaAdmin,
      ): WebReportingContext => {
        const settings = readWebReportingOptions(options, producers.names());
        const cluster = clusters.get(producers.get(settings.producer).cluster);
        const bound = admin.forCluster(cluster.name);
        return {
          settings,
          reporting: reportingClusterInfo(settings.producer, cluster),
          producer: producers.dedicated(`web:${settings.producer}`, settings.producer),
          admin: bound,
          reader: new WebTopicsReader(bound, settings.topics),
          process: new ProcessIdentity(Date.now()),
        };
      },
      inject: [optionsToken, ProducerPool, ClusterRegistry, KarafkaAdmin],
    },
    {
      provide: WebTopicsInstaller,
      useFactory: ({ admin, reporting, settings }: WebReportingContext) =>
        new WebTopicsInstaller(admin, reporting, webTopicSpecs(settings.topics), settings.autoMigrate),
      inject: [WEB_REPORTING_CONTEXT],
    },
    { provide: WEB_TOPICS_INSTALLER, useExisting: WebTopicsInstaller },
    {
      provide: WebTracker,
      useFactory: (
        context: WebReportingContext,
        monitor: KarafkaMonitor,
        consumers: ConsumerManager,
        clusters: ClusterRegistry,
        producers: ProducerPool,
        jobs: KafkaJobRegistry,
      ) =>
        new WebTracker(
          new ReportCollector({
            monitor,
            process: context.process,
            reporting: context.reporting,
            runners: () => consumers.runners(),
            concurrency: (id) =>
              (clusters.hasRouting
                ? clusters.subscriptionGroups().find((group) => group.id === id)
                : undefined
              )?.concurrency ?? 1,
            producers: () => producers.every(),
            jobProducers: () => jobs.jobProducers(),
            webProducer: context.producer.name,
            webSubscriptionGroup: WEB_SUBSCRIPTION_GROUP,
          }),
          context.producer,
          context.settings.topics,
          context.settings.trackingInterval,
        ),
      inject: [
        WEB_REPORTING_CONTEXT,
        KarafkaMonitor,
        ConsumerManager,
        ClusterRegistry,
        ProducerPool,
        KafkaJobRegistry,
      ],
    },
    {
      provide: WEB_PROCESSING_CONSUMER,
      useFactory: (
        { settings, reporting, producer, reader, process }: WebReportingContext,
        monitor: KarafkaMonitor,
      ): WebProcessingConsumer | null => {
        if (!settings.processing) return null;
        const Consumer = routedProcessingConsumer({
          cluster: reporting.name,
          consumerGroup: settings.consumerGroup,
          reportsTopic: settings.topics.reports,
        });
        return new Consumer({
          reader,
          producer,
          monitor,
          topics: settings.topics,
          processTtlMs: settings.processTtlMs,
          flushIntervalMs: DEFAULT_WEB_REPORTING.flushInterval,
          processId: process.id,
        });
      },
      inject: [WEB_REPORTING_CONTEXT, KarafkaMonitor],
    },
    {
      provide: WebState,
      useFactory: (
        context: WebReportingContext,
        processing: WebProcessingConsumer | null,
        tracker: WebTracker,
      ) =>
        new MaterializedWebState({
          settings: context.settings,
          reporting: context.reporting,
          processing,
          reader: context.reader,
          admin: context.admin,
          tracker,
          webProducer: context.producer.name,
          processId: context.process.id,
        }),
      inject: [WEB_REPORTING_CONTEXT, WEB_PROCESSING_CONSUMER, WebTracker],
    },
  ];
}
