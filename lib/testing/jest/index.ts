/**
 * `nestjs-karafka/testing/jest`: real Kafka clusters for e2e tests, without Docker. In jest's config:
 * `globalSetup: 'nestjs-karafka/testing/jest/global-setup'` and
 * `globalTeardown: 'nestjs-karafka/testing/jest/global-teardown'`, or your own setup file calling
 * `kafkaGlobalSetup({ clusters: ['primary', 'secondary'] })`.
 */
export { kafkaGlobalSetup, kafkaGlobalTeardown, type KafkaGlobalSetupOptions } from './kafka-global-setup';
export { brokersEnvName } from '../../testbed/brokers-env';
