import { flattenSeekSpec } from './seek-spec';

describe('flattenSeekSpec', () => {
  it('flattens per-partition and whole-topic targets', () => {
    const date = new Date('2024-01-01T00:00:00Z');
    expect(
      flattenSeekSpec({ orders: { 0: 42, '1': 'earliest', 2: '7' }, audit: date, logs: 'latest' }),
    ).toEqual([
      { topic: 'orders', partition: 0, target: 42n },
      { topic: 'orders', partition: 1, target: 'earliest' },
      { topic: 'orders', partition: 2, target: 7n },
      { topic: 'audit', target: date },
      { topic: 'logs', target: 'latest' },
    ]);
  });

  it('rejects anything that is not an offset, a Date, earliest or latest, naming the entry', () => {
    expect(() => flattenSeekSpec({ orders: { 0: -1 } })).toThrow(
      "seek target for 'orders' partition 0 must be an offset (integer >= 0), a Date, 'earliest' or 'latest', got -1",
    );
    expect(() => flattenSeekSpec({ orders: 'beginning' as never })).toThrow(
      "seek target for 'orders' partition * must be",
    );
    expect(() => flattenSeekSpec({ orders: { 0: new Date('nope') } })).toThrow("'orders' partition 0");
    expect(() => flattenSeekSpec({ orders: { first: 1 } })).toThrow(
      "seek spec for 'orders' names partition 'first', which is not a partition number",
    );
    expect(() => flattenSeekSpec({})).toThrow('nothing to seek');
  });
});
