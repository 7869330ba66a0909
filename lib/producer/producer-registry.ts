import type { KafkaProducer } from './kafka-producer';

/**
 * The app's producers, injectable by this class: the default one and the named ones of
 * `forRoot({ producers })`. A read-only view: the module creates the producers, and flushes and closes
 * them on shutdown.
 */
export abstract class ProducerRegistry {
  /** The default producer, or the named one; an unknown name is an error listing the configured ones. */
  abstract get(name?: string): KafkaProducer;

  /** Whether a producer of that name is configured. */
  abstract has(name: string): boolean;

  /** Names of the configured producers (`default` first). */
  abstract names(): string[];

  /** The configured producers. */
  abstract all(): KafkaProducer[];

  /** Connects every configured producer now (otherwise each connects on first use); rejects naming each
   * one that could not connect. */
  abstract connectAll(): Promise<void>;
}
