import { isPositiveInteger } from '../common/is-number-in';
import type { DriverAdmin, DriverTopicConfigEntry } from '../driver/kafka-driver.port';
import { isTopicConfigValue } from '../routing/is-topic-config-value';
import type { TopicConfigValue } from '../routing/topic-config.interface';
import { ADMIN_MESSAGES as M } from './admin.messages';

// Checks of an admin call's arguments and of the group it acts on, made before anything changes.

export function assertPositiveInteger(what: string, value: unknown): void {
  if (!isPositiveInteger(value)) throw new Error(M.positiveInteger(what, value));
}

/** Kafka changes the offsets of, or deletes, only a group with no running member. */
export async function assertGroupInactive(admin: DriverAdmin, group: string): Promise<void> {
  const [description] = await admin.describeGroups([group]);
  if (description.members.length > 0) throw new Error(M.groupRunning(group, description.members.length));
}

export function toConfigEntries(config: Record<string, TopicConfigValue>): DriverTopicConfigEntry[] {
  return Object.entries(config).map(([name, value]) => {
    if (!isTopicConfigValue(value)) throw new Error(M.badConfigValue(name, value));
    return { name, value: String(value) };
  });
}
