import { NonRetriableError } from '../message/non-retriable.error';

/**
 * - `not-a-job`: `enqueue` got a class that is not a registered `@KafkaJob` provider of this app.
 * - `invalid-arguments`: the args failed the job's DTO (`fields` names each failing one), or are not JSON.
 * - `unknown-job`: a consumed job message names a job this app does not register on that topic.
 * - `invalid-envelope`: a consumed message is not a job message.
 */
export type KafkaJobErrorReason = 'not-a-job' | 'invalid-arguments' | 'unknown-job' | 'invalid-envelope';

/**
 * A job that can never be enqueued or performed as it is. A `NonRetriableError`: when consuming, the message goes
 * straight to the dead-letter topic with this error's text; thrown by `enqueue` inside a consumer, the same.
 */
export class KafkaJobError extends NonRetriableError {
  constructor(
    message: string,
    readonly reason: KafkaJobErrorReason,
    /** The job's name (or the class name given to `enqueue`), when known. */
    readonly job?: string,
    /** For `invalid-arguments`: the failing fields (dotted paths). */
    readonly fields: readonly string[] = [],
  ) {
    super(message);
  }
}
