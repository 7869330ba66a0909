import type { ModuleRef } from '@nestjs/core';
import { isPositiveInteger } from '../common/is-number-in';
import { isPlainObject } from '../common/is-plain-object';
import { InMemoryDriver } from '../driver/in-memory/in-memory-driver';
import type { FetchRule } from '../driver/in-memory/in-memory-fetch-gate';
import { ClusterRegistry } from '../routing/cluster-registry';
import { DeclarativeTopics } from '../topics/declarative-topics';
import type { KarafkaTestingOptions } from './karafka-testing.interface';
import { TESTING_MESSAGES as M } from './testing.messages';

/** Nothing is fetched until the test asks for it (`consumeAll`, `performJobs`). */
export const HOLD_EVERY_TOPIC: FetchRule = () => false;

/** Checks the options before any module is compiled, naming the value at fault. */
export function validateTestingOptions(options: KarafkaTestingOptions): void {
  const { partitions } = options;
  if (partitions === undefined || isPositiveInteger(partitions)) return;
  if (!isPlainObject(partitions)) throw new Error(M.badPartitions('', partitions));
  for (const [topic, count] of Object.entries(partitions)) {
    if (!isPositiveInteger(count)) throw new Error(M.badPartitions(`.${topic}`, count));
  }
}

/**
 * The in-memory driver an app runs on under `KarafkaTesting`, every topic held. A topic created on first use gets
 * the partitions the options give it, else those the app declares for it on that cluster, else 1; the
 * declarations are read when the topic is created, by then the routing table is known.
 */
export function createTestingDriver(options: KarafkaTestingOptions, moduleRef: ModuleRef): InMemoryDriver {
  const declared = (topic: string, brokers: readonly string[]): number | undefined => {
    if (!moduleRef.get(ClusterRegistry, { strict: false }).hasRouting) return undefined;
    const id = brokers.join(',');
    return moduleRef
      .get(DeclarativeTopics, { strict: false })
      .declarations()
      .declared.find(
        (candidate) =>
          candidate.name === topic &&
          [...candidate.cluster.config.connection.brokers].sort().join(',') === id,
      )?.partitions;
  };
  const { partitions } = options;
  const driver = new InMemoryDriver({
    autoCreatePartitions: (topic, brokers) =>
      (typeof partitions === 'number' ? partitions : partitions?.[topic]) ?? declared(topic, brokers) ?? 1,
  });
  driver.allowFetching(HOLD_EVERY_TOPIC);
  return driver;
}
