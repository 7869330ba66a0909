import type { logCreator } from 'kafkajs';
import type { KafkaConfigInput } from './kafka-config.types';
import type { ConsumerConnectionOptions } from '../consumer/runner-options';
import type { ConsumerRoutingDefaults } from '../routing/topic-options.interface';
import type { PayloadSerializer } from '../producer/serialization';
import type { TopicsOption } from '../topics/topic-config.interface';

/** A named producer: which cluster it writes to and its own producer settings. */
export interface ProducerDefinitionOptions {
  /** Name of a cluster (`primary` or a key of `clusters`). Defaults to `primary`. */
  cluster?: string;
  /** Extra librdkafka/kafkajs keys for this producer; merged over the cluster's settings. */
  kafka?: KafkaConfigInput;
  /** How payloads that are not Buffers/strings are encoded. Defaults to JSON. */
  serializer?: PayloadSerializer;
  /** Serializers for particular topics of this producer; they win over `serializer`. */
  topicSerializers?: Record<string, PayloadSerializer>;
}

export interface KarafkaModuleOptions {
  /** The primary cluster. Consumers, the default producer, jobs, admin and reporting use it unless told otherwise. */
  kafka: KafkaConfigInput;
  /** Other clusters by name. `primary` is reserved for `kafka`. */
  clusters?: Record<string, KafkaConfigInput>;
  /** Default consumer group id for every `@KafkaTopic` (Karafka's `client_id`-derived group). */
  consumerGroup?: string;
  /** Named producers, injected with `@InjectProducer(name)`. */
  producers?: Record<string, ProducerDefinitionOptions>;
  /** Redefines the primary producer (`@InjectProducer()`), e.g. `{ cluster: 'secondary' }`. */
  producer?: ProducerDefinitionOptions;
  /**
   * Defaults for every topic (batch size, wait time, initial offset, retries, ...), and the consumers' own
   * `reconnect: { initialMs, maxMs }` backoff and `startTimeout`.
   */
  consumer?: ConsumerRoutingDefaults & ConsumerConnectionOptions;
  /** Max time (ms) `app.close()` waits for in-flight batches before disconnecting. Default 30000. */
  shutdownTimeout?: number;
  /** Log the routing table at start (secrets redacted). Default true. */
  logRoutingTable?: boolean;
  /** Pass kafkajs' logs to this creator instead of Nest's Logger. */
  logCreator?: logCreator;
  /** Interval (ms) of `statistics.emitted` on the KarafkaMonitor for every producer. Default 5000; 0 = off. */
  statisticsInterval?: number;
  /** Start consumers on application bootstrap. Default true; false is useful for producer-only apps and tests. */
  autoStartConsumers?: boolean;
  /**
   * Declarative topics: `[{ name, cluster?, partitions, ... }]` for topics the app does not consume, or
   * `{ declarations?, autoMigrate? }`. Applied by `npx nestjs-karafka topics migrate|align`.
   */
  topics?: TopicsOption;
}
