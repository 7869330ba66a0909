import { DriverListeners } from './driver-listeners';

describe('DriverListeners', () => {
  it('calls the listeners of the emitted event only, until they are removed', () => {
    const listeners = new DriverListeners<{ a: { n: number }; b: Record<string, never> }>();
    const seen: string[] = [];
    const off = listeners.on('a', ({ n }) => seen.push(`a${n}`));
    listeners.on('b', () => seen.push('b'));
    listeners.emit('a', { n: 1 });
    off();
    listeners.emit('a', { n: 2 });
    listeners.emit('b', {});
    expect(seen).toEqual(['a1', 'b']);
  });
});
