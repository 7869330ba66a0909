import type { KafkaConfigInput } from '../config/kafka-config.types';
import type { PayloadSerializer } from './serialization';

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

/** The producers part of `forRoot`. */
export interface ProducersOptions {
  /** Named producers, injected with `@InjectProducer(name)`. */
  producers?: Record<string, ProducerDefinitionOptions>;
  /** Redefines the primary producer (`@InjectProducer()`), e.g. `{ cluster: 'secondary' }`. */
  producer?: ProducerDefinitionOptions;
}
