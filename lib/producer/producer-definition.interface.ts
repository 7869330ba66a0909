import type { ProducerSettings } from '../config/kafka-config.types';
import type { ClusterDefinition } from '../cluster/cluster-definition.interface';
import type { PayloadSerializer } from './serialization';

/** One producer after configuration is resolved: what `KafkaProducer` and the registry are built from. */
export interface ProducerDefinition {
  /** `default` for the primary producer, the key of `forRoot({ producers })`, or `internal:<cluster>`. */
  name: string;
  origin: 'default' | 'named' | 'internal';
  cluster: ClusterDefinition;
  /** The cluster's producer settings with the producer's own `kafka` merged over them. */
  settings: ProducerSettings;
  serializer: PayloadSerializer;
  topicSerializers: Record<string, PayloadSerializer>;
}
