import { Logger } from '@nestjs/common';
import { describeAccessFailure, principalOf } from '../cluster/access-failure';
import type { ConfigProblem } from '../config/kafka-config.types';
import { DEFAULT_RECONNECT, DEFAULT_START_TIMEOUT_MS } from '../config/karafka.defaults';
import type { DriverClient } from '../driver/kafka-driver.port';
import type { KarafkaMonitor } from '../instrumentation/karafka-monitor';
import type { SubscriptionGroupDefinition } from '../routing/routing-table.interface';
import type { ConsumeHandler } from './consumer-handler.factory';
import type { DeadLetterSink } from './dead-letter';
import { GroupConnection, type ConnectionState } from './connection/group-connection';
import { BatchExecutor } from './processing/batch-executor';
import { topicRuntime, type TopicRuntime } from './processing/batch-scope';
import { FailureHandler } from './processing/failure-handler';
import { PartitionPauses, type PartitionState } from './processing/partition-pauses';
import { RunnerEvents } from './processing/runner-events';

export type RunnerState = ConnectionState;

/** A runner as seen by tests, health checks and the Web UI. */
export interface RunnerInfo {
  /** The subscription group's id. */
  id: string;
  cluster: string;
  brokers: string[];
  groupId: string;
  topics: string[];
  /** `running` = joined the consumer group and fetching. */
  state: RunnerState;
  /** Kafka consumers this runner currently owns (0 or 1). */
  consumers: number;
  /** Partitions assigned at the last group join, by topic. */
  assignment: Record<string, number[]>;
  /** When `state` last changed (epoch ms). */
  stateSince: number;
  /** When the consumer last ended a fetch round, empty or not (epoch ms). */
  lastPollAt?: number;
  /** When the longest `consume` call still running started (epoch ms). */
  consumingSince?: number;
  /** Set while the group rebalances (epoch ms of the start). */
  rebalancingSince?: number;
  /** What the runner knows of each assigned partition it fetched from, without asking the broker. */
  partitions: PartitionProgress[];
}

export interface PartitionProgress {
  topic: string;
  partition: number;
  /** High watermark of the last fetched batch. */
  highWatermark: string;
  /** Last offset consumed (handed to `consume` and returned, or dead-lettered). */
  consumedOffset?: string;
  /** Messages behind the high watermark as last fetched: `highWatermark - (consumedOffset + 1)`, or from the
   * fetched batch's first offset while nothing of it was consumed yet. */
  lag: number;
}

export interface RunnerOptions {
  /** Backoff of the connect/join loop while the cluster is unreachable. */
  reconnect?: { initialMs?: number; maxMs?: number };
  /** `start()` resolves at the latest after this long, even if the group has not joined yet. */
  startTimeoutMs?: number;
}

export interface SubscriptionGroupRunnerDeps {
  client: DriverClient;
  /** The handler of every topic of the group, resolved at bootstrap. */
  handlers: ReadonlyMap<string, ConsumeHandler>;
  monitor: KarafkaMonitor;
  deadLetterSink: DeadLetterSink;
  options?: RunnerOptions;
}

/**
 * One Kafka consumer for one subscription group, composed of Karafka's two halves: the connection
 * (`connection/group-connection.ts`: join, crash, reconnect with backoff, drain on stop) and the processing
 * (`processing/`: the batch executor, the failure handler and the partition pauses). Failures stay inside the
 * runner: other runners never see them.
 */
export class SubscriptionGroupRunner {
  private readonly logger: Logger;
  private readonly topics = new Map<string, TopicRuntime>();
  private readonly pauses: PartitionPauses;
  private readonly connection: GroupConnection;
  private readonly executor: BatchExecutor;
  private stopped: Promise<void> | undefined;

