import { DEFAULT_PRODUCER } from './producer.constants';
import { KafkaProducer } from './kafka-producer';

const NAMED_PRODUCER_TOKEN = 'nestjs-karafka:producer:';

/**
 * The injection token of a producer: the `KafkaProducer` class itself for the default producer (so it is
 * injectable by type), `nestjs-karafka:producer:<name>` for a named one. For tests and `moduleRef.get`.
 */
export function getProducerToken(name?: string): typeof KafkaProducer | string {
  return name === undefined || name === DEFAULT_PRODUCER ? KafkaProducer : `${NAMED_PRODUCER_TOKEN}${name}`;
}

/** The producer name a named producer's token stands for; undefined for any other token. */
export function producerNameOfToken(token: unknown): string | undefined {
  return typeof token === 'string' && token.startsWith(NAMED_PRODUCER_TOKEN)
    ? token.slice(NAMED_PRODUCER_TOKEN.length)
    : undefined;
}
