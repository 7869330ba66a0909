import { WebHttpError } from '../http/web-exchange.interface';
import { readOffsetMove, seekSpecOf } from './offset-move';

const fields = (values: Record<string, string>) => new URLSearchParams(values);

describe('readOffsetMove', () => {
  it('reads earliest and latest for one partition or all', () => {
    const all = readOffsetMove(fields({ topic: 'orders', partition: 'all', target: 'earliest' }));
    expect(all).toEqual({
      topic: 'orders',
      partition: undefined,
      target: 'earliest',
      description: 'earliest',
    });
    expect(seekSpecOf(all)).toEqual({ orders: 'earliest' });
    const one = readOffsetMove(fields({ topic: 'orders', partition: '2', target: 'latest' }));
    expect(seekSpecOf(one)).toEqual({ orders: { 2: 'latest' } });
  });

  it('reads an exact offset and a UTC time', () => {
    expect(
      readOffsetMove(fields({ topic: 't', partition: '0', target: 'offset', value: '9007199254740993' })),
    ).toMatchObject({
      target: '9007199254740993',
      description: 'offset 9007199254740993',
    });
    const time = readOffsetMove(fields({ topic: 't', target: 'time', value: '2026-01-01T02:30' }));
    expect(time.target).toEqual(new Date('2026-01-01T02:30:00Z'));
    expect(time.description).toBe('the first message at or after 2026-01-01T02:30:00.000Z');
  });

  it('names what is missing or wrong', () => {
    const message = (values: Record<string, string>) => {
      try {
        readOffsetMove(fields(values));
      } catch (error) {
        if (error instanceof WebHttpError) return `${error.status} ${error.message}`;
      }
      return 'accepted';
    };
    expect(message({ target: 'earliest' })).toBe('400 Choose the topic whose offsets to move.');
    expect(message({ topic: 't', target: 'start' })).toBe(
      "400 The target must be one of earliest, latest, offset, time, got 'start'.",
    );
    expect(message({ topic: 't', target: 'offset' })).toBe('400 Give the offset to move to.');
    expect(message({ topic: 't', target: 'offset', value: '-3' })).toMatch(
      /^400 The query parameter 'value'/,
    );
    expect(message({ topic: 't', target: 'time', value: 'noon' })).toMatch(/^400 The query parameter 'time'/);
    expect(message({ topic: 't', partition: 'x', target: 'latest' })).toMatch(
      /^400 The query parameter 'partition'/,
    );
  });
});
