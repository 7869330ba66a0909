/**
 * `nestjs-karafka/testing`: test an app's Kafka side in jest. `KarafkaTesting` runs the app's real routing,
 * consumers, producers and jobs over an in-memory Kafka (unit tests, no broker); the helpers below work against
 * any cluster (e2e tests; `nestjs-karafka/testing/jest` starts local ones).
 */
export { KarafkaTesting } from './karafka-testing';
export type {
  ConsumeAllOptions,
  ConsumeAllResult,
  DeadLetter,
  KarafkaTestingOptions,
  ProducedFilter,
  ProducedMessage,
  TestJob,
  TestMessageMetadata,
  TestProduceOptions,
  WaitingPartition,
} from './karafka-testing.interface';
export { createThrowAwayTopic } from './broker/create-throw-away-topic';
export { readDeadLetters, readMessages, type ReadMessagesOptions } from './broker/read-messages';
export { uniqueName } from './broker/unique-name';
export {
  waitForConsumerGroup,
  waitForConsumers,
  type WaitForConsumedOptions,
} from './broker/wait-for-consumer-group';
export { waitFor, type WaitForOptions } from './wait-for';
