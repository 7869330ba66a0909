/**
 * The driver the parity specs run on, from KARAFKA_E2E_DRIVER (kafkajs when unset). `npm test` runs the specs
 * that define behaviour once per driver (scripts/test.sh lists them); child processes inherit the variable.
 */
import { createDriver } from '../../lib/driver/create-driver';
import { DRIVER_NAMES, type DriverName } from '../../lib/driver/driver-choice';
import type { KafkaDriver } from '../../lib/driver/kafka-driver.port';

export function e2eDriverName(): DriverName {
  const value = process.env.KARAFKA_E2E_DRIVER;
  if (value === undefined || value === '') return 'kafkajs';
  if (!(DRIVER_NAMES as readonly string[]).includes(value)) {
    throw new Error(`KARAFKA_E2E_DRIVER must be one of ${DRIVER_NAMES.join(', ')}, got '${value}'`);
  }
  return value as DriverName;
}

/** The parity driver itself, for specs that use the port without the module. */
export function e2eDriver(): KafkaDriver {
  return createDriver({ fallback: e2eDriverName(), byCluster: {} }, {});
}
