import { isNonEmptyString } from '../common/is-non-empty-string';
import type { ConfigProblem } from '../config/kafka-config.types';
import {
  DEFAULT_INITIAL_OFFSET,
  DEFAULT_CONCURRENCY,
  DEFAULT_MAX_MESSAGES,
  DEFAULT_MAX_WAIT_TIME,
  DEFAULT_RETRY,
} from '../config/karafka.defaults';
import type { RoutingOptions } from './routing-options.interface';
import { explicitClientId } from '../config/merge-kafka-input';
import {
  CONSUMER_APP_KEYS,
  CONSUMER_DEFAULT_KEYS,
  TOPIC_OPTION_KEYS,
  isValidTopicName,
  readRoutingOptions,
  type ValidRoutingOptions,
} from './read-routing-options';
import { isPlainObject } from '../common/is-plain-object';
import type {
  RoutingTable,
  SubscriptionGroupDefinition,
  TopicDeclaration,
  TopicRoute,
} from './routing-table.interface';
import type { ClusterDefinition } from '../cluster/cluster-definition.interface';
import { ROUTING_MESSAGES as M } from './routing.messages';
import { SubscriptionGroupAssembler } from './subscription-group-assembler';
import { TopicClusterResolver } from './topic-cluster-resolver';
import type { KafkaTopicOptions } from './topic-options.interface';

/**
 * Karafka's routing rules, as one pure function (see README "Grouping rules"):
 *
 * 1. Effective kafka settings of a topic: none given → the primary cluster's; `cluster: 'x'` → cluster x's,
 *    exactly as if written inline; `kafka` **replaces** them (it must then name brokers) unless `inherit: true`,
 *    which merges it over them.
 * 2. The topic's cluster is the one whose identity (security flavour + sorted brokers) equals the effective
 *    connection's: a named cluster and an inline hash with the same brokers are one cluster; an unknown identity
 *    becomes an `inline:<brokers>` cluster. `cluster: 'x'` with a hash naming other brokers is an error.
 * 3. Settings that exist both as a routing option and a kafka key (group id / `group.id`, initialOffset /
 *    `auto.offset.reset`, maxWaitTime / `fetch.wait.max.ms`) are taken, most specific first, from: the topic's
 *    option, the topic's own `kafka` hash, the `forRoot` option, the cluster's kafka settings, the default
 *    (for the group id: the explicit `client.id`; no default). The route's kafka settings carry the result.
 * 4. Topics of one consumer group share a subscription group (one kafkajs consumer) when cluster, effective kafka
 *    settings, maxMessages, maxWaitTime, initialOffset, concurrency and explicit `subscriptionGroup` name are
 *    all equal.
 *
 * Never throws: every problem is collected, each naming the class and topic at fault. Output order follows
 * the declarations (clusters: primary, named, then inline in order of first use).
 */
export function buildRoutingTable(input: {
  options: RoutingOptions;
  clusters: ClusterDefinition[];
  declarations: TopicDeclaration[];
}): { table: RoutingTable; problems: ConfigProblem[] } {
  return new RoutingTableBuilder(input.options, input.clusters).build(input.declarations);
}

class RoutingTableBuilder {
  private readonly problems: ConfigProblem[] = [];
  private readonly clusters: ClusterDefinition[];
  private readonly appDefaults: ValidRoutingOptions;
  private readonly appGroupId?: string;
  private readonly groups = new SubscriptionGroupAssembler();
  private readonly resolver: TopicClusterResolver;

  constructor(options: RoutingOptions, clusters: ClusterDefinition[]) {
    this.clusters = [...clusters];
    this.resolver = new TopicClusterResolver(this.clusters, (...problems) => this.problems.push(...problems));
    const reportApp = (message: string) => this.problems.push({ where: 'forRoot.consumer', message });
    const consumer: unknown = options.consumer ?? {};
    if (isPlainObject(consumer)) {
      this.appDefaults = readRoutingOptions(
        consumer,
        [...CONSUMER_DEFAULT_KEYS, ...CONSUMER_APP_KEYS],
        reportApp,
      );
    } else {
      reportApp(M.notAnObject('consumer'));
      this.appDefaults = { retry: {} };
    }
    if (options.consumerGroup !== undefined && !isNonEmptyString(options.consumerGroup)) {
      this.problems.push({
        where: 'forRoot',
        message: M.expectedString('consumerGroup', options.consumerGroup),
      });
    } else {
      this.appGroupId = options.consumerGroup;
    }
  }

  build(declarations: TopicDeclaration[]): { table: RoutingTable; problems: ConfigProblem[] } {
    for (const declaration of declarations) this.route(declaration);
    const order = (group: SubscriptionGroupDefinition) => this.clusters.indexOf(group.cluster);
    const subscriptionGroups = this.groups
      .list()
      .map((group, index) => ({ group, index }))
      .sort((a, b) => order(a.group) - order(b.group) || a.index - b.index)
      .map(({ group }) => group);
    return { table: { clusters: this.clusters, subscriptionGroups }, problems: this.problems };
  }

