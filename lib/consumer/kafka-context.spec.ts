import { KafkaContext, type PartitionControl } from './kafka-context';
import type { KafkaMessage } from '../message/kafka-message.interface';

function message(offset: string, topic = 'orders', partition = 1): KafkaMessage {
  return {
    payload: null,
    rawPayload: null,
    key: null,
    headers: {},
    rawKey: null,
    rawHeaders: {},
    topic,
    partition,
    offset,
    timestamp: new Date(0),
    cluster: 'primary',
  };
}

function recordingControl() {
  const calls: Array<[string, unknown]> = [];
  const control: PartitionControl = {
    resolve: (offset) => void calls.push(['resolve', offset]),
    pause: (ms) => void calls.push(['pause', ms]),
    seek: (offset) => void calls.push(['seek', offset]),
    heartbeat: async () => void calls.push(['heartbeat', undefined]),
  };
  return { calls, control };
}

function context(control: PartitionControl, messages = [message('5'), message('6'), message('7')]) {
  return new KafkaContext('primary', 'shop', 'shop@primary#0', 'orders', 1, messages, 1, control);
}

describe('KafkaContext', () => {
  it('markAsConsumed resolves offsets forward only and remembers the highest', () => {
    const { calls, control } = recordingControl();
    const ctx = context(control);
    ctx.markAsConsumed(message('6'));
    ctx.markAsConsumed(message('5'));
    ctx.markAsConsumed(message('7'));
    expect(calls).toEqual([
      ['resolve', '6'],
      ['resolve', '7'],
    ]);
    expect(ctx.lastMarkedOffset).toBe(7n);
  });

  it('refuses to mark a message of another partition, naming both', () => {
    const ctx = context(recordingControl().control);
    expect(() => ctx.markAsConsumed(message('6', 'orders', 2))).toThrow(
      "markAsConsumed: message orders/2@6 is not from this batch's partition orders/1",
    );
  });

  it('seek validates the offset and records the request', () => {
    const { calls, control } = recordingControl();
    const ctx = context(control);
    expect(() => ctx.seek(-1)).toThrow('seek(-1) on orders/1: expected an offset >= 0');
    expect(() => ctx.seek('abc')).toThrow(/expected an offset/);
    expect(ctx.seekRequested).toBe(false);
    ctx.seek(3n);
    expect(ctx.seekRequested).toBe(true);
    expect(calls).toEqual([['seek', '3']]);
  });

  it('pause validates the duration and records the request', () => {
    const { calls, control } = recordingControl();
    const ctx = context(control);
    expect(() => ctx.pause(Number.NaN)).toThrow(
      'pause(NaN) on orders/1: expected a number of milliseconds >= 0',
    );
    expect(() => ctx.pause(-5)).toThrow(/milliseconds/);
    expect(ctx.pauseRequested).toBe(false);
    ctx.pause(250);
    expect(ctx.pauseRequested).toBe(true);
    expect(calls).toEqual([['pause', 250]]);
  });

  it('exposes where the batch comes from and forwards heartbeats', async () => {
    const { calls, control } = recordingControl();
    const ctx = context(control);
    expect([ctx.cluster, ctx.groupId, ctx.subscriptionGroup, ctx.topic, ctx.partition, ctx.attempt]).toEqual([
      'primary',
      'shop',
      'shop@primary#0',
      'orders',
      1,
      1,
    ]);
    expect(ctx.messages.map((m) => m.offset)).toEqual(['5', '6', '7']);
    await ctx.heartbeat();
    expect(calls).toEqual([['heartbeat', undefined]]);
  });
});
