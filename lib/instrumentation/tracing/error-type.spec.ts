import { DriverError } from '../../driver/driver-error';
import { errorType } from './error-type';

describe('errorType', () => {
  it("is the driver's kind of error, even behind the library's wrappers", () => {
    const driver = new DriverError('no leader', { kind: 'unknown-topic', retriable: true });
    expect(errorType(driver)).toBe('unknown-topic');
    expect(errorType(new Error('could not connect', { cause: driver }))).toBe('unknown-topic');
  });

  it("is otherwise the error's name, and _OTHER for a thrown non-error", () => {
    expect(errorType(new TypeError('bad'))).toBe('TypeError');
    expect(errorType('text')).toBe('_OTHER');
  });
});
