import type { ConnectionSettings, SecurityProtocol } from '../config/kafka-config.types';

/** `plaintext`, `ssl`, `sasl_plaintext` or `sasl_ssl`, as librdkafka spells it. */
export function securityProtocolOf(connection: ConnectionSettings): SecurityProtocol {
  const tls = Boolean(connection.ssl);
  if (connection.sasl) return tls ? 'sasl_ssl' : 'sasl_plaintext';
  return tls ? 'ssl' : 'plaintext';
}

/**
 * Stable identity of a cluster connection: security flavour, SASL user (two users of the same brokers are two
 * connections with their own rights: they must never share a client) and sorted, lowercased brokers, e.g.
 * `plaintext://a:1,b:2` or `sasl_ssl://app@a:1`.
 */
export function clusterIdentity(connection: ConnectionSettings): string {
  const brokers = [...new Set(connection.brokers.map((b) => b.toLowerCase()))].sort();
  const username = connection.sasl?.username;
  const user = typeof username === 'string' && username !== '' ? `${encodeURIComponent(username)}@` : '';
  return `${securityProtocolOf(connection)}://${user}${brokers.join(',')}`;
}
