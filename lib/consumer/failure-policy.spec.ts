import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  InternalServerErrorException,
  UnprocessableEntityException,
} from '@nestjs/common';
import {
  backoffDelay,
  decideFailureAction,
  invalidOffsetsOf,
  isNonRetriable,
  messagesAfterMarked,
  splitIntoChunks,
} from './failure-policy';
import { DeserializationError, NonRetriableError } from '../message/non-retriable.error';
import { PayloadValidationError } from './payload-validation.error';

describe('isNonRetriable', () => {
  it('is true for NonRetriableError and its subclasses', () => {
    expect(isNonRetriable(new NonRetriableError('bad'))).toBe(true);
    expect(isNonRetriable(new DeserializationError('t', 0, '5', new Error('x')))).toBe(true);
    class MyError extends NonRetriableError {}
    expect(isNonRetriable(new MyError('mine'))).toBe(true);
  });

  it('is true for validation failures and denying guards', () => {
    expect(isNonRetriable(new BadRequestException(['name must be a string']))).toBe(true);
    expect(isNonRetriable(new UnprocessableEntityException())).toBe(true);
    expect(isNonRetriable(new ForbiddenException('Forbidden resource'))).toBe(true);
    expect(isNonRetriable(new HttpException('no auth', 401))).toBe(true);
  });

  it('is false for other errors, which are retried', () => {
    expect(isNonRetriable(new Error('db down'))).toBe(false);
    expect(isNonRetriable(new InternalServerErrorException())).toBe(false);
    expect(isNonRetriable(new HttpException('slow down', 429))).toBe(false);
    expect(isNonRetriable('a string')).toBe(false);
  });
});

describe('backoffDelay', () => {
  const policy = { maxRetries: 5, backoffMs: 100, maxBackoffMs: 1000, multiplier: 2 };

  it('grows by the multiplier from backoffMs', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(policy, n))).toEqual([100, 200, 400, 800]);
  });

  it('is capped at maxBackoffMs, even for huge attempt counts', () => {
    expect(backoffDelay(policy, 5)).toBe(1000);
    expect(backoffDelay(policy, 5000)).toBe(1000);
  });

  it('stays at backoffMs with multiplier 1', () => {
    expect(backoffDelay({ ...policy, multiplier: 1 }, 7)).toBe(100);
  });
});

describe('decideFailureAction', () => {
  const base = { maxRetries: 2, nonRetriable: false, hasDeadLetterQueue: true };

  it('retries while failures <= maxRetries', () => {
    expect(decideFailureAction({ ...base, failures: 1 })).toBe('retry');
    expect(decideFailureAction({ ...base, failures: 2 })).toBe('retry');
  });

  it('dead-letters once retries are exhausted', () => {
    expect(decideFailureAction({ ...base, failures: 3 })).toBe('dead-letter');
  });

  it('pauses (and keeps retrying) when there is no dead-letter queue', () => {
    expect(decideFailureAction({ ...base, hasDeadLetterQueue: false, failures: 3 })).toBe('pause');
    expect(decideFailureAction({ ...base, hasDeadLetterQueue: false, failures: 1 })).toBe('retry');
  });

  it('sends non-retriable errors to the dead-letter queue at the first failure', () => {
    expect(decideFailureAction({ ...base, nonRetriable: true, failures: 1 })).toBe('dead-letter');
    expect(decideFailureAction({ ...base, nonRetriable: true, hasDeadLetterQueue: false, failures: 1 })).toBe(
      'pause',
    );
  });

  it('with maxRetries 0 dead-letters at the first failure', () => {
    expect(decideFailureAction({ ...base, maxRetries: 0, failures: 1 })).toBe('dead-letter');
  });
});

describe('messagesAfterMarked', () => {
  const messages = ['10', '11', '12', '13'].map((offset) => ({ offset }));

  it('is the whole batch when nothing was marked', () => {
    expect(messagesAfterMarked(messages, undefined).map((m) => m.offset)).toEqual(['10', '11', '12', '13']);
  });

  it('starts after the last marked offset, so the failing message is its first element', () => {
    expect(messagesAfterMarked(messages, 11n).map((m) => m.offset)).toEqual(['12', '13']);
  });

  it('is empty when the last message was marked', () => {
    expect(messagesAfterMarked(messages, 13n)).toEqual([]);
  });

  it('compares offsets as 64-bit numbers, not as text', () => {
    const big = ['9', '10', '9007199254740993'].map((offset) => ({ offset }));
    expect(messagesAfterMarked(big, 9n).map((m) => m.offset)).toEqual(['10', '9007199254740993']);
    expect(messagesAfterMarked(big, 9007199254740992n).map((m) => m.offset)).toEqual(['9007199254740993']);
  });
});

describe('splitIntoChunks', () => {
  it('splits into chunks of at most size, keeping order', () => {
    expect(splitIntoChunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('keeps a batch smaller than size whole, and an empty one empty', () => {
    expect(splitIntoChunks([1, 2], 100)).toEqual([[1, 2]]);
    expect(splitIntoChunks([], 3)).toEqual([]);
  });

  it('rejects a size that is not a positive integer', () => {
    expect(() => splitIntoChunks([1], 0)).toThrow(/positive integer, got 0/);
    expect(() => splitIntoChunks([1], 1.5)).toThrow(/positive integer/);
  });
});

describe('invalidOffsetsOf', () => {
  const handed = ['10', '11', '12', '13'].map((offset) => ({ offset }));
  const invalidAt = (...indexes: number[]) =>
    new PayloadValidationError(
      'OrderDto',
      indexes.map((index) => ({ index, messages: ['bad'], fields: [], errors: [] })),
      handed.length,
    );

  it('maps the invalid positions of the batch handed to consume to their offsets', () => {
    expect(invalidOffsetsOf(invalidAt(1, 3), handed)).toEqual(new Set(['11', '13']));
  });

  it('names the message a DeserializationError is about, when it is in the batch', () => {
    const undecodable = (offset: string) => new DeserializationError('orders', 0, offset, new Error('x'));
    expect(invalidOffsetsOf(undecodable('12'), handed)).toEqual(new Set(['12']));
    expect(invalidOffsetsOf(undecodable('99'), handed)).toBeUndefined();
  });

  it('is undefined when the error does not say which messages are invalid, or is about another batch', () => {
    expect(invalidOffsetsOf(new BadRequestException('bad'), handed)).toBeUndefined();
    expect(invalidOffsetsOf(invalidAt(0), handed.slice(1))).toBeUndefined();
  });
});
