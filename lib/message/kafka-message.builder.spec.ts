import { compilePayloadDecoder } from './payload-decoder';
import { buildKafkaMessage } from './kafka-message.builder';
import { DeserializationError } from './non-retriable.error';

const fetched = (
  value: Buffer | null,
  extra: Partial<{ key: Buffer | null; headers: Record<string, Buffer | string | undefined> }> = {},
) => ({
  key: extra.key === undefined ? Buffer.from('key-1') : extra.key,
  value,
  headers: extra.headers ?? {},
  offset: '17',
  timestamp: '1700000000123',
});
const source = (deserializer: Parameters<typeof compilePayloadDecoder>[0]) => ({
  topic: 'orders',
  partition: 2,
  cluster: 'primary',
  decode: compilePayloadDecoder(deserializer, 'orders'),
});

describe('buildKafkaMessage', () => {
  it('decodes JSON and fills every field', () => {
    const raw = Buffer.from('{"id":7,"items":[1,2]}');
    const message = buildKafkaMessage(
      source('json'),
      fetched(raw, { headers: { a: Buffer.from('x'), b: 'y', c: undefined } }),
    );
    expect(message).toEqual({
      payload: { id: 7, items: [1, 2] },
      rawPayload: raw,
      key: 'key-1',
      rawKey: Buffer.from('key-1'),
      headers: { a: 'x', b: 'y', c: undefined },
      rawHeaders: { a: Buffer.from('x'), b: 'y', c: undefined },
      topic: 'orders',
      partition: 2,
      offset: '17',
      timestamp: new Date(1700000000123),
      cluster: 'primary',
    });
  });

  it('raises a DeserializationError when the value of a JSON topic is not JSON', () => {
    const raw = Buffer.from([0xff, 0x00, 0x41]);
    expect(() => buildKafkaMessage(source('json'), fetched(raw))).toThrow(DeserializationError);
    expect(() => buildKafkaMessage(source('json'), fetched(Buffer.from('hello')))).toThrow(
      /the deserializer failed: Unexpected token/,
    );
  });

  it('gives null for a tombstone and a null key', () => {
    const message = buildKafkaMessage(source('json'), fetched(null, { key: null }));
    expect(message.payload).toBeNull();
    expect(message.rawPayload).toBeNull();
    expect(message.key).toBeNull();
  });

  it("decodes with 'string' and 'raw'", () => {
    expect(buildKafkaMessage(source('string'), fetched(Buffer.from('{"a":1}'))).payload).toBe('{"a":1}');
    const raw = Buffer.from('{"a":1}');
    expect(buildKafkaMessage(source('raw'), fetched(raw)).payload).toBe(raw);
  });

  it('passes topic and text headers to a custom deserializer', () => {
    const calls: unknown[] = [];
    const decode = (
      value: Buffer | null,
      meta: { topic: string; headers: Record<string, string | undefined> },
    ) => {
      calls.push(meta);
      return value?.toString('utf8').toUpperCase();
    };
    const message = buildKafkaMessage(
      source(decode),
      fetched(Buffer.from('abc'), { headers: { v: Buffer.from('2') } }),
    );
    expect(message.payload).toBe('ABC');
    expect(calls).toEqual([{ topic: 'orders', headers: { v: '2' } }]);
  });

  it('turns a failing deserializer into a DeserializationError naming topic, partition and offset', () => {
    const decode = () => {
      throw new Error('bad magic byte');
    };
    expect(() => buildKafkaMessage(source(decode), fetched(Buffer.from('x')))).toThrow(DeserializationError);
    expect(() => buildKafkaMessage(source(decode), fetched(Buffer.from('x')))).toThrow(
      "Topic 'orders' partition 2 offset 17: the deserializer failed: bad magic byte",
    );
  });

  it('rejects an unknown deserializer name at bootstrap, naming the topic', () => {
    expect(() => compilePayloadDecoder('avro' as never, 'orders')).toThrow(
      `Topic 'orders': unknown deserializer "avro"`,
    );
  });
});

describe('buildKafkaMessage with lazyPayload', () => {
  const counted = () => {
    const decode = jest.fn((value: Buffer | null) => JSON.parse(String(value)) as unknown);
    return {
      decode,
      source: { topic: 'orders', partition: 2, cluster: 'primary', decode, lazyPayload: true },
    };
  };

  it('decodes at the first read of payload, once, and not at all when it is never read', () => {
    const { decode, source } = counted();
    const message = buildKafkaMessage(source, fetched(Buffer.from('{"id":7}')));
    expect(message.key).toBe('key-1');
    expect(decode).not.toHaveBeenCalled();
    expect(message.payload).toEqual({ id: 7 });
    expect(message.payload).toBe(message.payload);
    expect(decode).toHaveBeenCalledTimes(1);
  });

  it('serialises as an eager message; its other fields are own properties, payload is not', () => {
    const raw = Buffer.from('{"id":7}');
    const lazy = buildKafkaMessage(counted().source, fetched(raw));
    const eager = buildKafkaMessage(source('json'), fetched(raw));
    expect(JSON.stringify(lazy)).toBe(JSON.stringify(eager));
    const { payload, ...rest } = eager;
    expect({ ...lazy }).toEqual(rest);
    expect(payload).toEqual(lazy.payload);
  });

  it('keeps an assigned payload without decoding', () => {
    const { decode, source } = counted();
    const message = buildKafkaMessage(source, fetched(Buffer.from('not json')));
    message.payload = { replaced: true };
    expect(message.payload).toEqual({ replaced: true });
    expect(decode).not.toHaveBeenCalled();
  });

  it('raises the DeserializationError, naming the offset, where an undecodable payload is read', () => {
    const message = buildKafkaMessage(
      { ...source('json'), lazyPayload: true },
      fetched(Buffer.from('hello')),
    );
    expect(message.rawPayload).toEqual(Buffer.from('hello'));
    expect(() => message.payload).toThrow(DeserializationError);
    expect(() => message.payload).toThrow("Topic 'orders' partition 2 offset 17: the deserializer failed");
  });
});