  constructor(
    readonly group: SubscriptionGroupDefinition,
    deps: SubscriptionGroupRunnerDeps,
  ) {
    this.logger = new Logger(`KarafkaConsumer ${group.id}`);
    for (const route of group.topics) {
      const handler = deps.handlers.get(route.topic);
      if (!handler)
        throw new Error(
          `Subscription group ${group.id}: no handler for topic '${route.topic}' (${route.className})`,
        );
      this.topics.set(route.topic, topicRuntime(route, handler));
    }
    const events = new RunnerEvents(group, deps.monitor);
    this.pauses = new PartitionPauses(this.logger);
    const failures = new FailureHandler(group.groupId, deps.deadLetterSink, events, this.logger);
    this.connection = new GroupConnection(
      group,
      [...this.topics.keys()],
      deps.client,
      {
        reconnect: { ...DEFAULT_RECONNECT, ...deps.options?.reconnect },
        startTimeoutMs: deps.options?.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
      },
      events,
      this.logger,
    );
    this.executor = new BatchExecutor(
      group,
      this.topics,
      this.connection,
      this.pauses,
      failures,
      events,
      this.logger,
      deps.monitor.tracing?.consumer({
        cluster: group.cluster.name,
        brokers: group.kafka.connection.brokers,
        groupId: group.groupId,
        subscriptionGroup: group.id,
      }),
    );
  }

  get id(): string {
    return this.group.id;
  }

  /**
   * Set when the cluster refused the first connection for good (wrong credentials, missing ACLs, untrusted
   * certificate): the bootstrap problem it amounts to, naming cluster, group, topics and principal.
   */
  refusal(): ConfigProblem | undefined {
    const refusal = this.connection.refusal;
    if (!refusal) return undefined;
    const { cluster, kafka, groupId } = this.group;
    const topics = [...this.topics.keys()].map((topic) => `'${topic}'`).join(', ');
    return {
      where: `cluster '${cluster.name}' (${kafka.connection.brokers.join(',')}), consumer group '${groupId}' (topics ${topics})`,
      message: `${describeAccessFailure(refusal, principalOf(kafka.connection))}: ${refusal.message}`,
    };
  }

  info(): RunnerInfo {
    return {
      id: this.group.id,
      cluster: this.group.cluster.name,
      brokers: [...this.group.kafka.connection.brokers],
      groupId: this.group.groupId,
      topics: [...this.topics.keys()],
      state: this.connection.state,
      consumers: this.connection.consumer ? 1 : 0,
      assignment: { ...this.connection.assignment },
      stateSince: this.connection.stateSince,
      lastPollAt: this.connection.lastPollAt,
      consumingSince: this.executor.consumingSince(),
      rebalancingSince: this.connection.rebalancingSince,
      partitions: this.partitionProgress(),
    };
  }

  private partitionProgress(): PartitionProgress[] {
    const assigned = this.connection.assignment;
    const progress: PartitionProgress[] = [];
    for (const state of this.pauses.all()) {
      if (state.highWatermark === undefined || !assigned[state.topic]?.includes(state.partition)) continue;
      const next = nextOffset(state);
      progress.push({
        topic: state.topic,
        partition: state.partition,
        highWatermark: state.highWatermark,
        consumedOffset: state.consumedOffset,
        lag: next === undefined ? 0 : Math.max(0, Number(BigInt(state.highWatermark) - next)),
      });
    }
    return progress;
  }

  /**
   * Starts connecting and consuming in the background. Resolves when the group has joined, when the first
   * connection attempt failed (the runner keeps retrying), or after `startTimeoutMs`: never blocks bootstrap on
   * an unreachable cluster.
   */
  start(): Promise<void> {
    return this.connection.start((control) => this.executor.process(control));
  }

  /**
   * Stops fetching, lets the batch in progress finish and commit (at most `timeoutMs`), then disconnects.
   * Messages not handed to `consume` yet stay uncommitted and are delivered to the group's next member.
   */
  stop(timeoutMs: number): Promise<void> {
    this.stopped ??= this.drainAndDisconnect(timeoutMs);
    return this.stopped;
  }

  private async drainAndDisconnect(timeoutMs: number): Promise<void> {
    this.pauses.stop();
    await this.connection.stop(timeoutMs);
    this.logger.log(`Stopped (topics ${[...this.topics.keys()].join(', ')})`);
  }
}

/** The offset `consume` gets next: after the last consumed one, or the start of a batch not consumed yet. */
function nextOffset(state: PartitionState): bigint | undefined {
  const consumed = state.consumedOffset === undefined ? undefined : BigInt(state.consumedOffset) + 1n;
  const fetched = state.fetchedOffset === undefined ? undefined : BigInt(state.fetchedOffset);
  if (consumed === undefined) return fetched;
  return fetched !== undefined && fetched > consumed ? fetched : consumed;
}
