import { resolveClusters } from '../cluster/resolve-clusters';
import type { KarafkaModuleOptions } from '../karafka-options.interface';
import { DEFAULT_RECONNECT, DEFAULT_START_TIMEOUT_MS } from '../config/karafka.defaults';
import { planKarafka } from '../karafka.plan';
import { buildRoutingTable } from '../routing/build-routing-table';
import { readRunnerOptions } from './runner-options';

describe('readRunnerOptions (forRoot({ consumer: { reconnect, startTimeout } }))', () => {
  it('applies the defaults when nothing is set', () => {
    expect(readRunnerOptions(undefined)).toEqual({
      options: { reconnect: DEFAULT_RECONNECT, startTimeoutMs: DEFAULT_START_TIMEOUT_MS },
      problems: [],
    });
  });

  it('takes the values given, keeping the other defaults', () => {
    expect(readRunnerOptions({ reconnect: { initialMs: 200 }, startTimeout: 5000 }).options).toEqual({
      reconnect: { initialMs: 200, maxMs: DEFAULT_RECONNECT.maxMs },
      startTimeoutMs: 5000,
    });
    // An initial backoff above the default maximum raises the maximum with it.
    expect(readRunnerOptions({ reconnect: { initialMs: 20000 } }).options.reconnect).toEqual({
      initialMs: 20000,
      maxMs: 20000,
    });
  });

  it('reports every bad value, naming the option', () => {
    const { problems } = readRunnerOptions({
      startTimeout: -1,
      reconnect: { initialMs: 'soon', maxMs: 0, jitter: 1 },
    });
    expect(problems.map((p) => `${p.where}: ${p.message}`)).toEqual([
      'forRoot.consumer: startTimeout must be an integer between 0 and 2147483647, got -1',
      "forRoot.consumer: unknown option 'reconnect.jitter'",
      "forRoot.consumer: reconnect.initialMs must be an integer between 1 and 2147483647, got 'soon'",
      'forRoot.consumer: reconnect.maxMs must be an integer between 1 and 2147483647, got 0',
    ]);
    expect(readRunnerOptions({ reconnect: 5 }).problems.map((p) => p.message)).toEqual([
      'reconnect must be an object',
    ]);
    expect(
      readRunnerOptions({ reconnect: { initialMs: 500, maxMs: 100 } }).problems.map((p) => p.message),
    ).toEqual(['reconnect.initialMs (500) is above reconnect.maxMs (100)']);
  });

  it('is part of the plan (a bootstrap problem) and the routing table accepts the keys', () => {
    const options: KarafkaModuleOptions = {
      kafka: { 'bootstrap.servers': '127.0.0.1:19092', 'client.id': 'app' },
      consumer: { reconnect: { initialMs: 100, maxMs: 1000 }, startTimeout: 2000, maxMessages: 10 },
    };
    const plan = planKarafka(options);
    expect(plan.problems).toEqual([]);
    expect(plan.runner).toEqual({ reconnect: { initialMs: 100, maxMs: 1000 }, startTimeoutMs: 2000 });
    const { problems } = buildRoutingTable({
      options,
      clusters: resolveClusters(options).clusters,
      declarations: [],
    });
    expect(problems).toEqual([]);
    expect(planKarafka({ ...options, consumer: { startTimeout: 'long' as never } }).problems).toEqual([
      {
        where: 'forRoot.consumer',
        message: "startTimeout must be an integer between 0 and 2147483647, got 'long'",
      },
    ]);
  });
});
