import { BadRequestException } from '@nestjs/common';
import { buildDeadLetterRecord, DEAD_LETTER_HEADERS, describeError } from './dead-letter';

describe('buildDeadLetterRecord', () => {
  const origin = { cluster: 'secondary', groupId: 'shop', topic: 'orders', partition: 3 };
  const message = {
    key: Buffer.from('k1'),
    value: Buffer.from('{"id":1}'),
    headers: { 'trace-id': Buffer.from('abc') },
    offset: '42',
    timestamp: '1700000000000',
  };

  it('keeps the original key, value and headers and adds where and why it failed', () => {
    const record = buildDeadLetterRecord(origin, message, new TypeError('boom'), 4);
    expect(record.key).toBe(message.key);
    expect(record.value).toBe(message.value);
    expect(record.headers).toEqual({
      'trace-id': message.headers['trace-id'],
      [DEAD_LETTER_HEADERS.topic]: 'orders',
      [DEAD_LETTER_HEADERS.partition]: '3',
      [DEAD_LETTER_HEADERS.offset]: '42',
      [DEAD_LETTER_HEADERS.consumerGroup]: 'shop',
      [DEAD_LETTER_HEADERS.cluster]: 'secondary',
      [DEAD_LETTER_HEADERS.attempts]: '4',
      [DEAD_LETTER_HEADERS.errorClass]: 'TypeError',
      [DEAD_LETTER_HEADERS.errorMessage]: 'boom',
    });
  });

  it('uses the validation details of a BadRequestException and cuts long texts', () => {
    const validation = buildDeadLetterRecord(
      origin,
      message,
      new BadRequestException(['an instance of OrderDto has failed', 'id must be a number']),
      1,
    );
    expect(validation.headers?.[DEAD_LETTER_HEADERS.errorMessage]).toBe(
      'an instance of OrderDto has failed; id must be a number',
    );
    expect(validation.headers?.[DEAD_LETTER_HEADERS.errorClass]).toBe('BadRequestException');

    const long = buildDeadLetterRecord(origin, message, new Error('x'.repeat(5000)), 1);
    expect((long.headers?.[DEAD_LETTER_HEADERS.errorMessage] as string).length).toBe(1000);
  });

  it('describes a thrown non-Error value', () => {
    expect(describeError('plain')).toBe('plain');
    const record = buildDeadLetterRecord(origin, { ...message, key: null, value: null }, 'plain', 2);
    expect(record.key).toBeNull();
    expect(record.headers?.[DEAD_LETTER_HEADERS.errorClass]).toBe('string');
  });
});
