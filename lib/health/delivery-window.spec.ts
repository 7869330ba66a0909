import { DeliveryWindow } from './delivery-window';

describe('DeliveryWindow', () => {
  it('sums what happened within the window', () => {
    const window = new DeliveryWindow(1000);
    window.record('failed', 2, 10_000);
    window.record('failed', 1, 10_450);
    window.record('acknowledged', 7, 10_900);
    expect(window.counts(10_950)).toEqual({ failed: 3, acknowledged: 7 });
  });

  it('forgets counts once their slice has left the window', () => {
    const window = new DeliveryWindow(1000);
    window.record('failed', 2, 10_000);
    window.record('failed', 1, 10_500);
    expect(window.counts(10_999)).toEqual({ failed: 3, acknowledged: 0 });
    expect(window.counts(11_000)).toEqual({ failed: 1, acknowledged: 0 });
    expect(window.counts(11_500)).toEqual({ failed: 0, acknowledged: 0 });
  });

  it('reuses a slot for a newer slice without carrying the old counts over', () => {
    const window = new DeliveryWindow(1000);
    window.record('failed', 5, 10_000);
    window.record('failed', 1, 11_000);
    expect(window.counts(11_000)).toEqual({ failed: 1, acknowledged: 0 });
  });

  it('ignores an event older than the slice its slot holds', () => {
    const window = new DeliveryWindow(1000);
    window.record('failed', 1, 11_000);
    window.record('failed', 4, 10_000);
    expect(window.counts(11_000)).toEqual({ failed: 1, acknowledged: 0 });
  });

  it('keeps a fixed memory whatever the rate', () => {
    const window = new DeliveryWindow(1000, 4);
    for (let at = 0; at < 100_000; at += 7) window.record('acknowledged', 1, at);
    expect((window as unknown as { ring: unknown[] }).ring).toHaveLength(4);
    expect(window.counts(99_999).acknowledged).toBeGreaterThan(100);
  });
});
