import { isPlainObject } from './is-plain-object';

describe('isPlainObject', () => {
  it('accepts objects as users write them', () => {
    expect(isPlainObject({})).toBe(true);
    expect(isPlainObject({ a: 1 })).toBe(true);
  });

  it('refuses null, arrays, Buffers and non-objects', () => {
    for (const value of [null, undefined, [], [1], Buffer.from('x'), 'x', 1, true, () => undefined])
      expect(isPlainObject(value)).toBe(false);
  });
});
