/** Every text nestjs-karafka's admin says, in one place. */

const list = (names: string[]): string =>
  names.length > 0 ? names.map((n) => `'${n}'`).join(', ') : '(none)';
const suggestion = (near: string | undefined): string => (near ? ` (did you mean '${near}'?)` : '');

export const ADMIN_MESSAGES = {
  unknownCluster: (name: string, known: string[], near: string | undefined): string =>
    `KarafkaAdmin.forCluster('${name}'): no cluster is named '${name}'${suggestion(near)}; known clusters: ${list(known)}`,
  failed: (operation: string, subject: string | undefined, cluster: string, reason: string): string =>
    `KarafkaAdmin.${operation}(${subject === undefined ? '' : `'${subject}'`}) on cluster '${cluster}' failed: ${reason}`,
  closed: (): string => 'the admin is closed (the application is shutting down)',

  topicExists: (topic: string): string => `topic '${topic}' already exists`,
  topicMissing: (topic: string, near: string | undefined): string =>
    `topic '${topic}' does not exist${suggestion(near)}`,
  partitionMissing: (topic: string, partition: number, count: number): string =>
    `topic '${topic}' has no partition ${partition} (it has ${count}: 0..${count - 1})`,
  notGrowing: (topic: string, current: number, requested: number): string =>
    `topic '${topic}' already has ${current} partitions; createPartitions takes the new total, which must be ` +
    `greater (${requested} given). Kafka cannot remove partitions`,
  groupMissing: (group: string): string => `consumer group '${group}' does not exist`,
  groupRunning: (group: string, members: number): string =>
    `consumer group '${group}' has ${members} running member${members === 1 ? '' : 's'}; stop its consumers ` +
    'before moving its offsets (Kafka only accepts offsets for an inactive group)',

  positiveInteger: (what: string, value: unknown): string =>
    `${what} must be a positive integer, got ${JSON.stringify(value)}`,
  nonNegativeInteger: (what: string, value: unknown): string =>
    `${what} must be an integer >= 0, got ${JSON.stringify(value)}`,
  badConfigValue: (name: string, value: unknown): string =>
    `topic config '${name}' must be a string, number or boolean, got ${JSON.stringify(value)}`,
  badSeekTarget: (topic: string, partition: string, value: unknown): string =>
    `seek target for '${topic}' partition ${partition} must be an offset (integer >= 0), a Date, 'earliest' or ` +
    `'latest', got ${JSON.stringify(value)}`,
  badSeekPartition: (topic: string, partition: string): string =>
    `seek spec for '${topic}' names partition '${partition}', which is not a partition number`,
  emptySeek: (): string => 'nothing to seek: give { topic: target } or { topic: { partition: target } }',
};
