import type { KafkaConfigInput, NormalizedKafkaConfig } from '../config/kafka-config.types';

/** What may be shown of a cluster (logs, health checks, the public API): everything but the raw input. */
export interface ClusterView {
  /** `primary`, a key of `clusters`, or a derived name for inline configs (`inline:host:port`). */
  name: string;
  /** Stable identity of the connection (normalised, sorted brokers); equal identities = same cluster. */
  identity: string;
  /** How the cluster got into the app. */
  origin: 'primary' | 'named' | 'inline';
  /** The cluster's settings (consumer and producer parts are the cluster-level defaults). */
  config: NormalizedKafkaConfig;
}

/** A cluster known to the app: the primary one, a named one, or one declared inline on a topic. Internal. */
export interface ClusterDefinition extends ClusterView {
  /** The kafka hash as written (for `inherit: true` merges and producer overrides). Holds secrets: never log it unredacted. */
  input: KafkaConfigInput;
}
