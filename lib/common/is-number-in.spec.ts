import { isNumberIn, isPositiveInteger } from './is-number-in';

describe('isNumberIn', () => {
  it('accepts numbers within the bounds, inclusive', () => {
    expect(isNumberIn(1, 1, 10)).toBe(true);
    expect(isNumberIn(10, 1, 10)).toBe(true);
    expect(isNumberIn(0.5, 0, 1, false)).toBe(true);
  });

  it('refuses numbers outside the bounds, fractions when integers are wanted, and non-numbers', () => {
    expect(isNumberIn(0, 1, 10)).toBe(false);
    expect(isNumberIn(11, 1, 10)).toBe(false);
    expect(isNumberIn(1.5, 1, 10)).toBe(false);
    expect(isNumberIn(Number.NaN, 0, 10, false)).toBe(false);
    expect(isNumberIn(Number.POSITIVE_INFINITY, 0, Number.POSITIVE_INFINITY, false)).toBe(false);
    expect(isNumberIn('5', 1, 10)).toBe(false);
  });
});

describe('isPositiveInteger', () => {
  it('accepts safe integers from 1 and refuses the rest', () => {
    expect(isPositiveInteger(1)).toBe(true);
    expect(isPositiveInteger(Number.MAX_SAFE_INTEGER)).toBe(true);
    for (const value of [0, -1, 1.5, Number.MAX_SAFE_INTEGER + 1, '3', null])
      expect(isPositiveInteger(value)).toBe(false);
  });
});
