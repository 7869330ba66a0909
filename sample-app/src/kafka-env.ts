/** Where the sample app finds its clusters: the project's local pair unless the environment says otherwise. */
export const PRIMARY_BROKERS = process.env.KAFKA_PRIMARY_BROKERS ?? '127.0.0.1:19092';
export const SECONDARY_BROKERS = process.env.KAFKA_SECONDARY_BROKERS ?? '127.0.0.1:29092';
