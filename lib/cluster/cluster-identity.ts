import type { ConnectionSettings, SecurityProtocol } from '../config/kafka-config.types';

/** `plaintext`, `ssl`, `sasl_plaintext` or `sasl_ssl`, as librdkafka spells it. */
export function securityProtocolOf(connection: ConnectionSettings): SecurityProtocol {
  const tls = Boolean(connection.ssl);
  if (connection.sasl) return tls ? 'sasl_ssl' : 'sasl_plaintext';
  return tls ? 'ssl' : 'plaintext';
}

/** Stable identity of a cluster: security flavour + sorted, lowercased brokers, e.g. `plaintext://a:1,b:2`. */
export function clusterIdentity(connection: ConnectionSettings): string {
  const brokers = [...new Set(connection.brokers.map((b) => b.toLowerCase()))].sort();
  return `${securityProtocolOf(connection)}://${brokers.join(',')}`;
}
