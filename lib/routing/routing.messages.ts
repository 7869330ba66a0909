/** Every text nestjs-karafka says about topic routing and subscription groups, in one place. */

const quote = (value: unknown): string => (typeof value === 'string' ? `'${value}'` : JSON.stringify(value));
const suggestion = (near: string | undefined): string => (near ? ` (did you mean '${near}'?)` : '');

export const ROUTING_MESSAGES = {
  topicWhere: (topic: string, className: string): string => `@KafkaTopic('${topic}') on ${className}`,

  unknownCluster: (name: string, known: string[], near: string | undefined): string =>
    `unknown cluster '${name}' (known: ${known.join(', ')}${near ? `; did you mean '${near}'?` : ''})`,
  replaceWithoutBrokers: (base: string): string =>
    `kafka replaces the ${base} settings (as in Karafka) but names no brokers; add 'bootstrap.servers', or set inherit: true to merge it into them`,
  clusterBoundTwice: (name: string, named: string, inline: string): string =>
    `cluster name '${name}' bound to two connections (broker list or SASL user): forRoot.clusters.${name} is ${named}, this topic's kafka is ${inline}; another user or broker list is another cluster: define it in forRoot({ clusters })`,
  inheritWithoutKafka: (): string =>
    `inherit: true has no effect without kafka; remove it or add the kafka settings to merge`,
  noGroupId: (): string =>
    `no consumer group id: set forRoot({ consumerGroup }), the topic's consumerGroup, or 'group.id' / 'client.id' in its kafka settings`,
  routingConflict: (option: string, value: unknown, key: string, keyValue: unknown): string =>
    `${option} ${quote(value)} and kafka '${key}' ${quote(keyValue)} disagree; keep one`,
  duplicateRoute: (topic: string, groupId: string, cluster: string, first: string): string =>
    `topic '${topic}' is routed twice to consumer group '${groupId}' on cluster '${cluster}' (first by ${first}); each message would be handled by only one of them`,
  noConsumeMethod: (className: string): string =>
    `${className} has no consume(messages, ctx) method; a @KafkaTopic class must define one`,
  requestScoped: (className: string): string =>
    `${className} is request-scoped or depends on a request-scoped provider; a consumer needs one static (singleton) instance`,
  deadLetterIsTopic: (topic: string): string =>
    `deadLetterQueue.topic is the topic itself ('${topic}'); failed messages would be consumed and fail again forever`,
  invalidTopicName: (option: string, topic: unknown): string =>
    `${option} ${quote(topic)} is not a valid Kafka topic name (1-249 characters of letters, digits, '.', '_', '-'; not '.' or '..')`,
  unknownOption: (key: string, near: string | undefined): string =>
    `unknown option '${key}'${suggestion(near)}`,
  notAnObject: (option: string): string => `${option} must be an object`,
  expectedString: (option: string, value: unknown): string =>
    `${option} must be a non-empty string, got ${quote(value)}`,
  expectedBoolean: (option: string, value: unknown): string =>
    `${option} must be true or false, got ${quote(value)}`,
  expectedNumber: (option: string, value: unknown, min: number, max: number, integer: boolean): string =>
    `${option} must be ${integer ? 'an integer' : 'a number'} between ${min} and ${max}, got ${quote(value)}`,
  expectedOneOf: (option: string, value: unknown, allowed: string[]): string =>
    `${option} must be one of ${allowed.join(', ')}, got ${quote(value)}`,
  expectedDeserializer: (value: unknown): string =>
    `deserializer must be 'json', 'string', 'raw' or a function, got ${quote(value)}`,
  backoffAboveMax: (backoff: number, max: number): string =>
    `retry.backoffMs (${backoff}) is above retry.maxBackoffMs (${max})`,
  invalidSubscriptionGroupName: (name: unknown): string =>
    `subscriptionGroup ${quote(name)} must use letters, digits, '.', '_' or '-'`,
  subscriptionGroupReused: (name: string, first: string): string =>
    `subscriptionGroup '${name}' is also used by ${first} with a different cluster, consumer group or settings; one name is one kafkajs consumer, so its topics must share all of them`,
} as const;
