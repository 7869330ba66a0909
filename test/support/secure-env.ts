/**
 * The test bed's `secure` cluster (scripts/kafka/secure.sh): SASL_SSL with SCRAM-SHA-512 on 127.0.0.1:39092,
 * a CA made at set-up, and ACLs that let `app` use topics prefixed `segregated.` (groups prefixed `app`) and
 * `reader` only read them. Tests set up topics as the super user, over the broker's own listener.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { PROJECT_ROOT, parseBrokerList } from './kafka-env';

export const DEFAULT_SECURE_BROKERS = '127.0.0.1:39092';
export const SECURE_DIR = path.join(
  process.env.KAFKA_TESTBED_CACHE_DIR ?? path.join(PROJECT_ROOT, '.cache', 'kafka'),
  'secure',
);
export const SECURE_CA = path.join(SECURE_DIR, 'ca.pem');
/** A CA that did not sign the broker's certificate. */
export const WRONG_CA = path.join(SECURE_DIR, 'wrong-ca.pem');

export const SECURE_USERS = {
  app: { username: 'app', password: 'app-secret' },
  reader: { username: 'reader', password: 'reader-secret' },
} as const;

/** The secure cluster: KAFKA_SECURE_BROKERS, else the test bed's 127.0.0.1:39092. */
export function secureBrokers(): string[] {
  return parseBrokerList(process.env.KAFKA_SECURE_BROKERS, DEFAULT_SECURE_BROKERS);
}

/** The broker's own listener (client port + 2), where the super user sets things up. */
function internalBroker(): string {
  const [host, port] = secureBrokers()[0].split(':');
  return `${host}:${Number(port) + 2}`;
}

/** Librdkafka keys for a user of the secure cluster, as a Karafka user writes them. */
export function secureKafkaConfig(
  user: keyof typeof SECURE_USERS,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    'bootstrap.servers': secureBrokers().join(','),
    'security.protocol': 'SASL_SSL',
    'sasl.mechanisms': 'SCRAM-SHA-512',
    'sasl.username': SECURE_USERS[user].username,
    'sasl.password': SECURE_USERS[user].password,
    'ssl.ca.location': SECURE_CA,
    ...overrides,
  };
}

/** Java client properties for Kafka's own tools as `user` (PEM trust store: the test bed's CA). */
export function secureJavaProperties(user: keyof typeof SECURE_USERS): Record<string, string> {
  const { username, password } = SECURE_USERS[user];
  return {
    'security.protocol': 'SASL_SSL',
    'sasl.mechanism': 'SCRAM-SHA-512',
    'sasl.jaas.config': `org.apache.kafka.common.security.scram.ScramLoginModule required username="${username}" password="${password}";`,
    'ssl.truststore.type': 'PEM',
    'ssl.truststore.location': SECURE_CA,
  };
}

/** A kafkajs client logged in as the super user on the broker's own listener, for set-up and checks. */
export function secureSuperUserKafka(): Kafka {
  return new Kafka({
    clientId: 'nestjs-karafka-e2e-secure-admin',
    brokers: [internalBroker()],
    sasl: { mechanism: 'plain', username: 'admin', password: 'admin-secret' },
    logLevel: logLevel.ERROR,
  });
}

/** A kafkajs client logged in as `user` over SASL_SSL, trusting the test bed's CA. */
export function secureUserKafka(user: keyof typeof SECURE_USERS): Kafka {
  return new Kafka({
    clientId: `nestjs-karafka-e2e-${user}`,
    brokers: secureBrokers(),
    ssl: { ca: [fs.readFileSync(SECURE_CA)] },
    sasl: { mechanism: 'scram-sha-512', ...SECURE_USERS[user] },
    logLevel: logLevel.NOTHING,
  });
}

/** Creates topics on the secure cluster as the super user and waits for their leaders. */
export async function createSecureTopics(names: string[], partitions = 1): Promise<void> {
  const admin = secureSuperUserKafka().admin();
  await admin.connect();
  try {
    await admin.createTopics({
      topics: names.map((topic) => ({ topic, numPartitions: partitions })),
      waitForLeaders: true,
    });
  } finally {
    await admin.disconnect();
  }
}
