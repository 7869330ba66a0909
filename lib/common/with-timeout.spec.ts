import { withTimeout } from './with-timeout';

describe('withTimeout', () => {
  it('passes on what settles in time', async () => {
    await expect(withTimeout(Promise.resolve(7), 1_000, 'x')).resolves.toBe(7);
    await expect(withTimeout(Promise.reject(new Error('no')), 1_000, 'x')).rejects.toThrow('no');
  });

  it('rejects naming what did not answer', async () => {
    await expect(withTimeout(new Promise(() => undefined), 10, "cluster 'secondary'")).rejects.toThrow(
      "cluster 'secondary' did not answer within 10 ms",
    );
  });
});
