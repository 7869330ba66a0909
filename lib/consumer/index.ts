export type { KafkaMessage } from '../message/kafka-message.interface';
export { KafkaContext } from './kafka-context';
export { Payload, Messages, Ctx } from './consume-params.decorators';
export { KARAFKA_CONTEXT_TYPE } from './consumer.constants';
export {
  ConsumerHandlerFactory,
  isKarafkaContext,
  getKarafkaArgs,
  type ConsumeHandler,
} from './consumer-handler.factory';
export { NonRetriableError, DeserializationError } from '../message/non-retriable.error';
export { KarafkaValidationPipe, type KarafkaValidationPipeOptions } from './karafka-validation.pipe';
export { PayloadValidationError, type InvalidPayload } from './payload-validation.error';
export { isNonRetriable } from './failure-policy';
export { DEAD_LETTER_HEADERS, type DeadLetterSink } from './dead-letter';
export type { PayloadDeserializer } from '../routing/payload-deserializer.interface';
export {
  SubscriptionGroupRunner,
  type RunnerInfo,
  type RunnerState,
  type RunnerOptions,
} from './subscription-group-runner';
export { ConsumerManager, type ConsumerManagerOptions, type ConsumerInstance } from './consumer-manager';