  private route(declaration: TopicDeclaration): void {
    const options: KafkaTopicOptions = declaration.options ?? {};
    const where = M.topicWhere(declaration.topic, declaration.className);
    const before = this.problems.length;
    const report = (message: string) => this.problems.push({ where, message });

    if (!isPlainObject(declaration.options ?? {})) {
      report(M.notAnObject('options'));
      return;
    }
    if (options.active !== undefined && typeof options.active !== 'boolean')
      report(M.expectedBoolean('active', options.active));
    if (options.active === false) return;

    const own = readRoutingOptions(options as Record<string, unknown>, TOPIC_OPTION_KEYS, report);
    if (!isValidTopicName(declaration.topic)) report(M.invalidTopicName('topic', declaration.topic));
    if (!declaration.hasConsumeMethod) report(M.noConsumeMethod(declaration.className));
    if (declaration.requestScoped) report(M.requestScoped(declaration.className));
    if (options.inherit !== undefined && typeof options.inherit !== 'boolean')
      report(M.expectedBoolean('inherit', options.inherit));
    if (options.consumerGroup !== undefined && !isNonEmptyString(options.consumerGroup)) {
      report(M.expectedString('consumerGroup', options.consumerGroup));
    }
    const explicitGroup = options.subscriptionGroup;
    if (
      explicitGroup !== undefined &&
      !(typeof explicitGroup === 'string' && /^[A-Za-z0-9._-]+$/.test(explicitGroup))
    ) {
      report(M.invalidSubscriptionGroupName(explicitGroup));
    }
    const deserializer = options.deserializer ?? 'json';
    if (!['json', 'string', 'raw'].includes(deserializer as string) && typeof deserializer !== 'function') {
      report(M.expectedDeserializer(deserializer));
    }
    const lazyPayload = options.lazyPayload ?? false;
    if (typeof lazyPayload !== 'boolean') report(M.expectedBoolean('lazyPayload', lazyPayload));

    const effective = this.resolver.resolve(options, where, report);
    if (!effective) return;

    const retry = { ...DEFAULT_RETRY, ...this.appDefaults.retry, ...own.retry };
    if (retry.backoffMs > retry.maxBackoffMs) report(M.backoffAboveMax(retry.backoffMs, retry.maxBackoffMs));
    const dlq = own.deadLetterQueue ?? this.appDefaults.deadLetterQueue;
    if (dlq?.topic === declaration.topic) report(M.deadLetterIsTopic(declaration.topic));

    const topicGroupId = this.topicLevel(
      report,
      'consumerGroup',
      options.consumerGroup,
      'group.id',
      effective.own?.consumer.groupId,
    );
    const groupId =
      topicGroupId ??
      this.appGroupId ??
      effective.config.consumer.groupId ??
      explicitClientId(effective.input);
    if (groupId === undefined) report(M.noGroupId());
    const initialOffset =
      this.topicLevel(
        report,
        'initialOffset',
        own.initialOffset,
        'auto.offset.reset',
        effective.own?.consumer.autoOffsetReset,
      ) ??
      this.appDefaults.initialOffset ??
      effective.config.consumer.autoOffsetReset ??
      DEFAULT_INITIAL_OFFSET;
    const maxWaitTime =
      this.topicLevel(
        report,
        'maxWaitTime',
        own.maxWaitTime,
        'fetch.wait.max.ms',
        effective.own?.consumer.maxWaitTimeInMs,
      ) ??
      this.appDefaults.maxWaitTime ??
      effective.config.consumer.maxWaitTimeInMs ??
      DEFAULT_MAX_WAIT_TIME;
    const maxMessages = own.maxMessages ?? this.appDefaults.maxMessages ?? DEFAULT_MAX_MESSAGES;
    const concurrency = own.concurrency ?? this.appDefaults.concurrency ?? DEFAULT_CONCURRENCY;

    if (this.problems.length > before || groupId === undefined) return;

    const route: TopicRoute = {
      topic: declaration.topic,
      className: declaration.className,
      target: declaration.target,
      cluster: effective.cluster,
      groupId,
      maxMessages,
      maxWaitTime,
      initialOffset,
      concurrency,
      retry,
      ...(dlq
        ? { deadLetterQueue: { topic: dlq.topic, maxRetries: dlq.maxRetries ?? retry.maxRetries } }
        : {}),
      deserializer,
      lazyPayload: lazyPayload === true,
      kafka: {
        ...effective.config,
        consumer: {
          ...effective.config.consumer,
          groupId,
          maxWaitTimeInMs: maxWaitTime,
          autoOffsetReset: initialOffset,
        },
      },
      ...(options.config !== undefined ? { config: options.config } : {}),
    };
    this.groups.add(route, explicitGroup, where, report);
  }

  /** Topic-level value of a setting given both as an option and in the topic's own kafka hash. */
  private topicLevel<T>(
    report: (message: string) => void,
    option: string,
    optionValue: T | undefined,
    key: string,
    keyValue: T | undefined,
  ): T | undefined {
    if (optionValue !== undefined && keyValue !== undefined && optionValue !== keyValue) {
      report(M.routingConflict(option, optionValue, key, keyValue));
    }
    return optionValue ?? keyValue;
  }
}
