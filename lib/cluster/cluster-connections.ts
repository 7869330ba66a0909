import { Logger } from '@nestjs/common';
import type { ConnectionSettings } from '../config/kafka-config.types';
import { fingerprint } from '../config/fingerprint';
import type { DriverClient, DriverLogEntry, KafkaDriver } from '../driver/kafka-driver.port';
import type { ClusterDefinition } from './cluster-definition.interface';
import type { DriverLog } from './cluster-options.interface';

/**
 * One driver client per cluster connection, created on first use and shared by that cluster's consumers,
 * producers and admin. A subscription group whose topics changed connection settings (a client.id, a rotated
 * password) gets a client of its own with exactly those settings. The driver's logs go to `forRoot({ driverLog })` if given, else through Nest's Logger under a
 * context naming the cluster; the driver has already set each entry's level.
 */
export class ClusterConnections {
  private readonly clients = new Map<string, DriverClient>();

  constructor(
    private readonly driver: KafkaDriver,
    private readonly driverLog?: DriverLog,
  ) {}

  /** `connection` defaults to the cluster's own settings. */
  clientFor(
    cluster: ClusterDefinition,
    connection: ConnectionSettings = cluster.config.connection,
  ): DriverClient {
    const key = `${cluster.identity}|${fingerprint(connection)}`;
    let client = this.clients.get(key);
    if (!client) {
      const driver = this.driver.forCluster?.(cluster.name) ?? this.driver;
      client = driver.createClient(connection, this.logFor(cluster, driver));
      this.clients.set(key, client);
    }
    return client;
  }

  private logFor(cluster: ClusterDefinition, driver: KafkaDriver): (entry: DriverLogEntry) => void {
    const driverLog = this.driverLog;
    if (driverLog) return (entry) => driverLog(entry, cluster.name);
    const logger = new Logger(`${driver.name}:${cluster.name}`);
    return (entry) => logEntry(logger, entry);
  }
}

function logEntry(logger: Logger, { level, namespace, message, extra }: DriverLogEntry): void {
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
