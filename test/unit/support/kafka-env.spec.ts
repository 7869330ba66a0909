import { parseBrokerList, uniqueName, waitFor } from '../../support/kafka-env';

describe('parseBrokerList', () => {
  it('splits and trims a comma-separated list', () => {
    expect(parseBrokerList(' 10.0.0.1:9092, 10.0.0.2:9092 ,', 'x:1')).toEqual([
      '10.0.0.1:9092',
      '10.0.0.2:9092',
    ]);
  });

  it('falls back when the variable is unset or blank', () => {
    expect(parseBrokerList(undefined, '127.0.0.1:19092')).toEqual(['127.0.0.1:19092']);
    expect(parseBrokerList('  ', '127.0.0.1:29092')).toEqual(['127.0.0.1:29092']);
  });

  it('names an address that is not host:port', () => {
    expect(() => parseBrokerList('127.0.0.1', 'x:1')).toThrow(
      "broker address '127.0.0.1' in '127.0.0.1' is not host:port",
    );
  });
});

describe('uniqueName', () => {
  it('gives distinct, Kafka-legal names that start with the prefix', () => {
    const names = new Set(Array.from({ length: 50 }, () => uniqueName('orders.v1_x')));
    expect(names.size).toBe(50);
    for (const name of names) expect(name).toMatch(/^orders\.v1_x-[a-z0-9]+-[0-9a-f]{8}$/);
  });

  it('rejects a prefix Kafka would not accept', () => {
    expect(() => uniqueName('my topic')).toThrow("uniqueName prefix 'my topic'");
  });
});

describe('waitFor', () => {
  it('resolves with the first truthy result, treating throws as "not yet"', async () => {
    let calls = 0;
    const result = await waitFor(
      () => {
        calls += 1;
        if (calls === 1) throw new Error('not ready');
        return calls >= 3 ? { calls } : undefined;
      },
      { intervalMs: 1 },
    );
    expect(result).toEqual({ calls: 3 });
  });

  it('times out naming what it waited for and the last error', async () => {
    await expect(
      waitFor(
        () => {
          throw new Error('broker said no');
        },
        { timeoutMs: 20, intervalMs: 5, description: 'the answer' },
      ),
    ).rejects.toThrow('timed out after 20 ms waiting for the answer; last error: broker said no');
  });
});
