/** Every text nestjs-karafka's declarative topics say, in one place. */

const suggestion = (near: string | undefined): string => (near ? ` (did you mean '${near}'?)` : '');
const list = (names: string[]): string =>
  names.length > 0 ? names.map((n) => `'${n}'`).join(', ') : '(none)';
const json = (value: unknown): string => (typeof value === 'string' ? `'${value}'` : JSON.stringify(value));

export const TOPICS_MESSAGES = {
  // ---- declarations (bootstrap problems) ----
  topicsOptionShape: (value: unknown): string =>
    `'topics' must be a list of topic declarations or { declarations?, autoMigrate? }, got ${json(value)}`,
  notAnObject: (key: string): string => `'${key}' must be an object`,
  expectedBoolean: (key: string, value: unknown): string =>
    `'${key}' must be true or false, got ${json(value)}`,
  invalidTopicName: (value: unknown): string =>
    `'name' must be a Kafka topic name (letters, digits, '.', '_', '-'; at most 249), got ${json(value)}`,
  positiveInteger: (key: string, value: unknown): string =>
    `'${key}' must be a positive integer, got ${json(value)}`,
  missingPartitions: (): string => `'partitions' is required: how many partitions the topic has`,
  badConfigValue: (key: string, value: unknown): string =>
    `topic config '${key}' must be a string, number or boolean, got ${json(value)}`,
  optionLikeConfigKey: (key: string, near: string): string =>
    `'${key}' is not a Kafka topic config; write '${near}'`,
  unknownCluster: (name: unknown, known: string[], near: string | undefined): string =>
    `no cluster is named ${json(name)}${suggestion(typeof near === 'string' ? near : undefined)}; known clusters: ${list(known)}`,
  conflictingDeclarations: (topic: string, cluster: string, other: string, difference: string): string =>
    `topic '${topic}' on cluster '${cluster}' is also declared by ${other}, differently (${difference}); ` +
    'declare it once, or identically',

  // ---- plan ----
  partitionsDecrease: (declared: number, actual: number): string =>
    `${declared} partition${declared === 1 ? '' : 's'} declared but the topic has ${actual}; Kafka cannot remove partitions ` +
    '(declare at least the current count, or recreate the topic by hand)',
  replicationChange: (declared: number, actual: number): string =>
    `replication factor ${declared} declared but the topic has ${actual}; changing it is not supported ` +
    "here (use Kafka's kafka-reassign-partitions tool)",
  unknownTopicConfig: (key: string, near: string | undefined): string =>
    `'${key}' is not a topic config this cluster knows${suggestion(near)}`,

  // ---- applying ----
  planHasProblems: (count: number): string =>
    `the topic plan has ${count} problem${count === 1 ? '' : 's'}; nothing was applied. Fix the declarations (see the plan above)`,
  applyFailed: (action: string, applied: number, reason: string): string =>
    `${action} failed after ${applied} change${applied === 1 ? '' : 's'} had been applied: ${reason}`,
  autoMigrateFailed: (reason: string): string =>
    `forRoot({ topics: { autoMigrate: true } }) could not migrate the topics: ${reason}`,
};
