import type { Logger } from '@nestjs/common';
import { asError, errorMessage } from '../../common/error-message';
import type { DriverFetchedMessage } from '../../driver/kafka-driver.port';
import { buildDeadLetterRecord, describeError, type DeadLetterSink } from '../dead-letter';
import {
  backoffDelay,
  decideFailureAction,
  invalidOffsetsOf,
  isNonRetriable,
  messagesAfterMarked,
} from '../failure-policy';
import type { KafkaContext } from '../kafka-context';
import type { BatchScope } from './batch-scope';
import type { RunnerEvents } from './runner-events';

/** What the executor does after a failed `consume` call. */
export type FailureDecision =
  /** Go on with these messages now (the failing one was dead-lettered, or every message was marked). */
  | { kind: 'continue'; rest: DriverFetchedMessage[] }
  /** The error is about some of the messages: consume them around the suspects, each suspect alone. */
  | { kind: 'isolate'; messages: DriverFetchedMessage[]; suspects: ReadonlySet<string> }
  /** The partition waits: paused for a retry, or sought elsewhere. */
  | { kind: 'wait' };

/**
 * Karafka's failure rules for one failed `consume` call: the failing message is the first one after the last
 * `markAsConsumed`; a retriable failure pauses the partition with backoff, an exhausted or non-retriable one
 * goes to the dead-letter topic (or, without one, keeps the partition paused). It performs the dead-letter
 * dispatch and the pause itself and tells the executor how to go on.
 */
export class FailureHandler {
  constructor(
    private readonly groupId: string,
    private readonly deadLetterSink: DeadLetterSink,
    private readonly events: RunnerEvents,
    private readonly logger: Logger,
  ) {}

  async handle(
    scope: BatchScope,
    pending: DriverFetchedMessage[],
    ctx: KafkaContext | undefined,
    error: unknown,
  ): Promise<FailureDecision> {
    const { source, control } = scope;
    const marked = ctx?.lastMarkedOffset;
    if (marked !== undefined) await control.commitOffsetsIfNecessary();
    if (ctx?.seekRequested) return { kind: 'wait' };
    const remaining = messagesAfterMarked(pending, marked);
    if (remaining.length === 0) {
      this.logger.warn(
        `consume of ${source.topic}/${source.partition} threw after marking every message consumed: ${describeError(error)}`,
      );
      this.events.error('consumer', asError(error), source.topic);
      return { kind: 'continue', rest: [] };
    }
    const nonRetriable = isNonRetriable(error);
    if (nonRetriable && remaining.length > 1) return this.isolate(scope, pending, remaining, error);
    return this.failMessage(scope, remaining, error, nonRetriable);
  }

  /**
   * The failure is about the messages, not the moment: isolate the culprits. A PayloadValidationError names
   * them; any other batch-level error does not, so every message is tried alone to find out.
   */
  private isolate(
    { source }: BatchScope,
    pending: DriverFetchedMessage[],
    remaining: DriverFetchedMessage[],
    error: unknown,
  ): FailureDecision {
    let suspects = invalidOffsetsOf(error, pending);
    if (suspects === undefined) {
      this.logger.warn(
        `${source.topic}/${source.partition}: ${describeError(error)} — ${remaining.length} messages from offset ${remaining[0].offset} are retried one by one to isolate the invalid ones`,
      );
      suspects = new Set(remaining.map((message) => message.offset));
    }
    return { kind: 'isolate', messages: remaining, suspects };
  }

  /** The first remaining message failed: retry it after a pause, or dead-letter it and go on with the rest. */
  private async failMessage(
    scope: BatchScope,
    remaining: DriverFetchedMessage[],
    error: unknown,
    nonRetriable: boolean,
  ): Promise<FailureDecision> {
    const { topic, source, partition } = scope;
    const failing = remaining[0];
    const failures = partition.failingOffset === failing.offset ? partition.failures + 1 : 1;
    partition.failingOffset = failing.offset;
    partition.failures = failures;
    const action = decideFailureAction({
      failures,
      maxRetries: topic.maxRetries,
      nonRetriable,
      hasDeadLetterQueue: topic.deadLetterTopic !== undefined,
    });
    const err = asError(error);
    this.events.errored(source.topic, source.partition, err, failures, action, failing.offset);
    const where = `${source.topic}/${source.partition} offset ${failing.offset}`;
    const delay = backoffDelay(topic.route.retry, failures);

    if (action === 'dead-letter') {
      const sent = await this.deadLetter(scope, failing, error, failures, where, delay);
      return sent ? { kind: 'continue', rest: remaining.slice(1) } : { kind: 'wait' };
    }
    if (action === 'retry') {
      this.logger.warn(
        `consume failed at ${where} (attempt ${failures} of ${topic.maxRetries + 1}): ${describeError(error)}. Retrying in ${delay} ms.`,
      );
    } else {
      this.logger.error(
        `consume failed at ${where} (attempt ${failures}): ${describeError(error)}. Topic '${source.topic}' has no dead-letter queue: the partition stays paused and is retried every ${delay} ms until it succeeds.`,
        err.stack,
      );
    }
    scope.partitionControl.pause(delay);
    return { kind: 'wait' };
  }

  /** Sends `failing` to the topic's dead-letter topic and commits past it; false (partition paused) when the send failed. */
  private async deadLetter(
    scope: BatchScope,
    failing: DriverFetchedMessage,
    error: unknown,
    failures: number,
    where: string,
    retryDelay: number,
  ): Promise<boolean> {
    const { topic, source, control, partition } = scope;
    const dlq = topic.deadLetterTopic as string;
    try {
      const origin = {
        cluster: source.cluster,
        groupId: this.groupId,
        topic: source.topic,
        partition: source.partition,
      };
      await this.deadLetterSink.send(
        source.cluster,
        dlq,
        buildDeadLetterRecord(origin, failing, error, failures),
      );
    } catch (sendError) {
      this.logger.error(
        `Could not send ${where} to the dead-letter topic '${dlq}' on cluster '${source.cluster}': ${errorMessage(sendError)}. The partition is paused and retried in ${retryDelay} ms.`,
      );
      this.events.error('consumer', asError(sendError), dlq);
      scope.partitionControl.pause(retryDelay);
      return false;
    }
    control.resolveOffset(failing.offset);
    partition.consumedOffset = failing.offset;
    await control.commitOffsetsIfNecessary();
    partition.failingOffset = undefined;
    partition.failures = 0;
    this.logger.warn(
      `${where} sent to the dead-letter topic '${dlq}' on cluster '${source.cluster}' after ${failures} attempt(s): ${describeError(error)}`,
    );
    return true;
  }
}
