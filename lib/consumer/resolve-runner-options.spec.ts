import { DEFAULT_RECONNECT, DEFAULT_START_TIMEOUT_MS } from '../config/karafka.defaults';
import { resolveRunnerOptions } from './resolve-runner-options';

describe('resolveRunnerOptions', () => {
  it('applies the defaults when nothing is given', () => {
    expect(resolveRunnerOptions(undefined)).toEqual({
      options: { reconnect: DEFAULT_RECONNECT, startTimeoutMs: DEFAULT_START_TIMEOUT_MS },
      problems: [],
    });
  });

  it('takes the given values, completing a partial reconnect backoff', () => {
    expect(resolveRunnerOptions({ reconnect: { initialMs: 200 }, startTimeout: 0 }).options).toEqual({
      reconnect: { initialMs: 200, maxMs: DEFAULT_RECONNECT.maxMs },
      startTimeoutMs: 0,
    });
    expect(resolveRunnerOptions({ reconnect: { initialMs: 20000 } }).options.reconnect).toEqual({
      initialMs: 20000,
      maxMs: 20000,
    });
  });

  it('names every bad value, keeping the default in its place', () => {
    const { options, problems } = resolveRunnerOptions({
      reconnect: { initialMs: -1, maxMs: 1.5, intialMs: 3 } as never,
      startTimeout: '30s' as never,
    });
    expect(problems.map((p) => p.where)).toEqual([
      'forRoot.consumer.reconnect.intialMs',
      'forRoot.consumer.reconnect.initialMs',
      'forRoot.consumer.reconnect.maxMs',
      'forRoot.consumer.startTimeout',
    ]);
    expect(problems[0].message).toContain("did you mean 'initialMs'");
    expect(problems[3].message).toContain('"30s"');
    expect(options).toEqual({ reconnect: DEFAULT_RECONNECT, startTimeoutMs: DEFAULT_START_TIMEOUT_MS });
  });

  it('refuses a maximum below the initial backoff and a reconnect that is not an object', () => {
    expect(resolveRunnerOptions({ reconnect: { initialMs: 5000, maxMs: 100 } }).problems).toEqual([
      { where: 'forRoot.consumer.reconnect', message: 'maxMs (100) is below initialMs (5000)' },
    ]);
    expect(resolveRunnerOptions({ reconnect: 5 as never }).problems[0].where).toBe(
      'forRoot.consumer.reconnect',
    );
  });
});
