import { KarafkaConfigurationError } from '../config/karafka-configuration.error';
import { DEFAULT_HEALTH } from '../config/karafka.defaults';
import type { KarafkaHealthOptions } from './health-options.interface';
import { readHealthOptions } from './read-health-options';

describe('readHealthOptions', () => {
  it("applies Karafka's defaults", () => {
    expect(readHealthOptions(undefined)).toEqual(DEFAULT_HEALTH);
    expect(readHealthOptions({})).toEqual({
      pollingTtlMs: 300000,
      consumingTtlMs: 300000,
      rebalancingTtlMs: 300000,
      brokerTimeoutMs: 3000,
      producerFailureThreshold: 5,
      producerFailureWindowMs: 60000,
    });
  });

  it('keeps the options given', () => {
    expect(readHealthOptions({ pollingTtlMs: 1000, producerFailureThreshold: 1 })).toMatchObject({
      pollingTtlMs: 1000,
      consumingTtlMs: 300000,
      producerFailureThreshold: 1,
    });
  });

  it('names every bad option at once', () => {
    const read = () =>
      readHealthOptions({
        pollingTtl: 5,
        consumingTtlMs: 0,
        brokerTimeoutMs: '3s',
      } as unknown as KarafkaHealthOptions);
    expect(read).toThrow(KarafkaConfigurationError);
    expect(read).toThrow(
      /KarafkaHealthModule.forRoot: unknown option 'pollingTtl' \(did you mean 'pollingTtlMs'\?\)/,
    );
    expect(read).toThrow(/consumingTtlMs must be an integer between 1 and 2147483647, got 0/);
    expect(read).toThrow(/brokerTimeoutMs must be an integer between 1 and 2147483647, got '3s'/);
  });

  it('refuses options that are not an object', () => {
    expect(() => readHealthOptions([] as unknown as KarafkaHealthOptions)).toThrow(
      /expected an options object, got an array/,
    );
  });
});
