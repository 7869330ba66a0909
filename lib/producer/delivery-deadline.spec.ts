import { DeliveryTimeout, withDeadline } from './delivery-deadline';

describe('withDeadline', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('rejects with DeliveryTimeout at the deadline and aborts the signal it gave the delivery', async () => {
    let seen: AbortSignal | undefined;
    const delivery = withDeadline(
      (signal) => {
        seen = signal;
        return new Promise<never>(() => undefined);
      },
      performance.now(),
      1000,
    );
    expect(seen?.aborted).toBe(false);
    jest.advanceTimersByTime(1000);
    await expect(delivery).rejects.toBeInstanceOf(DeliveryTimeout);
    expect(seen?.aborted).toBe(true);
  });

  it('resolves with the answer in time and leaves the signal alone', async () => {
    let seen: AbortSignal | undefined;
    const delivery = withDeadline(
      (signal) => {
        seen = signal;
        return Promise.resolve('acked');
      },
      performance.now(),
      1000,
    );
    await expect(delivery).resolves.toBe('acked');
    jest.advanceTimersByTime(2000);
    expect(seen?.aborted).toBe(false);
  });

  it('does not start a delivery whose time ran out while it waited', async () => {
    const start = jest.fn(() => Promise.resolve('acked'));
    const startedAt = performance.now();
    jest.advanceTimersByTime(1500);
    await expect(withDeadline(start, startedAt, 1000)).rejects.toBeInstanceOf(DeliveryTimeout);
    expect(start).not.toHaveBeenCalled();
  });
});
