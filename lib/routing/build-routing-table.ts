import { didYouMean } from '../config/did-you-mean';
import type { ConfigProblem, KafkaConfigInput, NormalizedKafkaConfig } from '../config/kafka-config.types';
import {
  DEFAULT_INITIAL_OFFSET,
  DEFAULT_CONCURRENCY,
  DEFAULT_MAX_MESSAGES,
  DEFAULT_MAX_WAIT_TIME,
  DEFAULT_RETRY,
} from '../config/karafka.defaults';
import type { KarafkaModuleOptions } from '../config/karafka-options.interface';
import {
  clusterIdentity,
  explicitClientId,
  fingerprint,
  hasBrokers,
  mergeKafkaInput,
  normalizeKafkaConfig,
} from '../config/normalize-kafka-config';
import { PRIMARY_CLUSTER } from '../karafka.constants';
import {
  FOR_ROOT_CONSUMER_KEYS,
  TOPIC_OPTION_KEYS,
  isPlainObject,
  isValidTopicName,
  readRoutingOptions,
  type ValidRoutingOptions,
} from './read-routing-options';
import type {
  ClusterDefinition,
  RoutingTable,
  SubscriptionGroupDefinition,
  TopicDeclaration,
  TopicRoute,
} from './routing-table.interface';
import { ROUTING_MESSAGES as M } from './routing.messages';
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
  options: KarafkaModuleOptions;
  clusters: ClusterDefinition[];
  declarations: TopicDeclaration[];
}): { table: RoutingTable; problems: ConfigProblem[] } {
  return new RoutingTableBuilder(input.options, input.clusters).build(input.declarations);
}

interface EffectiveKafka {
  cluster: ClusterDefinition;
  input: KafkaConfigInput;
  config: NormalizedKafkaConfig;
  /** The topic's own `kafka` hash, normalised alone (most specific kafka-level settings). */
  own?: NormalizedKafkaConfig;
}

class RoutingTableBuilder {
  private readonly problems: ConfigProblem[] = [];
  private readonly clusters: ClusterDefinition[];
  private readonly appDefaults: ValidRoutingOptions;
  private readonly appGroupId?: string;
  private readonly groups = new Map<string, SubscriptionGroupDefinition>();
  private readonly explicitGroups = new Map<string, { key: string; where: string }>();
  private readonly groupCounters = new Map<string, number>();
  private readonly routed = new Map<string, string>();
  private readonly clusterProblems = new Map<ClusterDefinition, Set<string>>();

