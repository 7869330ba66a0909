import { fingerprint } from './fingerprint';

describe('fingerprint', () => {
  it('ignores key order, compares functions by reference and buffers by content', () => {
    const fn = () => undefined;
    expect(fingerprint({ a: 1, b: { c: fn } })).toBe(fingerprint({ b: { c: fn }, a: 1 }));
    expect(fingerprint({ c: fn })).not.toBe(fingerprint({ c: () => undefined }));
    expect(fingerprint({ ca: Buffer.from('x') })).toBe(fingerprint({ ca: Buffer.from('x') }));
    expect(fingerprint({ ca: Buffer.from('x') })).not.toBe(fingerprint({ ca: Buffer.from('y') }));
    expect(fingerprint({ a: undefined })).toBe(fingerprint({}));
  });
});
