import type { KafkaMessage } from '../../message/kafka-message.interface';
import { matchesSearch, searchChunks } from './search-plan';

describe('searchChunks', () => {
  it('reads newest first, a chunk at a time, bounded by maxScan and the low watermark', () => {
    expect(searchChunks({ low: '0', high: '2500' }, 2200, 1000)).toEqual([
      { from: '1500', count: 1000 },
      { from: '500', count: 1000 },
      { from: '300', count: 200 },
    ]);
    expect(searchChunks({ low: '40', high: '100' }, 1000, 50)).toEqual([
      { from: '50', count: 50 },
      { from: '40', count: 10 },
    ]);
    expect(searchChunks({ low: '7', high: '7' }, 1000, 50)).toEqual([]);
  });
});

describe('matchesSearch', () => {
  const message = (key: string | null, payload: string | null) =>
    ({ key, rawPayload: payload === null ? null : Buffer.from(payload) }) as KafkaMessage;

  it('matches the key exactly and the payload by substring, both when both are given', () => {
    expect(matchesSearch(message('order-7', '{"a":1}'), { key: 'order-7' }, true)).toBe(true);
    expect(matchesSearch(message('order-70', '{"a":1}'), { key: 'order-7' }, true)).toBe(false);
    expect(matchesSearch(message('k', 'the café'), { contains: 'café' }, true)).toBe(true);
    expect(matchesSearch(message('k', null), { contains: 'x' }, true)).toBe(false);
    expect(matchesSearch(message('k', 'abc'), { key: 'k', contains: 'zz' }, true)).toBe(false);
  });

  it("never searches a masked topic's payload", () => {
    expect(matchesSearch(message('k', 'secret@example.com'), { contains: 'secret' }, false)).toBe(false);
    expect(matchesSearch(message('k', 'secret'), { key: 'k' }, false)).toBe(true);
  });
});
