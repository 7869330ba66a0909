/** Texts of ClusterRegistry's lookup errors. */
export const CLUSTER_REGISTRY_MESSAGES = {
  unknownCluster: (name: string, known: string[], near: string | undefined): string =>
    `nestjs-karafka: unknown cluster '${name}' (known: ${known.join(', ')}${near ? `; did you mean '${near}'?` : ''})`,
  noPrimary: (): string =>
    `nestjs-karafka: no primary cluster is registered (forRoot({ kafka }) is required)`,
  routingNotReady: (): string =>
    `nestjs-karafka: the routing table is not built yet; it is computed when the module initialises (onModuleInit)`,
  routingAlreadySet: (): string =>
    `nestjs-karafka: the routing table is already set; it is computed once per application`,
  topicNotRouted: (topic: string, groupId: string | undefined): string =>
    `nestjs-karafka: topic '${topic}' is not consumed${groupId ? ` by consumer group '${groupId}'` : ''} in this application`,
  topicOnSeveralClusters: (topic: string, places: string[]): string =>
    `nestjs-karafka: topic '${topic}' is consumed on several clusters (${places.join(', ')}); pass the consumer group id`,
} as const;
