import type { KarafkaMonitor } from '../../instrumentation/karafka-monitor';
import type { ConsumerErroredEvent } from '../../instrumentation/monitor-events.interface';
import type { SubscriptionGroupDefinition } from '../../routing/routing-table.interface';

/** What a subscription group's runner publishes on the monitor, with the group's fields filled in. */
export class RunnerEvents {
  constructor(
    private readonly group: SubscriptionGroupDefinition,
    private readonly monitor: KarafkaMonitor,
  ) {}

  /** Checked before building a `consumer.consumed` event: nothing is built per batch when nobody listens. */
  get wantsConsumed(): boolean {
    return this.monitor.hasListeners('consumer.consumed');
  }

  get wantsConsuming(): boolean {
    return this.monitor.hasListeners('consumer.consuming');
  }

  consuming(topic: string, partition: number, count: number, firstOffset: string): void {
    this.monitor.emit('consumer.consuming', { ...this.base(topic, partition), count, firstOffset });
  }

  consumed(
    topic: string,
    partition: number,
    stats: {
      count: number;
      firstOffset: string;
      lastOffset: string;
      highWatermark: string;
      durationMs: number;
    },
  ): void {
    this.monitor.emit('consumer.consumed', { ...this.base(topic, partition), ...stats });
  }

  polled(batches: number, durationMs: number): void {
    if (!this.monitor.hasListeners('consumer.polled')) return;
    this.monitor.emit('consumer.polled', { ...this.groupBase(), batches, durationMs });
  }

  stateChanged(state: string, previous: string): void {
    this.monitor.emit('consumer.state.changed', { ...this.groupBase(), state, previous });
  }

  rebalancing(): void {
    this.monitor.emit('consumer.rebalancing', this.groupBase());
  }

  rebalanced(assignment: Record<string, number[]>): void {
    this.monitor.emit('consumer.rebalanced', { ...this.groupBase(), assignment });
  }

  errored(
    topic: string,
    partition: number,
    error: Error,
    attempt: number,
    action: ConsumerErroredEvent['action'],
    offset: string,
  ): void {
    this.monitor.emit('consumer.errored', { ...this.base(topic, partition), error, attempt, action, offset });
    this.error('consumer', error, topic);
  }

  error(type: 'consumer' | 'connection', error: Error, topic?: string): void {
    this.monitor.emit('error.occurred', {
      type,
      error,
      cluster: this.group.cluster.name,
      topic,
      subscriptionGroup: this.group.id,
      groupId: this.group.groupId,
    });
  }

  private groupBase() {
    return {
      cluster: this.group.cluster.name,
      groupId: this.group.groupId,
      subscriptionGroup: this.group.id,
    };
  }

  private base(topic: string, partition: number) {
    return { ...this.groupBase(), topic, partition };
  }
}
