import type { CanActivate, Type } from '@nestjs/common';
import { isNonEmptyString } from '../common/is-non-empty-string';
import { isPlainObject } from '../common/is-plain-object';
import { didYouMean } from '../config/did-you-mean';
import type { ConfigProblem } from '../config/kafka-config.types';
import { KarafkaConfigurationError } from '../config/karafka-configuration.error';
import type {
  KarafkaWebUiOptions,
  ResolvedWebAuth,
  ResolvedWebUiOptions,
} from './karafka-web-options.interface';
import { payloadVisibility } from './payload-visibility';
import { WEB_REPORTING_OPTION_KEYS } from './reporting/read-web-reporting-options';
import { WEB_MESSAGES as M } from './web.messages';

const WHERE = 'KarafkaWebModule.forRoot';
const DEFAULT_WEB_PATH = '/karafka';
const DEFAULT_REFRESH_INTERVAL_MS = 5_000;
const DEFAULT_LAG_GROWING_FOR_MS = 300_000;
const UI_KEYS: ReadonlyArray<keyof KarafkaWebUiOptions> = [
  'path',
  'auth',
  'refreshIntervalMs',
  'readOnly',
  'maskedTopics',
  'visibility',
  'health',
];
/** Every key forRoot takes: the pages' and the reporting's; anything else is a typo to name. */
const ALL_KEYS: readonly string[] = [...UI_KEYS, ...WEB_REPORTING_OPTION_KEYS];

/**
 * The pages' options with defaults applied, and a check that no key of forRoot is unknown to both halves;
 * throws a KarafkaConfigurationError naming every bad one.
 */
export function readWebUiOptions(input: KarafkaWebUiOptions): ResolvedWebUiOptions {
  const problems: ConfigProblem[] = [];
  const report = (option: string, message: string) =>
    problems.push({ where: option ? `${WHERE}.${option}` : WHERE, message });
  if (!isPlainObject(input)) {
    report('', M.optionsNotObject(input));
    throw new KarafkaConfigurationError(problems);
  }
  for (const key of Object.keys(input))
    if (!ALL_KEYS.includes(key)) report(key, M.unknownOption(key, didYouMean(key, ALL_KEYS)));

  const path = input.path ?? DEFAULT_WEB_PATH;
  // Letters, digits and unreserved URL characters only: the path goes into links and routes unescaped.
  if (typeof path !== 'string' || !/^(\/[A-Za-z0-9\-_.~]+)+$/.test(path))
    report('path', M.pathInvalid(input.path));

  const refreshIntervalMs = input.refreshIntervalMs ?? DEFAULT_REFRESH_INTERVAL_MS;
  const refreshOk =
    Number.isInteger(refreshIntervalMs) &&
    (refreshIntervalMs === 0 || (refreshIntervalMs >= 1_000 && refreshIntervalMs <= 3_600_000));
  if (!refreshOk) report('refreshIntervalMs', M.refreshInvalid(input.refreshIntervalMs));

  const readOnly = input.readOnly ?? false;
  if (typeof readOnly !== 'boolean') report('readOnly', M.readOnlyInvalid(input.readOnly));
  const masked = input.maskedTopics ?? [];
  if (!Array.isArray(masked) || !masked.every(isNonEmptyString))
    report('maskedTopics', M.maskedTopicsInvalid(input.maskedTopics));
  const visibility = input.visibility;
  if (visibility !== undefined && typeof visibility !== 'function')
    report('visibility', M.visibilityInvalid(visibility));

  const health: unknown = input.health ?? {};
  let lagGrowingForMs = DEFAULT_LAG_GROWING_FOR_MS;
  if (!isPlainObject(health)) report('health', M.healthInvalid(input.health));
  else {
    for (const key of Object.keys(health))
      if (key !== 'lagGrowingForMs')
        report(`health.${key}`, M.unknownOption(key, didYouMean(key, ['lagGrowingForMs'])));
    const value = health.lagGrowingForMs ?? DEFAULT_LAG_GROWING_FOR_MS;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1_000 && value <= 86_400_000)
      lagGrowingForMs = value;
    else report('health.lagGrowingForMs', M.lagGrowingInvalid(health.lagGrowingForMs));
  }

  const auth = readAuth(input.auth, (message) => report('auth', message));
  if (problems.length > 0 || !auth) throw new KarafkaConfigurationError(problems);
  return {
    path,
    auth,
    refreshIntervalMs,
    readOnly,
    payloadVisible: payloadVisibility(masked, visibility),
    health: { lagGrowingForMs },
  };
}

function readAuth(value: unknown, report: (message: string) => void): ResolvedWebAuth | undefined {
  if (value === false) return { kind: 'off' };
  const problems: string[] = [];
  if (value === undefined) problems.push(M.authMissing());
  else if (!isPlainObject(value) || !('guard' in value || 'username' in value || 'password' in value))
    problems.push(M.authShape(value));
  else if ('guard' in value) {
    if ('username' in value || 'password' in value) problems.push(M.authBoth());
    // A class is a function; an instance (`new MyGuard()`) would not get its dependencies injected.
    else if (typeof value.guard !== 'function') problems.push(M.guardNotClass(value.guard));
    else return { kind: 'guard', guard: value.guard as Type<CanActivate> };
  } else {
    const { username, password } = value;
    if (!isNonEmptyString(username)) problems.push(M.authField('username', username));
    else if (username.includes(':')) problems.push(M.authColon());
    if (!isNonEmptyString(password)) problems.push(M.authField('password', password));
    if (problems.length === 0)
      return { kind: 'basic', username: username as string, password: password as string };
  }
  problems.forEach(report);
  return undefined;
}
