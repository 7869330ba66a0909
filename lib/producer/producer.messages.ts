/** Every text nestjs-karafka says about producers, in one place. */

const list = (names: string[]): string =>
  names.length > 0 ? names.map((n) => `'${n}'`).join(', ') : '(none)';
const suggestion = (near: string | undefined): string => (near ? ` (did you mean '${near}'?)` : '');
const who = (producer: string, cluster: string): string => `Producer '${producer}' (cluster '${cluster}')`;

export const PRODUCER_MESSAGES = {
  deliveryFailed: (producer: string, cluster: string, topic: string, reason: string): string =>
    `${who(producer, cluster)} could not deliver to topic '${topic}': ${reason}`,
  deliveryTimedOut: (
    producer: string,
    cluster: string,
    brokers: string[],
    topic: string,
    timeoutMs: number,
  ): string =>
    `${who(producer, cluster)} got no acknowledgement for topic '${topic}' within ${timeoutMs} ms ` +
    `(delivery timeout); is cluster '${cluster}' (${brokers.join(',')}) reachable? ` +
    `The message may still be written if the broker answers late`,
  invalidMessage: (producer: string, cluster: string, topic: unknown, reason: string): string =>
    `${who(producer, cluster)} cannot produce ${typeof topic === 'string' && topic !== '' ? `to topic '${topic}'` : 'this message'}: ${reason}`,
  noTopic: (topic: unknown): string => `it has no topic (got ${JSON.stringify(topic)})`,
  invalidTopicName: (topic: string): string =>
    `${JSON.stringify(topic.length > 60 ? `${topic.slice(0, 60)}…` : topic)} is not a valid Kafka topic name (1-249 characters of letters, digits, '.', '_', '-'; not '.' or '..')`,
  messageTooLarge: (bytes: number, max: number): string =>
    `it is ${bytes} bytes (key, value and headers), over 'message.max.bytes' (${max}); the broker would refuse it, and with it the other messages of its request`,
  closed: (producer: string, cluster: string): string =>
    `${who(producer, cluster)} is closed and accepts no more messages`,
  disconnectFailed: (producer: string, cluster: string, reason: string): string =>
    `${who(producer, cluster)} could not disconnect cleanly: ${reason}`,
  connectFailed: (producer: string, cluster: string, brokers: string[], reason: string): string =>
    `${who(producer, cluster)} could not connect to ${brokers.join(',')}: ${reason}`,

  notTransactional: (producer: string, cluster: string): string =>
    `${who(producer, cluster)} has no 'transactional.id', so it cannot run transactions; configure a producer ` +
    `for them, e.g. producers: { tx: { kafka: { 'transactional.id': 'my-app-tx' } } }`,
  transactionEnded: (producer: string, cluster: string): string =>
    `${who(producer, cluster)}: this transaction has already ended; produce inside the transaction callback`,
  transactionStartFailed: (producer: string, cluster: string, reason: string): string =>
    `${who(producer, cluster)} could not begin a transaction: ${reason}`,
  commitFailed: (producer: string, cluster: string, reason: string): string =>
    `${who(producer, cluster)} could not commit the transaction (it is aborted): ${reason}`,
  abortFailed: (producer: string, cluster: string, reason: string): string =>
    `${who(producer, cluster)} could not abort the transaction: ${reason}`,

  unknownProducer: (name: string, known: string[]): string =>
    `Unknown producer '${name}'. Configured producers: ${list(known)}`,
  unknownInjectedProducer: (name: string, near: string | undefined, known: string[]): string =>
    `@InjectProducer('${name}') asks for a producer that is not configured. Configured producers: ${list(known)}. ` +
    `${near ? `Did you mean '${near}'? Otherwise add` : 'Add'} it to forRoot({ producers: { '${name}': { cluster: '...' } } })`,
  constructorInjection: (owner: string, index: number): string => `${owner} constructor (parameter ${index})`,
  propertyInjection: (owner: string, key: string): string => `${owner}.${key}`,
  factoryInjection: (provider: string, index: number): string => `provider ${provider} (inject[${index}])`,
  unknownClusterForProducer: (name: string, known: string[]): string =>
    `No cluster named '${name}' for an internal producer. Known clusters: ${list(known)}`,
  producerSetupFailed: (producer: string, cluster: string, reason: string): string =>
    `${who(producer, cluster)} cannot be created: ${reason}`,
  setupErrorHeader: (count: number): string =>
    `nestjs-karafka could not create ${count} producer${count === 1 ? '' : 's'}:`,

  unknownCluster: (cluster: string, near: string | undefined, known: string[]): string =>
    `cluster '${cluster}' is not defined${suggestion(near)}; known clusters: ${list(known)}`,
  reservedName: (): string =>
    `'default' is the primary producer's name; redefine it with forRoot({ producer: { cluster: '...' } }) instead`,
  invalidSerializer: (): string => `must be 'json' or a function (payload, { topic }) => Buffer | string`,
  connectionOverride: (keys: string[]): string =>
    `a producer's kafka settings cannot change how the cluster is reached (${keys.join(', ')}): producers share ` +
    `their cluster's connection; define another cluster in forRoot({ clusters }) and point the producer at it`,
  notAnObject: (key: string): string => `'${key}' must be an object`,
} as const;
