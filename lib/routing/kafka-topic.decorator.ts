import { KAFKA_TOPIC_METADATA } from './routing.constants';
import type { KafkaTopicOptions } from './topic-options.interface';

export interface KafkaTopicMetadata {
  topic: string;
  options: KafkaTopicOptions;
}

/**
 * Marks a provider as the consumer of `topic`. Only records metadata: nothing connects until the app
 * bootstraps. Stackable: one class may consume several topics (each gets its own route).
 *
 * @example @KafkaTopic('orders')                                   // primary cluster
 * @example @KafkaTopic('audit', { cluster: 'secondary' })         // a named cluster
 * @example @KafkaTopic('example2', { kafka: { 'bootstrap.servers': 'host:9092' } }) // inline cluster
 */
export function KafkaTopic(topic: string, options: KafkaTopicOptions = {}): ClassDecorator {
  return (target) => {
    const existing: KafkaTopicMetadata[] = Reflect.getOwnMetadata(KAFKA_TOPIC_METADATA, target) ?? [];
    // Decorators apply bottom-up; unshift keeps the routes in the order they are written.
    Reflect.defineMetadata(KAFKA_TOPIC_METADATA, [{ topic, options }, ...existing], target);
  };
}
