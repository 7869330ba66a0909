import type { ConsumerRoutingDefaults } from './topic-options.interface';

/** How every subscription group's consumer connects; app-wide, not per topic. */
export interface ConsumerConnectionOptions {
  /** Backoff (ms) of the connect/join loop while a cluster is unreachable. Default 1000 doubling to 10000. */
  reconnect?: { initialMs?: number; maxMs?: number };
  /** ms the app's start waits for a group to join before going on (it keeps trying). Default 30000. */
  startTimeout?: number;
}

/** The routing part of `forRoot`: what every `@KafkaTopic` (and job route) inherits. */
export interface RoutingOptions {
  /** Default consumer group id for every `@KafkaTopic` (Karafka's `client_id`-derived group). */
  consumerGroup?: string;
  /** Defaults for every topic (batch size, wait time, initial offset, retries, ...). */
  consumer?: ConsumerRoutingDefaults & ConsumerConnectionOptions;
  /** Log the routing table at start (secrets redacted). Default true. */
  logRoutingTable?: boolean;
}
