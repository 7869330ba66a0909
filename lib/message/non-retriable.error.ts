import { errorMessage } from '../common/error-message';

/**
 * Throw it (or a subclass) from `consume` when a message can never succeed: the runner skips the retries and
 * sends the message straight to the topic's dead-letter queue.
 */
export class NonRetriableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A message the topic's deserializer could not decode; decoding again will not help. */
export class DeserializationError extends NonRetriableError {
  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly offset: string,
    cause: unknown,
  ) {
    super(
      `Topic '${topic}' partition ${partition} offset ${offset}: the deserializer failed: ${errorMessage(cause)}`,
      { cause },
    );
  }
}
