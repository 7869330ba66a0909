import { parseCliArgs } from './parse-cli-args';

describe('parseCliArgs: kafka', () => {
  it('reads the actions and the cluster list', () => {
    expect(parseCliArgs(['kafka', 'up'])).toEqual({ kind: 'kafka', action: 'up' });
    expect(parseCliArgs(['kafka', 'up', '--clusters', 'primary,secondary'])).toEqual({
      kind: 'kafka',
      action: 'up',
      clusters: ['primary', 'secondary'],
    });
    expect(parseCliArgs(['kafka', 'down', '--clusters=eu-west'])).toEqual({
      kind: 'kafka',
      action: 'down',
      clusters: ['eu-west'],
    });
    expect(parseCliArgs(['kafka', 'status'])).toEqual({ kind: 'kafka', action: 'status' });
  });

  it('says what is wrong', () => {
    expect(() => parseCliArgs(['kafka', 'start'])).toThrow(
      "'kafka' needs one of up, down, status, got 'start'",
    );
    expect(() => parseCliArgs(['kafka', 'up', '--clusters'])).toThrow("'--clusters' needs a list");
    expect(() => parseCliArgs(['kafka', 'up', '--clusters', 'Primary'])).toThrow(
      "--clusters: 'Primary' is not a cluster name (lowercase letters, digits and '-', starting with a letter)",
    );
    expect(() => parseCliArgs(['kafka', 'up', '--clusters', 'primary,primary'])).toThrow(
      "--clusters: cluster 'primary' is named twice",
    );
    expect(() => parseCliArgs(['kafka', 'up', '--clusters', 'secure'])).toThrow(
      "--clusters: 'secure' is the project's own SASL_SSL test cluster",
    );
    expect(() => parseCliArgs(['kafka', 'up', '--port', '1'])).toThrow("unknown argument '--port'");
  });
});
