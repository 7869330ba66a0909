import { isNumberIn } from '../common/is-number-in';
import { isPlainObject } from '../common/is-plain-object';
import { didYouMean } from '../config/did-you-mean';
import type { ConfigProblem } from '../config/kafka-config.types';
import { DEFAULT_RECONNECT, DEFAULT_START_TIMEOUT_MS } from '../config/karafka.defaults';
import type { ConsumerConnectionOptions } from '../routing/routing-options.interface';
import type { RunnerOptions } from './subscription-group-runner';

/** Runner options with every default applied. */
export type ResolvedRunnerOptions = Required<Pick<RunnerOptions, 'startTimeoutMs'>> & {
  reconnect: { initialMs: number; maxMs: number };
};

const MAX_MS = 3_600_000;
const RECONNECT_KEYS = ['initialMs', 'maxMs'];

/**
 * `forRoot({ consumer: { reconnect, startTimeout } })` checked and completed with the defaults, purely.
 * Every bad value is a problem naming the option; it is replaced by its default, never dropped silently.
 */
export function resolveRunnerOptions(consumer: ConsumerConnectionOptions | undefined): {
  options: ResolvedRunnerOptions;
  problems: ConfigProblem[];
} {
  const problems: ConfigProblem[] = [];
  const report = (option: string, message: string) =>
    problems.push({ where: `forRoot.consumer.${option}`, message });
  const ms = (option: string, value: unknown, fallback: number, min: number): number => {
    if (value === undefined) return fallback;
    if (isNumberIn(value, min, MAX_MS, true)) return value;
    report(option, `expected whole milliseconds from ${min} to ${MAX_MS}, got ${JSON.stringify(value)}`);
    return fallback;
  };

  const reconnect: unknown = isPlainObject(consumer) ? consumer.reconnect : undefined;
  let initialMs: number = DEFAULT_RECONNECT.initialMs;
  let maxMs: number = DEFAULT_RECONNECT.maxMs;
  if (reconnect !== undefined) {
    if (!isPlainObject(reconnect)) {
      report(
        'reconnect',
        `expected an object like { initialMs: 1000, maxMs: 10000 }, got ${JSON.stringify(reconnect)}`,
      );
    } else {
      for (const key of Object.keys(reconnect)) {
        if (!RECONNECT_KEYS.includes(key)) {
          const near = didYouMean(key, RECONNECT_KEYS);
          report(`reconnect.${key}`, `unknown option${near ? `; did you mean '${near}'?` : ''}`);
        }
      }
      initialMs = ms('reconnect.initialMs', reconnect.initialMs, initialMs, 1);
      maxMs = ms('reconnect.maxMs', reconnect.maxMs, Math.max(maxMs, initialMs), 1);
      if (maxMs < initialMs) report('reconnect', `maxMs (${maxMs}) is below initialMs (${initialMs})`);
    }
  }
  const startTimeoutMs = ms(
    'startTimeout',
    isPlainObject(consumer) ? consumer.startTimeout : undefined,
    DEFAULT_START_TIMEOUT_MS,
    0,
  );
  return { options: { reconnect: { initialMs, maxMs }, startTimeoutMs }, problems };
}
