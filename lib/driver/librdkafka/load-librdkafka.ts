import type * as Rdkafka from '@confluentinc/kafka-javascript';

export type RdkafkaModule = typeof Rdkafka;

let rdkafka: RdkafkaModule | undefined;

/**
 * @confluentinc/kafka-javascript is an optional peer, loaded when the librdkafka driver creates its first client:
 * an app on kafkajs never needs it (nor its native binary). Throws naming the install command when it is missing.
 */
export function loadLibrdkafka(): RdkafkaModule {
  if (!rdkafka) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      rdkafka = require('@confluentinc/kafka-javascript') as RdkafkaModule;
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw cause;
      throw new Error(
        "forRoot({ driver: 'librdkafka' }) needs @confluentinc/kafka-javascript, an optional peer dependency that is not installed: npm install @confluentinc/kafka-javascript",
        { cause },
      );
    }
  }
  return rdkafka;
}
