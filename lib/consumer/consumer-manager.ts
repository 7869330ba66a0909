import type { RunnerInfo } from './subscription-group-runner';

/**
 * The app's consumers as users, health checks and the Web UI see them: one runner per subscription group.
 * Read-only; the module prepares, starts and stops them (`ConsumerRunnerPool`, the same object).
 */
export abstract class ConsumerManager {
  /** One entry per subscription group: id, cluster, group id, topics, state and live consumer count. */
  abstract runners(): RunnerInfo[];

  /** Kafka consumers alive right now, over all subscription groups. */
  abstract liveConsumerCount(): number;
}