  constructor(options: KarafkaModuleOptions, clusters: ClusterDefinition[]) {
    this.clusters = [...clusters];
    const reportApp = (message: string) => this.problems.push({ where: 'forRoot.consumer', message });
    const consumer: unknown = options.consumer ?? {};
    if (isPlainObject(consumer)) {
      this.appDefaults = readRoutingOptions(consumer, FOR_ROOT_CONSUMER_KEYS, reportApp);
    } else {
      reportApp(M.notAnObject('consumer'));
      this.appDefaults = { retry: {} };
    }
    if (options.consumerGroup !== undefined && !nonEmptyString(options.consumerGroup)) {
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
    const subscriptionGroups = [...this.groups.values()]
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
    if (options.consumerGroup !== undefined && !nonEmptyString(options.consumerGroup)) {
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

    const effective = this.effectiveKafka(options, where, report);
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
    this.addToGroup(route, explicitGroup, where, report);
  }

  /** Rule 1 and 2: the effective kafka settings and the cluster they identify. */
  private effectiveKafka(
    options: KafkaTopicOptions,
    where: string,
    report: (message: string) => void,
  ): EffectiveKafka | undefined {
    const base = this.baseCluster(options.cluster, report);
    if (!base) return undefined;
    if (options.kafka === undefined) {
      if (options.inherit === true) report(M.inheritWithoutKafka());
      return { cluster: base, input: base.input, config: base.config };
    }
    if (!isPlainObject(options.kafka)) {
      report(M.notAnObject('kafka'));
      return undefined;
    }
    // The hash alone gives the topic-level values of rule 3; its problems count only when it replaces.
    const own = normalizeKafkaConfig(options.kafka, where);
    let input: KafkaConfigInput;
    let config: NormalizedKafkaConfig;
    if (options.inherit === true) {
      input = mergeKafkaInput(base.input, options.kafka);
      const merged = normalizeKafkaConfig(input, where);
      // The base cluster's own problems were reported under its name already.
      const known = this.problemsOf(base);
      this.problems.push(...merged.problems.filter((p) => !known.has(p.message)));
      config = merged.config;
    } else {
      this.problems.push(...own.problems);
      if (!hasBrokers(options.kafka)) {
        report(
          M.replaceWithoutBrokers(
            options.cluster === undefined ? 'root (forRoot.kafka)' : `cluster '${base.name}'`,
          ),
        );
        return undefined;
      }
      input = options.kafka;
      config = own.config;
    }
    if (config.connection.brokers.length === 0) return undefined;

    const identity = clusterIdentity(config.connection);
    if (options.cluster !== undefined) {
      if (identity !== base.identity) {
        report(M.clusterBoundTwice(base.name, base.identity, identity));
        return undefined;
      }
      return { cluster: base, input, config, own: own.config };
    }
    return { cluster: this.clusterWithIdentity(identity, input, config), input, config, own: own.config };
  }

  private baseCluster(
    name: string | undefined,
    report: (message: string) => void,
  ): ClusterDefinition | undefined {
    if (name !== undefined && !nonEmptyString(name)) {
      report(M.expectedString('cluster', name));
      return undefined;
    }
    const wanted = name ?? PRIMARY_CLUSTER;
    const cluster = this.clusters.find((c) => c.name === wanted && c.origin !== 'inline');
    // A missing primary was reported by resolveClusters; an unknown name is the topic's fault.
    if (!cluster && name !== undefined) {
      const known = this.clusters.filter((c) => c.origin !== 'inline').map((c) => c.name);
      report(M.unknownCluster(name, known, didYouMean(name, known)));
    }
    return cluster;
  }

  private clusterWithIdentity(
    identity: string,
    input: KafkaConfigInput,
    config: NormalizedKafkaConfig,
  ): ClusterDefinition {
    const known = this.clusters.find((c) => c.identity === identity);
    if (known) return known;
    const inline: ClusterDefinition = {
      name: `inline:${identity.replace(/^plaintext:\/\//, '')}`,
      identity,
      origin: 'inline',
      config,
      input,
    };
    this.clusters.push(inline);
    return inline;
  }

  private problemsOf(cluster: ClusterDefinition): Set<string> {
    let messages = this.clusterProblems.get(cluster);
    if (!messages) {
      messages = new Set(normalizeKafkaConfig(cluster.input, cluster.name).problems.map((p) => p.message));
      this.clusterProblems.set(cluster, messages);
    }
    return messages;
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

  /** Rule 4, plus the duplicate-route and explicit-name checks. */
  private addToGroup(
    route: TopicRoute,
    explicitName: string | undefined,
    where: string,
    report: (message: string) => void,
  ): void {
    const routeKey = `${route.cluster.identity}|${route.groupId}|${route.topic}`;
    const first = this.routed.get(routeKey);
    if (first) {
      report(M.duplicateRoute(route.topic, route.groupId, route.cluster.name, first));
      return;
    }
    this.routed.set(routeKey, where);

    const key = fingerprint([
      route.cluster.name,
      route.cluster.identity,
      route.groupId,
      route.kafka,
      route.maxMessages,
      route.maxWaitTime,
      route.initialOffset,
      route.concurrency,
      explicitName ?? null,
    ]);
    if (explicitName !== undefined) {
      const named = this.explicitGroups.get(explicitName);
      if (named && named.key !== key) {
        report(M.subscriptionGroupReused(explicitName, named.where));
        return;
      }
      this.explicitGroups.set(explicitName, { key, where });
    }
    let group = this.groups.get(key);
    if (!group) {
      group = {
        id: explicitName ?? this.nextGroupId(route),
        cluster: route.cluster,
        groupId: route.groupId,
        kafka: route.kafka,
        maxMessages: route.maxMessages,
        maxWaitTime: route.maxWaitTime,
        initialOffset: route.initialOffset,
        concurrency: route.concurrency,
        topics: [],
      };
      this.groups.set(key, group);
    }
    group.topics.push(route);
  }

  private nextGroupId(route: TopicRoute): string {
    const prefix = `${route.groupId}@${route.cluster.name}`;
    const n = this.groupCounters.get(prefix) ?? 0;
    this.groupCounters.set(prefix, n + 1);
    return `${prefix}#${n}`;
  }
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
