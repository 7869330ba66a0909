import { parseBenchOptions } from '../../../bench/support/bench-options';

describe('parseBenchOptions', () => {
  it('runs every suite on Nest 12 with the full counts by default', () => {
    const options = parseBenchOptions([], {});
    expect(options).toMatchObject({
      nest: 12,
      messages: 200_000,
      rounds: 5,
      isolation: 'process',
      quick: false,
    });
    expect(options.suites).toEqual(['consume', 'produce', 'memory']);
    expect(options.consumeContenders).toBeUndefined();
  });

  it('takes the Nest major, the contenders and the quick counts, explicit options winning', () => {
    const options = parseBenchOptions(
      ['--quick', '--nest', '11', '--contenders', 'karafka,karafka-enhanced', '--rounds', '3'],
      {},
    );
    expect(options).toMatchObject({ nest: 11, quick: true, messages: 20_000, rounds: 3 });
    expect(options.consumeContenders).toEqual(['karafka', 'karafka-enhanced']);
  });

  it('names the flag at fault', () => {
    expect(() => parseBenchOptions(['--nest', '10'], {})).toThrow("--nest expects 11 or 12, got '10'");
    expect(() => parseBenchOptions(['--contenders', ''], {})).toThrow(
      '--contenders expects a comma-separated list',
    );
    expect(() => parseBenchOptions(['--isolation', 'inline'], {})).toThrow('add --nest 11');
    expect(() => parseBenchOptions(['--rounds', '0'], {})).toThrow(
      "--rounds expects a positive integer, got '0'",
    );
  });

  it('runs inline only on the project’s own Nest 11', () => {
    expect(parseBenchOptions(['--isolation', 'inline', '--nest', '11'], {})).toMatchObject({
      isolation: 'inline',
      nest: 11,
    });
  });
});
