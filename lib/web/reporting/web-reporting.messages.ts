/** Every text the Web UI's reporting and processing say (options, logs, status checks), in one place. */

const quote = (value: unknown): string => (typeof value === 'string' ? `'${value}'` : JSON.stringify(value));
const list = (names: readonly string[]): string =>
  names.length > 0 ? names.map((name) => `'${name}'`).join(', ') : '(none)';
const suggestion = (near: string | undefined): string => (near ? `; did you mean '${near}'?` : '');

export const WEB_REPORTING_MESSAGES = {
  where: 'KarafkaWebModule.forRoot',

  notAnObject: (option: string, value: unknown): string =>
    `${option} must be an object, got ${Array.isArray(value) ? 'an array' : quote(value)}`,
  unknownOption: (key: string, near: string | undefined): string =>
    `unknown option '${key}'${suggestion(near)}`,
  expectedString: (option: string, value: unknown): string =>
    `${option} must be a non-empty string, got ${quote(value)}`,
  expectedBoolean: (option: string, value: unknown): string =>
    `${option} must be true or false, got ${quote(value)}`,
  expectedInteger: (option: string, value: unknown, min: number, max: number): string =>
    `${option} must be an integer between ${min} and ${max} (ms), got ${quote(value)}`,
  ttlNotAboveInterval: (ttl: number, interval: number): string =>
    `processTtlMs (${ttl}) must be longer than trackingInterval (${interval}), or every process would flap between up and gone`,
  invalidTopicName: (option: string, topic: unknown): string =>
    `${option} ${quote(topic)} is not a valid Kafka topic name (1-249 characters of letters, digits, '.', '_', '-')`,
  sameTopicTwice: (topic: string, options: string[]): string =>
    `${options.join(' and ')} are both '${topic}'; each reporting topic needs a name of its own`,
  unknownProducer: (name: string, known: readonly string[], near: string | undefined): string =>
    `no producer is named '${name}' (known producers: ${list(known)}${suggestion(near)}); the Web producer must be ` +
    `'default' or a key of KarafkaModule.forRoot({ producers })`,

  reportingReason: (producer: string, cluster: string, isDefault: boolean): string =>
    isDefault
      ? `The Web producer is the default producer, which writes to cluster '${cluster}': reporting and processing take place there unless KarafkaWebModule.forRoot({ producer }) redefines the Web producer.`
      : `KarafkaWebModule.forRoot({ producer: '${producer}' }) makes '${producer}' the Web producer, which writes to cluster '${cluster}': reporting and processing take place there.`,

  unknownRange: (range: unknown, known: string[]): string =>
    `unknown series range ${quote(range)} (known: ${known.join(', ')})`,
  invalidPage: (name: string, value: unknown): string =>
    `errors page ${name} must be an integer of 0 or more, got ${quote(value)}`,
  invalidMessage: (topic: string, offset: string, reason: string): string =>
    `skipped the message at offset ${offset} of '${topic}': ${reason}`,
  reportFailed: (topic: string, reason: string): string => `could not publish to '${topic}': ${reason}`,
  restoreFailed: (reason: string): string =>
    `the processing consumer could not read the last state and series back from the reporting topics (it retries): ${reason}`,
  readFailed: (reason: string): string =>
    `could not read the Web UI state from the reporting topics: ${reason}`,

  installHeader: (cluster: string, brokers: string[]): string =>
    `Web UI reporting topics on cluster '${cluster}' (${brokers.join(',')}):`,
  installCreated: (topic: string, details: string): string => `  created ${topic} (${details})`,
  installExists: (topic: string): string => `  exists  ${topic}`,
  autoMigrateFailed: (reason: string): string =>
    `KarafkaWebModule autoMigrate could not create the reporting topics: ${reason}`,
} as const;
