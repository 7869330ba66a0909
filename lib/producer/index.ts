export { KafkaProducer } from './kafka-producer';
export { KafkaProduceError } from './kafka-produce.error';
export { ProducerRegistry, type ProducerRegistryOptions } from './producer-registry';
export { InjectProducer } from './inject-producer.decorator';
export { getProducerToken } from './get-producer-token.util';
export type { DeliveryReport, KafkaTransaction, ProduceMessage } from './produce-message.interface';
export type { PayloadSerializer } from './serialization';
