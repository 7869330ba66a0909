import type { KarafkaAdmin } from '../../admin/karafka-admin';
import type { CreateTopicOptions } from '../../admin/karafka-admin.interface';
import { uniqueName } from './unique-name';

/**
 * Creates a topic named `<prefix>-<unique suffix>` on the admin's cluster (`admin.forCluster(name)` for another)
 * and resolves with its name, once every partition has a leader.
 */
export async function createThrowAwayTopic(
  admin: KarafkaAdmin,
  prefix: string,
  options: CreateTopicOptions = {},
): Promise<string> {
  const name = uniqueName(prefix);
  await admin.createTopic(name, options);
  return name;
}
