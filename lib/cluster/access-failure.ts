import type { ConnectionSettings } from '../config/kafka-config.types';
import { DriverError } from '../driver/driver-error';

/** The Kafka principal a connection logs in as (`User:<name>` for PLAIN and SCRAM), for error messages. */
export function principalOf(connection: ConnectionSettings): string | undefined {
  const username = connection.sasl?.username;
  return typeof username === 'string' && username !== '' ? `User:${username}` : undefined;
}

/** Failures that a change of credentials, ACLs or certificates fixes, never a retry. */
export function isAccessFailure(error: unknown): error is DriverError {
  return (
    error instanceof DriverError &&
    (error.kind === 'authentication' || error.kind === 'authorization' || error.kind === 'certificate')
  );
}

const DENIED_RESOURCE: Record<string, string> = {
  TOPIC_AUTHORIZATION_FAILED: 'the topic',
  GROUP_AUTHORIZATION_FAILED: 'the consumer group',
  CLUSTER_AUTHORIZATION_FAILED: 'the cluster',
  TRANSACTIONAL_ID_AUTHORIZATION_FAILED: 'the transactional id',
};

/**
 * What an access failure means, naming the principal (never a secret): "authentication failed as User:app",
 * "not authorized: User:app may not use the topic", "the broker's TLS certificate was refused".
 */
export function describeAccessFailure(error: DriverError, principal: string | undefined): string {
  const who = principal ?? 'the anonymous principal (no SASL user is configured)';
  if (error.kind === 'authentication') return `authentication failed as ${who}`;
  if (error.kind === 'authorization') {
    const resource = (error.type && DENIED_RESOURCE[error.type]) ?? 'this resource';
    return `not authorized: ${who} may not use ${resource} (check the cluster's ACLs)`;
  }
  return "the broker's TLS certificate was refused: it is not signed by a trusted CA ('ssl.ca.location') or does not match the host";
}
