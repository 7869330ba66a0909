import { Logger } from '@nestjs/common';
import { KarafkaMonitor } from './karafka-monitor';
import { LoggingListener } from './logging.listener';

describe('LoggingListener', () => {
  it('logs error.occurred through Nest’s Logger, naming where it happened, until detached', () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const monitor = new KarafkaMonitor();
    const listener = new LoggingListener();
    try {
      listener.attach(monitor);
      listener.attach(monitor); // attaching twice must not log twice
      const cause = new Error('delivery failed');
      monitor.emit('error.occurred', {
        type: 'producer',
        error: cause,
        producer: 'dr',
        cluster: 'secondary',
        topic: 'orders',
      });
      monitor.emit('error.occurred', { type: 'connection', error: new Error('down') });

      expect(error.mock.calls).toEqual([
        [`producer error (producer 'dr', cluster 'secondary', topic 'orders'): delivery failed`, cause.stack],
        ['connection error: down', expect.any(String)],
      ]);

      listener.detach();
      monitor.emit('error.occurred', { type: 'producer', error: cause });
      expect(error).toHaveBeenCalledTimes(2);
      expect(monitor.hasListeners('error.occurred')).toBe(false);
    } finally {
      error.mockRestore();
    }
  });
});
