import type { ConsumerRoutingDefaults } from './topic-options.interface';

/** The routing part of `forRoot`: what every `@KafkaTopic` (and job route) inherits. */
export interface RoutingOptions {
  /** Default consumer group id for every `@KafkaTopic` (Karafka's `client_id`-derived group). */
  consumerGroup?: string;
  /** Defaults for every topic (batch size, wait time, initial offset, retries, ...). */
  consumer?: ConsumerRoutingDefaults;
  /** Log the routing table at start (secrets redacted). Default true. */
  logRoutingTable?: boolean;
}
