import type { ConfigProblem } from '../config/kafka-config.types';
import { DEFAULT_RECONNECT, DEFAULT_START_TIMEOUT_MS } from '../config/karafka.defaults';
import { isPlainObject } from '../common/is-plain-object';
import { checkKeys } from '../routing/read-routing-options';
import { ROUTING_MESSAGES as M } from '../routing/routing.messages';

/** The settings every runner gets, defaults applied. */
export interface ResolvedRunnerOptions {
  reconnect: { initialMs: number; maxMs: number };
  startTimeoutMs: number;
}

const MAX_MS = 2147483647;

/**
 * Validates `forRoot({ consumer })`'s runner settings (the routing defaults next to them are validated by the
 * routing table) and applies the defaults. Never throws: each problem names the option at fault.
 */
export function readRunnerOptions(consumer: unknown): {
  options: ResolvedRunnerOptions;
  problems: ConfigProblem[];
} {
  const problems: ConfigProblem[] = [];
  const report = (message: string) => problems.push({ where: 'forRoot.consumer', message });
  const options: ResolvedRunnerOptions = {
    reconnect: { ...DEFAULT_RECONNECT },
    startTimeoutMs: DEFAULT_START_TIMEOUT_MS,
  };
  // Not an object at all: the routing table reports it.
  if (!isPlainObject(consumer)) return { options, problems };
  const milliseconds = (option: string, value: unknown, min: number): number | undefined => {
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= MAX_MS) return value;
    report(M.expectedNumber(option, value, min, MAX_MS, true));
    return undefined;
  };
  if (consumer.startTimeout !== undefined) {
    options.startTimeoutMs = milliseconds('startTimeout', consumer.startTimeout, 0) ?? options.startTimeoutMs;
  }
  const reconnect = consumer.reconnect;
  if (reconnect !== undefined) {
    if (!isPlainObject(reconnect)) report(M.notAnObject('reconnect'));
    else {
      checkKeys(reconnect, ['initialMs', 'maxMs'], 'reconnect.', report);
      const initialMs =
        reconnect.initialMs === undefined
          ? undefined
          : milliseconds('reconnect.initialMs', reconnect.initialMs, 1);
      const maxMs =
        reconnect.maxMs === undefined ? undefined : milliseconds('reconnect.maxMs', reconnect.maxMs, 1);
      options.reconnect = {
        initialMs: initialMs ?? options.reconnect.initialMs,
        maxMs: maxMs ?? Math.max(options.reconnect.maxMs, initialMs ?? 0),
      };
      if (initialMs !== undefined && maxMs !== undefined && initialMs > maxMs) {
        report(`reconnect.initialMs (${initialMs}) is above reconnect.maxMs (${maxMs})`);
      }
    }
  }
  return { options, problems };
}
