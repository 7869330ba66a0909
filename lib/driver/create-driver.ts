import { ClusterDrivers } from './cluster-drivers';
import { driversUsed, type DriverChoice, type DriverName } from './driver-choice';
import type { KafkaDriver } from './kafka-driver.port';
import { KafkajsDriver, type KafkajsDriverOptions } from './kafkajs/kafkajs-driver';
import { LibrdkafkaDriver } from './librdkafka/librdkafka-driver';

/** The module's driver for what `forRoot({ driver })` chose: one driver, or one per cluster. */
export function createDriver(choice: DriverChoice, kafkajs: KafkajsDriverOptions): KafkaDriver {
  const create = (name: DriverName): KafkaDriver =>
    name === 'librdkafka' ? new LibrdkafkaDriver() : new KafkajsDriver(kafkajs);
  const drivers = new Map<DriverName, KafkaDriver>();
  for (const name of driversUsed(choice)) drivers.set(name, create(name));
  if (drivers.size === 1) return drivers.get(choice.fallback) as KafkaDriver;
  return new ClusterDrivers(choice, drivers);
}
