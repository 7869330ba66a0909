import { KarafkaMonitor } from '../instrumentation/karafka-monitor';
import { ProducerDeliveryTracker } from './producer-delivery-tracker';

describe('ProducerDeliveryTracker', () => {
  let now: number;
  let monitor: KarafkaMonitor;
  let tracker: ProducerDeliveryTracker;
  let detach: () => void;

  beforeEach(() => {
    now = 50_000;
    monitor = new KarafkaMonitor();
    tracker = new ProducerDeliveryTracker(1000, () => now);
    detach = tracker.attach(monitor);
  });

  const failed = (producer: string, count: number) =>
    monitor.emit('message.failed', {
      producer,
      cluster: 'secondary',
      topic: 'audit',
      count,
      error: new Error(`producer '${producer}' could not deliver to 'audit'`),
    });
  const acknowledged = (producer: string, count: number) =>
    monitor.emit('message.acknowledged', {
      producer,
      cluster: 'primary',
      topic: 'orders',
      partition: 0,
      count,
      latencyMs: 3,
    });

  it('counts failures and acknowledgements per producer, with the last error', () => {
    failed('audit', 2);
    failed('audit', 1);
    acknowledged('default', 4);
    expect(tracker.all()).toEqual([
      {
        producer: 'audit',
        cluster: 'secondary',
        failed: 3,
        acknowledged: 0,
        lastError: "producer 'audit' could not deliver to 'audit'",
      },
      { producer: 'default', cluster: 'primary', failed: 0, acknowledged: 4, lastError: undefined },
    ]);
  });

  it('sees every producer that reports to the monitor, internal ones included', () => {
    failed('internal:default', 1);
    expect(tracker.all().map((entry) => entry.producer)).toEqual(['internal:default']);
  });

  it('counts within the sliding window only', () => {
    failed('audit', 5);
    now += 1500;
    failed('audit', 1);
    expect(tracker.all()[0]).toMatchObject({ failed: 1 });
  });

  it('stops counting once detached', () => {
    detach();
    failed('audit', 1);
    expect(tracker.all()).toEqual([]);
    expect(monitor.hasListeners('message.failed')).toBe(false);
  });
});
