import type { Logger } from '@nestjs/common';
import { deferred, settlesWithin } from '../../common/deferred';
import { asError, errorMessage } from '../../common/error-message';
import { DISCONNECT_TIMEOUT_MS } from '../../config/karafka.defaults';
import type {
  DriverBatchControl,
  DriverClient,
  DriverConsumer,
  DriverConsumerEvents,
  DriverTopicPartitionOffset,
} from '../../driver/kafka-driver.port';
import type { SubscriptionGroupDefinition } from '../../routing/routing-table.interface';
import { isAccessFailure } from '../../cluster/access-failure';
import type { DriverError } from '../../driver/driver-error';
import type { ExecutorLifecycle } from '../processing/batch-executor';
import type { RunnerEvents } from '../processing/runner-events';

export type ConnectionState = 'idle' | 'connecting' | 'running' | 'reconnecting' | 'stopping' | 'stopped';

export interface GroupConnectionOptions {
  reconnect: { initialMs: number; maxMs: number };
  startTimeoutMs: number;
}

/**
 * The group's consumer and its supervision (Karafka's `connection/`): connect, subscribe and run; on a crash the
 * driver will not recover from, start over with backoff; on stop, let the batch in progress finish and commit,
 * then disconnect.
 */
export class GroupConnection implements ExecutorLifecycle {
  private current: ConnectionState = 'idle';
  /** When the state last changed (epoch ms). */
  stateSince = Date.now();
  /** When the consumer last ended a fetch round (epoch ms); undefined before the first. */
  lastPollAt: number | undefined;
  /** Set while the group rebalances: from the driver's `rebalancing` until the next `joined`. */
  rebalancingSince: number | undefined;
  consumer: DriverConsumer | undefined;
  /** Partitions assigned at the last group join, by topic. */
  assignment: Record<string, number[]> = {};
  stopping = false;
  abandoned = false;
  /** Why the first connection was refused for good (credentials, ACLs, certificate); the runner stays down. */
  refusal: DriverError | undefined;
  private joinedOnce = false;
  /** The member id of the last join, handed to the next consumer in case that member could not leave. */
  private memberId: string | undefined;

  private loop: Promise<void> | undefined;
  private onBatch: (control: DriverBatchControl) => Promise<void> = async () => undefined;
  private readonly started = deferred<void>();
  private readonly stopSignal = deferred<void>();
  private stopped: Promise<void> | undefined;

  constructor(
    private readonly group: SubscriptionGroupDefinition,
    private readonly topics: readonly string[],
    private readonly client: DriverClient,
    private readonly options: GroupConnectionOptions,
    private readonly events: RunnerEvents,
    private readonly logger: Logger,
  ) {}

  get state(): ConnectionState {
    return this.current;
  }

  set state(state: ConnectionState) {
    if (state === this.current) return;
    const previous = this.current;
    this.current = state;
    this.stateSince = Date.now();
    this.events.stateChanged(state, previous);
  }

  /** See `SubscriptionGroupRunner.start`; every fetched batch goes to `onBatch`. */
  async start(onBatch: (control: DriverBatchControl) => Promise<void>): Promise<void> {
    if (this.loop) return;
    this.onBatch = onBatch;
    this.state = 'connecting';
    this.loop = this.supervise().catch((error: unknown) => {
      // Only a driver that rejects its own settings gets here: retrying cannot help, so say so and stay down.
      this.state = 'stopped';
      this.consumer = undefined;
      this.logger.error(`Cannot create a consumer for ${this.describeCluster()}: ${errorMessage(error)}`);
      this.events.error('connection', asError(error));
      this.started.resolve();
    });
    await settlesWithin(this.started.promise, this.options.startTimeoutMs);
  }

  /** See `SubscriptionGroupRunner.stop`. */
  stop(timeoutMs: number): Promise<void> {
    this.stopped ??= this.drainAndDisconnect(timeoutMs);
    return this.stopped;
  }

  seek(target: DriverTopicPartitionOffset): void {
    this.consumer?.seek(target);
  }

  private async drainAndDisconnect(timeoutMs: number): Promise<void> {
    this.stopping = true;
    this.state = 'stopping';
    this.stopSignal.resolve();
    const consumer = this.consumer;
    if (consumer) {
      const drained = await settlesWithin(consumer.stop(), timeoutMs);
      if (!drained) {
        this.abandoned = true;
        this.logger.warn(
          `The batch in progress did not finish within ${timeoutMs} ms; leaving it behind. Its messages are not committed and will be delivered again.`,
        );
      }
      // Without a drain the driver only disconnects once the handler returns: do not wait for that.
      await settlesWithin(this.disconnect(consumer), drained ? DISCONNECT_TIMEOUT_MS : 0);
    }
    if (this.loop) await settlesWithin(this.loop, this.abandoned ? 0 : DISCONNECT_TIMEOUT_MS);
    this.consumer = undefined;
    this.state = 'stopped';
  }

  describeCluster(): string {
    return `cluster '${this.group.cluster.name}' (${this.group.kafka.connection.brokers.join(',')})`;
  }

