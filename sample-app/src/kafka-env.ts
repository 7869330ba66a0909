/**
 * Where the sample app finds its clusters: the project's local pair unless the environment says otherwise (the
 * variables `npx nestjs-karafka kafka up` prints and nestjs-karafka/testing/jest sets).
 */
export const PRIMARY_BROKERS = process.env.KAFKA_PRIMARY_BROKERS ?? '127.0.0.1:19092';
export const SECONDARY_BROKERS = process.env.KAFKA_SECONDARY_BROKERS ?? '127.0.0.1:29092';
/** Its consumer group: tests sharing the clusters with a running demo use one of their own. */
export const CONSUMER_GROUP = process.env.SAMPLE_CONSUMER_GROUP ?? 'sample-app';
