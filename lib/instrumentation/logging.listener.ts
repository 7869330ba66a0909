import { Logger } from '@nestjs/common';
import type { KarafkaMonitor } from './karafka-monitor';
import type { ErrorOccurredEvent } from './monitor-events.interface';

/**
 * The default listener (Karafka's LoggerListener): logs every `error.occurred` through Nest's Logger,
 * naming where it happened. The module attaches it at start; users add their own listeners next to it.
 */
export class LoggingListener {
  private readonly logger = new Logger('Karafka');
  private unsubscribe?: () => void;

  attach(monitor: KarafkaMonitor): void {
    this.detach();
    this.unsubscribe = monitor.on('error.occurred', (event) =>
      this.logger.error(describe(event), event.error.stack),
    );
  }

  detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}

function describe({
  type,
  error,
  cluster,
  producer,
  topic,
  subscriptionGroup,
  groupId,
}: ErrorOccurredEvent): string {
  const where = [
    producer && `producer '${producer}'`,
    cluster && `cluster '${cluster}'`,
    groupId && `group '${groupId}'`,
    subscriptionGroup && `subscription group '${subscriptionGroup}'`,
    topic && `topic '${topic}'`,
  ].filter(Boolean);
  return `${type} error${where.length > 0 ? ` (${where.join(', ')})` : ''}: ${error.message}`;
}