  /** Connect → subscribe → run; on a failure the driver will not recover from, start over with backoff. */
  private async supervise(): Promise<void> {
    let attempts = 0;
    while (!this.stopping) {
      const consumer = this.client.consumer({
        ...this.group.kafka.consumer,
        groupId: this.group.groupId,
        maxWaitTimeInMs: this.group.maxWaitTime,
        previousMemberId: this.memberId,
      });
      this.consumer = consumer;
      const crashed = deferred<Error>();
      const listeners = [
        consumer.on('joined', (event) => {
          attempts = 0;
          this.onJoined(event);
        }),
        consumer.on('crashed', (event) => this.onCrash(event, crashed.resolve)),
        consumer.on('fetched', ({ batches, durationMs }) => {
          this.lastPollAt = Date.now();
          this.events.polled(batches, durationMs);
        }),
        consumer.on('rebalancing', () => {
          this.rebalancingSince ??= Date.now();
          this.events.rebalancing();
        }),
        consumer.on('staleMemberRemoved', (event) => this.onStaleMemberRemoved(event)),
      ];
      const failure = await this.runUntilFailure(consumer, crashed.promise);
      for (const off of listeners) off();
      if (this.stopping) {
        // stop() drains and disconnects this consumer; a connect that completed after that is closed here.
        await this.disconnect(consumer);
        return;
      }
      attempts += 1;
      const reason = failure ?? new Error('the consumer stopped unexpectedly');
      // Refused access before ever joining is a settings problem: say so at bootstrap instead of retrying
      // forever. After a join it may be a credential rotation under way, so the loop keeps trying then.
      if (!this.joinedOnce && isAccessFailure(reason)) {
        await this.refuse(consumer, reason);
        return;
      }
      await this.backOff(consumer, reason, attempts);
    }
  }

  /** Resolves with the failure that ended the consumer, or undefined when it ended because of `stop`. */
  private async runUntilFailure(
    consumer: DriverConsumer,
    crashed: Promise<Error>,
  ): Promise<Error | undefined> {
    try {
      await consumer.connect();
      if (!this.stopping) {
        await consumer.subscribe({
          topics: [...this.topics],
          fromBeginning: this.group.initialOffset === 'earliest',
        });
      }
      if (this.stopping) return undefined;
      await consumer.run({
        eachBatch: this.onBatch,
        partitionsConsumedConcurrently: this.group.concurrency,
      });
      return await Promise.race([crashed, this.stopSignal.promise.then(() => undefined)]);
    } catch (error) {
      return asError(error);
    }
  }

  private async backOff(consumer: DriverConsumer, reason: Error, attempts: number): Promise<void> {
    const { initialMs, maxMs } = this.options.reconnect;
    const delay = Math.min(initialMs * 2 ** (attempts - 1), maxMs);
    this.state = 'reconnecting';
    this.consumer = undefined;
    this.assignment = {};
    this.rebalancingSince = undefined;
    this.logger.warn(
      `Cannot consume from ${this.describeCluster()}: ${reason.message}. Reconnecting in ${delay} ms (attempt ${attempts}).`,
    );
    this.events.error('connection', reason);
    this.started.resolve();
    await this.disconnect(consumer);
    await Promise.race([
      new Promise((resolve) => setTimeout(resolve, delay).unref()),
      this.stopSignal.promise,
    ]);
  }

  private async refuse(consumer: DriverConsumer, reason: DriverError): Promise<void> {
    this.refusal = reason;
    this.state = 'stopped';
    this.consumer = undefined;
    this.events.error('connection', reason);
    await this.disconnect(consumer);
    this.started.resolve();
  }

  private onJoined(event: DriverConsumerEvents['joined']): void {
    this.joinedOnce = true;
    this.memberId = event.memberId;
    const wasReconnecting = this.state === 'reconnecting';
    this.state = this.stopping ? 'stopping' : 'running';
    this.assignment = event.assignment;
    this.rebalancingSince = undefined;
    this.events.rebalanced(event.assignment);
    if (wasReconnecting) this.logger.log(`Consuming again from ${this.describeCluster()}.`);
    this.started.resolve();
  }

  private onStaleMemberRemoved({ memberId, error }: DriverConsumerEvents['staleMemberRemoved']): void {
    const member = `member '${memberId}' of group '${this.group.groupId}' on ${this.describeCluster()}`;
    if (error) {
      this.logger.warn(
        `Cannot remove ${member}, left behind by the lost connection: ${error.message}. The group waits for its session timeout before the rejoin completes.`,
      );
    } else {
      this.logger.log(
        `Removed ${member}, left behind by the lost connection, so the rejoin does not wait for it.`,
      );
    }
  }

  /** The driver restarts a consumer after a retriable crash; after any other crash the supervisor starts over. */
  private onCrash(
    { error, willRestart }: DriverConsumerEvents['crashed'],
    giveUp: (error: Error) => void,
  ): void {
    if (this.stopping) return;
    if (!willRestart) {
      giveUp(error);
      return;
    }
    if (this.state !== 'reconnecting') {
      this.logger.warn(
        `Lost ${this.describeCluster()}: ${error.message}. The consumer restarts itself and resumes when the cluster is back.`,
      );
      this.events.error('connection', error);
    }
    this.state = 'reconnecting';
    this.started.resolve();
  }

  private async disconnect(consumer: DriverConsumer): Promise<void> {
    try {
      await consumer.disconnect();
    } catch (error) {
      this.logger.warn(`Disconnecting from ${this.describeCluster()} failed: ${errorMessage(error)}`);
    }
  }
}
