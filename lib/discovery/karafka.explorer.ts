import { Injectable, type Type } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper';
import { KafkaJobMetadataAccessor } from '../jobs/kafka-job-metadata.accessor';
import type { DiscoveredJob } from '../jobs/plan-job-routes';
import { KafkaTopicMetadataAccessor } from '../routing/kafka-topic-metadata.accessor';
import type { DiscoveredConsumer } from '../routing/routing-table.interface';

/** Finds every `@KafkaTopic` and `@KafkaJob` provider in the app, in any module. */
@Injectable()
export class KarafkaExplorer {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly topicMetadata: KafkaTopicMetadataAccessor,
    private readonly jobMetadata: KafkaJobMetadataAccessor,
  ) {}

  explore(): DiscoveredConsumer[] {
    const found: DiscoveredConsumer[] = [];
    const seen = new Set<object>();
    for (const wrapper of this.discovery.getProviders()) {
      // Factory and value providers have no metatype to read; their instance's class carries the metadata.
      const target = this.classOf(wrapper);
      const topics = this.topicMetadata.getTopics(target);
      if (!target || topics.length === 0) continue;
      const instance = wrapper.instance as object | undefined;
      if (!instance || seen.has(instance)) continue;
      seen.add(instance);
      const methods = this.scanner.getAllMethodNames(Object.getPrototypeOf(instance));
      const hasConsumeMethod = methods.includes('consume');
      found.push({
        instance,
        declarations: topics.map(({ topic, options }) => ({
          topic,
          options,
          className: target.name,
          target,
          hasConsumeMethod,
          // Reported by the routing rules with every other problem, never skipped silently.
          requestScoped: !wrapper.isDependencyTreeStatic(),
        })),
      });
    }
    return found;
  }

  /**
   * Every `@KafkaJob` provider (one per class). Request-scoped ones are returned flagged, not skipped: a job
   * nobody can perform is a bootstrap problem, reported by the jobs layer.
   */
  exploreJobs(): DiscoveredJob[] {
    const found = new Map<object, DiscoveredJob>();
    for (const wrapper of this.discovery.getProviders()) {
      const target = this.classOf(wrapper);
      const metadata = this.jobMetadata.getJobs(target);
      if (!target || metadata.length === 0 || found.has(target)) continue;
      found.set(target, {
        target: target as Type<unknown>,
        metadata,
        instance: wrapper.instance,
        isStatic: wrapper.isDependencyTreeStatic(),
      });
    }
    return [...found.values()];
  }

  private classOf(wrapper: InstanceWrapper): Type<unknown> | undefined {
    const instance = wrapper.instance as object | undefined;
    if (wrapper.metatype && !wrapper.inject) return wrapper.metatype as Type<unknown>;
    return instance?.constructor as Type<unknown> | undefined;
  }
}
