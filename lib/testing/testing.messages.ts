/** Every text nestjs-karafka/testing says, in one place. */

const list = (names: readonly string[]): string =>
  names.length > 0 ? names.map((name) => `'${name}'`).join(', ') : '(none)';
const suggestion = (near: string | undefined): string => (near ? ` (did you mean '${near}'?)` : '');

export const TESTING_MESSAGES = {
  notInMemory: (driver: string): string =>
    `KarafkaTesting.attach: the application runs on the '${driver}' driver, not the in-memory one; ` +
    'call KarafkaTesting.override(builder) on the TestingModuleBuilder before compile(), or use KarafkaTesting.create()',
  noKarafkaModule: (): string =>
    'KarafkaTesting: the application does not import KarafkaModule (KarafkaModule.forRoot/forRootAsync)',
  badPartitions: (where: string, value: unknown): string =>
    `KarafkaTesting option 'partitions'${where}: expected a positive integer, got ${JSON.stringify(value)}`,

  unknownCluster: (call: string, name: string, known: string[], near: string | undefined): string =>
    `${call}: no cluster is named '${name}'${suggestion(near)}; known clusters: ${list(known)}`,
  unknownProducer: (call: string, name: string, known: string[], near: string | undefined): string =>
    `${call}: no producer is named '${name}'${suggestion(near)}; known producers: ${list(known)}`,
  notRouted: (
    call: string,
    topic: string,
    routed: string[],
    near: string | undefined,
    table: string,
  ): string =>
    `${call}: no consumer of this application routes topic '${topic}'${suggestion(near)}, so nothing would ` +
    `consume it. Routed topics: ${list(routed)}.\n\n${table}`,
  wrongCluster: (
    call: string,
    topic: string,
    cluster: string,
    consumedOn: string[],
    isDefault: boolean,
    table: string,
  ): string =>
    `${call}: topic '${topic}' is consumed on ${consumedOn.map((place) => `cluster ${place}`).join(' and ')}, ` +
    `not on cluster '${cluster}'. ` +
    (isDefault
      ? `Without { cluster }, karafka.produce writes where the default producer writes, cluster '${cluster}', ` +
        "whatever cluster the topic's consumer is on: the same in production, where @InjectProducer() ignores " +
        "the consumer's cluster. Inject the producer of the consumer's cluster (or pass { cluster }) to write there."
      : 'Pass the cluster the topic is consumed on.') +
    `\n\n${table}`,
  noDeadLetterQueue: (topic: string, places: string[]): string =>
    `karafka.deadLetters('${topic}'): the topic has no deadLetterQueue (consumed on ${places.join(', ')}): a ` +
    'message that keeps failing pauses its partition and is retried until it succeeds',
  notAJob: (name: string): string => `karafka.jobs(${name}): not a @KafkaJob class of this application`,

  busy: (waitedMs: number, what: string[]): string =>
    `${what.join('; ')} after ${waitedMs} ms (KarafkaTesting waits on real time: a consume call that awaits a ` +
    'fake timer never returns until the test advances it)',
  consuming: (group: string, partitions: string[]): string =>
    `consumer group '${group}' is still handling ${partitions.length > 0 ? partitions.join(', ') : 'a fetched batch'}`,
  producing: (): string => "the application's producers still have messages waiting to be acknowledged",
  stillWaiting: (rounds: number, waiting: string[]): string =>
    `still paused after ${rounds} rounds of advanceTimers: ${waiting.join(', ')}. A topic without a ` +
    'deadLetterQueue retries a failing message until it succeeds; a job enqueued far in the future waits for it',
} as const;
