/** A message (or a whole request) that was not delivered; says which producer, cluster and topic. */
export class KafkaProduceError extends Error {
  override readonly name = 'KafkaProduceError';

  constructor(
    message: string,
    readonly producer: string,
    readonly cluster: string,
    /** Undefined when the failure is not about one topic (e.g. the producer is closed). */
    readonly topic?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
