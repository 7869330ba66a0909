import type { ClusterOptions } from './cluster/cluster-options.interface';
import type { KafkajsLogCreator } from './driver/kafkajs/kafkajs-log';
import type { TracingOptions } from './instrumentation/tracing/tracing-options.interface';
import type { ProducersOptions } from './producer/producer-options.interface';
import type { RoutingOptions } from './routing/routing-options.interface';
import type { DeclarativeTopicsOptions } from './topics/topics-options.interface';

/**
 * `KarafkaModule.forRoot(...)`: each part is owned by the folder that reads it (clusters, routing, producers,
 * declarative topics, tracing); what only the module itself reads is here.
 */
export interface KarafkaModuleOptions
  extends ClusterOptions, RoutingOptions, ProducersOptions, DeclarativeTopicsOptions, TracingOptions {
  /** Max time (ms) `app.close()` waits for in-flight batches before disconnecting. Default 30000. */
  shutdownTimeout?: number;
  /** Interval (ms) of `statistics.emitted` on the KarafkaMonitor for every producer. Default 5000; 0 = off. */
  statisticsInterval?: number;
  /**
   * @deprecated Use `driverLog`, which receives the entries of any driver. A kafkajs `logCreator` still replaces
   * the forwarding of kafkajs' logs; it cannot be combined with `driverLog`.
   */
  logCreator?: KafkajsLogCreator;
  /** Start consumers on application bootstrap. Default true; false is useful for producer-only apps and tests. */
  autoStartConsumers?: boolean;
}
