import { Logger } from '@nestjs/common';
import type { DriverClient, DriverLogEntry, KafkaDriver } from '../driver/kafka-driver.port';
import type { ClusterDefinition } from './cluster-definition.interface';

/**
 * One driver client per cluster, created on first use and shared by that cluster's consumers, producers
 * and admin. The driver's logs go through Nest's Logger under a context naming the cluster.
 */
export class ClusterConnections {
  private readonly clients = new Map<string, DriverClient>();

  constructor(private readonly driver: KafkaDriver) {}

  clientFor(cluster: ClusterDefinition): DriverClient {
    let client = this.clients.get(cluster.identity);
    if (!client) {
      const logger = new Logger(`${this.driver.name}:${cluster.name}`);
      client = this.driver.createClient(cluster.config.connection, (entry) => logEntry(logger, entry));
      this.clients.set(cluster.identity, client);
    }
    return client;
  }
}

/**
 * Broker answers that kafkajs logs at ERROR on every occurrence but retries by itself: a topic being
 * auto-created, a leader election, a group rebalancing or a coordinator loading. They are routine, and a
 * failure that outlasts kafkajs' retries reaches the runner or the producer, which report it themselves.
 */
const ROUTINE_BROKER_ANSWERS = [
  'This server does not host this topic-partition',
  'There is no leader for this topic-partition',
  'The group is rebalancing, so a rejoin is needed',
  'The coordinator is loading',
  'The coordinator is not available',
  'This is not the correct coordinator',
];

export function isRoutineBrokerAnswer({ extra }: DriverLogEntry): boolean {
  const error = typeof extra.error === 'string' ? extra.error : '';
  return ROUTINE_BROKER_ANSWERS.some((answer) => error.startsWith(answer));
}

function logEntry(logger: Logger, entry: DriverLogEntry): void {
  const { namespace, message, extra } = entry;
  const level = entry.level === 'error' && isRoutineBrokerAnswer(entry) ? 'debug' : entry.level;
  const details = Object.keys(extra).length > 0 ? ` ${safeJson(extra)}` : '';
  const line = `[${namespace}] ${message}${details}`;
  if (level === 'error') logger.error(line);
  else if (level === 'warn') logger.warn(line);
  else if (level === 'info') logger.log(line);
  else logger.debug(line);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
