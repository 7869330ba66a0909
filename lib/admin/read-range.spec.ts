import { readRange } from './read-range';

describe('readRange (Karafka read_topic semantics)', () => {
  const marks = { low: '10', high: '20' };

  it('without a start offset reads the last `count` messages', () => {
    expect(readRange(marks, 3)).toEqual({ from: '17', to: '20' });
    expect(readRange(marks, 50)).toEqual({ from: '10', to: '20' });
  });

  it('with a start offset reads `count` messages from there, never past the high watermark', () => {
    expect(readRange(marks, 3, '12')).toEqual({ from: '12', to: '15' });
    expect(readRange(marks, 30, '18')).toEqual({ from: '18', to: '20' });
  });

  it('starts at the low watermark when the start was already deleted, and is empty past the end', () => {
    expect(readRange(marks, 4, '0')).toEqual({ from: '10', to: '14' });
    expect(readRange(marks, 4, '25')).toEqual({ from: '20', to: '20' });
    expect(readRange({ low: '0', high: '0' }, 5)).toEqual({ from: '0', to: '0' });
  });

  it('keeps 64-bit offsets exact', () => {
    expect(readRange({ low: '0', high: '9007199254740995' }, 2)).toEqual({
      from: '9007199254740993',
      to: '9007199254740995',
    });
  });
});
