import type { ConnectionSettings } from '../config/kafka-config.types';
import type { DriverChoice, DriverName } from './driver-choice';
import type { DriverClient, DriverLogEntry, KafkaDriver } from './kafka-driver.port';

/** Several drivers, one per cluster as `forRoot({ driver: { ... } })` chose; each cluster's clients use its own. */
export class ClusterDrivers implements KafkaDriver {
  readonly name = 'per-cluster';

  constructor(
    private readonly choice: DriverChoice,
    private readonly drivers: ReadonlyMap<DriverName, KafkaDriver>,
  ) {}

  forCluster(cluster: string): KafkaDriver {
    return this.drivers.get(this.choice.byCluster[cluster] ?? this.choice.fallback) as KafkaDriver;
  }

  createClient(connection: ConnectionSettings, log: (entry: DriverLogEntry) => void): DriverClient {
    return (this.drivers.get(this.choice.fallback) as KafkaDriver).createClient(connection, log);
  }
}
