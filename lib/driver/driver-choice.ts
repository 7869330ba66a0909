import { CONFIG_MESSAGES as M } from '../config/config.messages';
import { didYouMean } from '../config/did-you-mean';
import type { ConfigProblem } from '../config/kafka-config.types';

/** The drivers `forRoot({ driver })` can pick. */
export const DRIVER_NAMES = ['kafkajs', 'librdkafka'] as const;
export type DriverName = (typeof DRIVER_NAMES)[number];

/** One driver for every cluster, or one per cluster name (clusters not named use kafkajs). */
export type DriverOption = DriverName | Record<string, DriverName>;

export const DEFAULT_DRIVER: DriverName = 'kafkajs';

/** Which driver each named cluster uses; `fallback` for clusters the map does not name. */
export interface DriverChoice {
  fallback: DriverName;
  byCluster: Record<string, DriverName>;
}

const isDriverName = (value: unknown): value is DriverName =>
  typeof value === 'string' && (DRIVER_NAMES as readonly string[]).includes(value);

/** Reads `forRoot({ driver })`; pure. A cluster name the app does not define is a problem, as a bad driver name. */
export function resolveDriverChoice(
  option: unknown,
  clusterNames: readonly string[],
): { choice: DriverChoice; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const choice: DriverChoice = { fallback: DEFAULT_DRIVER, byCluster: {} };
  if (option === undefined) return { choice, problems };
  if (isDriverName(option)) return { choice: { fallback: option, byCluster: {} }, problems };
  if (typeof option !== 'object' || option === null || Array.isArray(option)) {
    problems.push({ where: 'forRoot.driver', message: M.unknownDriver(option, [...DRIVER_NAMES]) });
    return { choice, problems };
  }
  for (const [cluster, name] of Object.entries(option)) {
    const where = `forRoot.driver.${cluster}`;
    if (!clusterNames.includes(cluster)) {
      problems.push({
        where,
        message: M.driverForUnknownCluster(cluster, didYouMean(cluster, clusterNames)),
      });
    } else if (!isDriverName(name)) {
      problems.push({ where, message: M.unknownDriver(name, [...DRIVER_NAMES]) });
    } else {
      choice.byCluster[cluster] = name;
    }
  }
  return { choice, problems };
}

/** Every driver the choice uses. */
export function driversUsed(choice: DriverChoice): Set<DriverName> {
  return new Set([choice.fallback, ...Object.values(choice.byCluster)]);
}
