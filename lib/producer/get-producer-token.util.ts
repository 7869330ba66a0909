import { DEFAULT_PRODUCER } from './producer.constants';
import { KafkaProducer } from './kafka-producer';

/**
 * The injection token of a producer: the `KafkaProducer` class itself for the default producer (so it is
 * injectable by type), `nestjs-karafka:producer:<name>` for a named one. For tests and `moduleRef.get`.
 */
export function getProducerToken(name?: string): typeof KafkaProducer | string {
  return name === undefined || name === DEFAULT_PRODUCER ? KafkaProducer : `nestjs-karafka:producer:${name}`;
}
