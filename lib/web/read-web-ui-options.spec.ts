import { CanActivate } from '@nestjs/common';
import { KarafkaConfigurationError } from '../config/karafka-configuration.error';
import { readWebUiOptions } from './read-web-ui-options';

class OpsGuard implements CanActivate {
  canActivate(): boolean {
    return true;
  }
}

function problemsOf(input: unknown): string[] {
  try {
    readWebUiOptions(input as never);
  } catch (error) {
    if (error instanceof KarafkaConfigurationError)
      return error.problems.map((p) => `${p.where}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('readWebUiOptions', () => {
  it('applies the defaults: /karafka, 5 s live refresh', () => {
    expect(readWebUiOptions({ auth: { username: 'ops', password: 's3cret' } })).toEqual({
      path: '/karafka',
      auth: { kind: 'basic', username: 'ops', password: 's3cret' },
      refreshIntervalMs: 5000,
      readOnly: false,
      payloadVisible: expect.any(Function),
      health: { lagGrowingForMs: 300_000 },
    });
  });

  it('takes the Health threshold, and names a bad one or an unknown key of health', () => {
    expect(readWebUiOptions({ auth: false, health: { lagGrowingForMs: 2_000 } }).health).toEqual({
      lagGrowingForMs: 2_000,
    });
    expect(
      problemsOf({ auth: false, health: { lagGrowingForMs: '60000', lagGrowingFor: 1 } } as never),
    ).toEqual([
      "KarafkaWebModule.forRoot.health.lagGrowingFor: unknown option 'lagGrowingFor'; did you mean 'lagGrowingForMs'?",
      "KarafkaWebModule.forRoot.health.lagGrowingForMs: 'health.lagGrowingForMs' must be an integer from 1000 to 86400000 (ms), got '60000'",
    ]);
    expect(problemsOf({ auth: false, health: 5 } as never)).toEqual([
      "KarafkaWebModule.forRoot.health: 'health' must be an object { lagGrowingForMs? }, got 5",
    ]);
  });

  it('names a bad readOnly, maskedTopics or visibility', () => {
    expect(
      problemsOf({ auth: false, readOnly: 'yes', maskedTopics: ['ok', ''], visibility: 'hide' }),
    ).toEqual([
      "KarafkaWebModule.forRoot.readOnly: 'readOnly' must be true or false, got 'yes'",
      "KarafkaWebModule.forRoot.maskedTopics: 'maskedTopics' must be an array of topic patterns ('pii.*' or 'secondary:pii.*'), got an array",
      "KarafkaWebModule.forRoot.visibility: 'visibility' must be a function ({ cluster, topic }) => boolean, got 'hide'",
    ]);
  });

  it('takes a guard class, or auth: false explicitly', () => {
    expect(readWebUiOptions({ path: '/ops/kafka', auth: { guard: OpsGuard }, refreshIntervalMs: 0 })).toEqual(
      {
        path: '/ops/kafka',
        auth: { kind: 'guard', guard: OpsGuard },
        refreshIntervalMs: 0,
        readOnly: false,
        payloadVisible: expect.any(Function),
        health: { lagGrowingForMs: 300_000 },
      },
    );
    expect(readWebUiOptions({ auth: false }).auth).toEqual({ kind: 'off' });
  });

  it('refuses a start without auth, saying how to set it', () => {
    const [problem] = problemsOf({});
    expect(problem).toMatch(/^KarafkaWebModule\.forRoot\.auth: 'auth' is required/);
    expect(problem).toContain("auth: { username: 'ops', password: process.env.KARAFKA_WEB_PASSWORD }");
    expect(problem).toContain('auth: { guard: YourAuthGuard }');
    expect(problem).toContain('auth: false');
  });

  it('names an unset password (an environment variable that is not set)', () => {
    expect(
      problemsOf({ auth: { username: 'ops', password: process.env.KARAFKA_WEB_PASSWORD_NOT_SET } }),
    ).toEqual([
      'KarafkaWebModule.forRoot.auth: auth.password must be a non-empty string, got undefined (is the environment variable you pass set?)',
    ]);
  });

  it('names every bad option at once, and keys neither half knows', () => {
    expect(
      problemsOf({
        path: 'karafka/',
        refreshIntervalMs: 10,
        auth: { username: 'a:b', password: '' },
        prodcuer: 'secondary',
      }),
    ).toEqual([
      "KarafkaWebModule.forRoot.prodcuer: unknown option 'prodcuer'; did you mean 'producer'?",
      "KarafkaWebModule.forRoot.path: 'path' must start with '/', not end with '/', and hold only letters, digits and - _ . ~ /, got 'karafka/'",
      "KarafkaWebModule.forRoot.refreshIntervalMs: 'refreshIntervalMs' must be 0 (off) or an integer from 1000 to 3600000, got 10",
      "KarafkaWebModule.forRoot.auth: auth.username cannot contain ':' (basic auth separates user and password with it)",
      "KarafkaWebModule.forRoot.auth: auth.password must be a non-empty string, got ''",
    ]);
  });

  it.each([
    [{ guard: new OpsGuard() }, 'auth.guard must be a guard class (implementing CanActivate), got an object'],
    [
      { guard: OpsGuard, username: 'ops' },
      "'auth' takes either { username, password } or { guard }, not both",
    ],
    [true, "'auth' must be { username, password }, { guard } or false, got true"],
    [{ user: 'ops' }, "'auth' must be { username, password }, { guard } or false, got an object"],
  ])('refuses auth %p', (auth, message) => {
    expect(problemsOf({ auth })).toEqual([`KarafkaWebModule.forRoot.auth: ${message}`]);
  });

  it('leaves the reporting keys to the reporting half', () => {
    expect(problemsOf({ auth: false, producer: 'secondary', processing: true, topics: {} })).toEqual([]);
  });
});
