import { isNumberIn } from '../common/is-number-in';
import { isPlainObject } from '../common/is-plain-object';
import { didYouMean } from '../config/did-you-mean';
import { ROUTING_MESSAGES as M } from './routing.messages';
import type { DeadLetterQueueOptions, InitialOffset, RetryPolicyOptions } from './topic-options.interface';

/** The routing options that pass validation; invalid ones are reported and left out. */
export interface ValidRoutingOptions {
  maxMessages?: number;
  maxWaitTime?: number;
  initialOffset?: InitialOffset;
  concurrency?: number;
  retry: RetryPolicyOptions;
  deadLetterQueue?: DeadLetterQueueOptions;
}

/** Keys of `forRoot({ consumer })`: defaults every topic may override. */
export const CONSUMER_DEFAULT_KEYS = [
  'maxMessages',
  'maxWaitTime',
  'initialOffset',
  'concurrency',
  'retry',
  'deadLetterQueue',
] as const;
/** Keys of `forRoot({ consumer })` that are the app's alone (how runners connect), checked by the consumer layer. */
export const CONSUMER_APP_KEYS = ['reconnect', 'startTimeout'] as const;
/** Keys of `@KafkaTopic(topic, options)`. */
export const TOPIC_OPTION_KEYS = [
  ...CONSUMER_DEFAULT_KEYS,
  'cluster',
  'kafka',
  'inherit',
  'consumerGroup',
  'subscriptionGroup',
  'deserializer',
  'lazyPayload',
  'active',
  // Validated by the declarative topics (topics/collect-topic-declarations.ts), not by routing.
  'config',
] as const;

const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;

export function isValidTopicName(topic: unknown): topic is string {
  return typeof topic === 'string' && TOPIC_NAME.test(topic) && topic !== '.' && topic !== '..';
}

type Report = (message: string) => void;

function number(
  option: string,
  value: unknown,
  min: number,
  max: number,
  report: Report,
  integer = true,
): number | undefined {
  if (isNumberIn(value, min, max, integer)) return value;
  report(M.expectedNumber(option, value, min, max, integer));
  return undefined;
}

/** Reports every unknown key of `source`, with a did-you-mean suggestion. */
export function checkKeys(
  source: Record<string, unknown>,
  allowed: readonly string[],
  prefix: string,
  report: Report,
): void {
  for (const key of Object.keys(source)) {
    if (!allowed.includes(key)) report(M.unknownOption(`${prefix}${key}`, didYouMean(key, allowed)));
  }
}

const RETRY_LIMITS: Record<keyof RetryPolicyOptions, [number, number, boolean]> = {
  maxRetries: [0, 1000000, true],
  backoffMs: [0, 2147483647, true],
  maxBackoffMs: [0, 2147483647, true],
  multiplier: [1, 100, false],
};

/** Validates the routing options shared by `forRoot({ consumer })` and `@KafkaTopic` (numbers, enums, retry, DLQ). */
export function readRoutingOptions(
  source: Record<string, unknown>,
  allowedKeys: readonly string[],
  report: Report,
): ValidRoutingOptions {
  checkKeys(source, allowedKeys, '', report);
  const valid: ValidRoutingOptions = { retry: {} };
  if (source.maxMessages !== undefined)
    valid.maxMessages = number('maxMessages', source.maxMessages, 1, 1000000, report);
  if (source.maxWaitTime !== undefined)
    valid.maxWaitTime = number('maxWaitTime', source.maxWaitTime, 0, 300000, report);
  if (source.concurrency !== undefined)
    valid.concurrency = number('concurrency', source.concurrency, 1, 1000, report);
  if (source.initialOffset !== undefined) {
    if (source.initialOffset === 'earliest' || source.initialOffset === 'latest')
      valid.initialOffset = source.initialOffset;
    else report(M.expectedOneOf('initialOffset', source.initialOffset, ['earliest', 'latest']));
  }
  if (source.retry !== undefined) {
    if (!isPlainObject(source.retry)) report(M.notAnObject('retry'));
    else {
      checkKeys(source.retry, Object.keys(RETRY_LIMITS), 'retry.', report);
      for (const [field, [min, max, integer]] of Object.entries(RETRY_LIMITS)) {
        const value = source.retry[field];
        if (value === undefined) continue;
        const parsed = number(`retry.${field}`, value, min, max, report, integer);
        if (parsed !== undefined) valid.retry[field as keyof RetryPolicyOptions] = parsed;
      }
    }
  }
  if (source.deadLetterQueue !== undefined) {
    const dlq = source.deadLetterQueue;
    if (!isPlainObject(dlq)) report(M.notAnObject('deadLetterQueue'));
    else {
      checkKeys(dlq, ['topic', 'maxRetries'], 'deadLetterQueue.', report);
      const topicOk = isValidTopicName(dlq.topic);
      if (!topicOk) report(M.invalidTopicName('deadLetterQueue.topic', dlq.topic));
      const maxRetries =
        dlq.maxRetries === undefined
          ? undefined
          : number('deadLetterQueue.maxRetries', dlq.maxRetries, 0, 1000000, report);
      if (topicOk && (dlq.maxRetries === undefined || maxRetries !== undefined)) {
        valid.deadLetterQueue = {
          topic: dlq.topic as string,
          ...(maxRetries !== undefined ? { maxRetries } : {}),
        };
      }
    }
  }
  return valid;
}
