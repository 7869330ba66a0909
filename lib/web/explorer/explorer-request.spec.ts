import { WebHttpError } from '../http/web-exchange.interface';
import { offsetParam, pageParam, partitionParam, timeParam } from './explorer-request';

describe('explorer request parameters', () => {
  it('reads a time as ISO 8601, a datetime-local value or a date, as UTC', () => {
    expect(timeParam('2026-12-03T12:40:05Z')?.toISOString()).toBe('2026-12-03T12:40:05.000Z');
    expect(timeParam('2026-12-03T12:40')?.toISOString()).toBe('2026-12-03T12:40:00.000Z');
    expect(timeParam('2026-12-03 12:40:05')?.toISOString()).toBe('2026-12-03T12:40:05.000Z');
    expect(timeParam('2026-12-03T14:40:05+02:00')?.toISOString()).toBe('2026-12-03T12:40:05.000Z');
    expect(timeParam('2026-12-03')?.toISOString()).toBe('2026-12-03T00:00:00.000Z');
    expect(timeParam('')).toBeUndefined();
    expect(timeParam(null)).toBeUndefined();
  });

  it('names a bad time, offset, page or partition with a 400', () => {
    for (const bad of [
      () => timeParam('yesterday'),
      () => timeParam('2026-13-45T99:00'),
      () => offsetParam('offset', '-1'),
      () => offsetParam('offset', '1e3'),
      () => pageParam('0'),
      () => partitionParam('x'),
    ])
      expect(bad).toThrow(WebHttpError);
    expect(() => timeParam('yesterday')).toThrow(
      "The query parameter 'time' must be a UTC time like 2024-05-01T12:00:00Z, got 'yesterday'.",
    );
  });

  it('keeps 64-bit offsets exact and leaves an empty one out', () => {
    expect(offsetParam('offset', ' 9223372036854775807 ')).toBe('9223372036854775807');
    expect(offsetParam('offset', '007')).toBe('7');
    expect(offsetParam('offset', '')).toBeUndefined();
  });
});
