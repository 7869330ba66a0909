import type { KafkaConfigInput } from '../config/kafka-config.types';
import type { ClusterDefinition, ClusterView } from './cluster-definition.interface';

/**
 * A cluster definition whose raw input (secrets included) is not enumerable: logging, `JSON.stringify` or
 * `util.inspect` of a definition, a route or the routing table never shows what the user wrote.
 */
export function defineCluster(view: ClusterView, input: KafkaConfigInput): ClusterDefinition {
  return Object.defineProperty({ ...view }, 'input', {
    value: input,
    enumerable: false,
  }) as ClusterDefinition;
}
