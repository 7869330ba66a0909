import { asError, errorMessage } from './error-message';

describe('errorMessage and asError', () => {
  it('takes the message of an Error and the text of anything else', () => {
    expect(errorMessage(new TypeError('boom'))).toBe('boom');
    expect(errorMessage('plain text')).toBe('plain text');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(undefined)).toBe('undefined');
  });

  it('keeps an Error as it is and wraps anything else', () => {
    const error = new RangeError('out');
    expect(asError(error)).toBe(error);
    const wrapped = asError('text');
    expect(wrapped).toBeInstanceOf(Error);
    expect(wrapped.message).toBe('text');
  });
});
