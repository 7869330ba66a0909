import { isNonEmptyString } from './is-non-empty-string';

describe('isNonEmptyString', () => {
  it('accepts text and refuses blank strings and non-strings', () => {
    expect(isNonEmptyString('a')).toBe(true);
    expect(isNonEmptyString(' a ')).toBe(true);
    for (const value of ['', '   ', undefined, null, 1, ['a']]) expect(isNonEmptyString(value)).toBe(false);
  });
});
