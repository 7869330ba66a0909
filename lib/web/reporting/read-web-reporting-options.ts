import { isNonEmptyString } from '../../common/is-non-empty-string';
import { isNumberIn } from '../../common/is-number-in';
import { isPlainObject } from '../../common/is-plain-object';
import { didYouMean } from '../../config/did-you-mean';
import type { ConfigProblem } from '../../config/kafka-config.types';
import { KarafkaConfigurationError } from '../../config/karafka-configuration.error';
import { DEFAULT_WEB_REPORTING } from '../../config/karafka.defaults';
import { DEFAULT_PRODUCER } from '../../producer/producer.constants';
import { isValidTopicName } from '../../routing/read-routing-options';
import { WEB_REPORTING_MESSAGES as M } from './web-reporting.messages';
import type { WebReportingOptions, WebTopicNames } from './web-reporting-options.interface';

/** The reporting options with every default applied and the Web producer known to exist. */
export interface ResolvedWebReporting {
  producer: string;
  processing: boolean;
  trackingInterval: number;
  processTtlMs: number;
  consumerGroup: string;
  topics: Required<WebTopicNames>;
  autoMigrate: boolean;
}

/**
 * The keys of `WebReportingOptions`: `KarafkaWebModule.forRoot` takes them beside its own (`path`, `auth`), so
 * it is the module that reports a key neither half knows.
 */
export const WEB_REPORTING_OPTION_KEYS: ReadonlyArray<keyof WebReportingOptions> = [
  'producer',
  'processing',
  'trackingInterval',
  'processTtlMs',
  'consumerGroup',
  'topics',
  'autoMigrate',
];

const TOPIC_KEYS = Object.keys(DEFAULT_WEB_REPORTING.topics) as Array<keyof WebTopicNames>;
/** An hour: reporting less often leaves the pages empty for longer than anyone waits. */
const MAX_INTERVAL_MS = 3_600_000;

/**
 * Validates the reporting options against the app's producers (`name`s of `ProducerRegistry`) and applies the
 * defaults. Throws one `KarafkaConfigurationError` naming every bad option; keys it does not own are left to the
 * caller.
 */
export function readWebReportingOptions(
  input: WebReportingOptions | undefined,
  producers: readonly string[],
): ResolvedWebReporting {
  const problems: ConfigProblem[] = [];
  const report = (option: string, message: string) =>
    problems.push({ where: `${M.where}${option ? `.${option}` : ''}`, message });
  const given: Record<string, unknown> = isPlainObject(input ?? {}) ? { ...(input ?? {}) } : {};
  if (!isPlainObject(input ?? {})) report('', M.notAnObject('options', input));

  const string = (key: string, fallback: string): string => {
    const value = given[key];
    if (value === undefined) return fallback;
    if (isNonEmptyString(value)) return value;
    report(key, M.expectedString(key, value));
    return fallback;
  };
  const boolean = (key: string, fallback: boolean): boolean => {
    const value = given[key];
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    report(key, M.expectedBoolean(key, value));
    return fallback;
  };
  const interval = (key: string, min: number, fallback: number): number => {
    const value = given[key];
    if (value === undefined) return fallback;
    if (isNumberIn(value, min, MAX_INTERVAL_MS)) return value;
    report(key, M.expectedInteger(key, value, min, MAX_INTERVAL_MS));
    return fallback;
  };

  const producer = string('producer', DEFAULT_PRODUCER);
  if (!producers.includes(producer)) {
    report('producer', M.unknownProducer(producer, producers, didYouMean(producer, producers)));
  }
  const trackingInterval = interval('trackingInterval', 100, DEFAULT_WEB_REPORTING.trackingInterval);
  const processTtlMs = interval('processTtlMs', 200, DEFAULT_WEB_REPORTING.processTtlMs);
  if (processTtlMs <= trackingInterval)
    report('processTtlMs', M.ttlNotAboveInterval(processTtlMs, trackingInterval));

  const resolved: ResolvedWebReporting = {
    producer,
    processing: boolean('processing', DEFAULT_WEB_REPORTING.processing),
    trackingInterval,
    processTtlMs,
    consumerGroup: string('consumerGroup', DEFAULT_WEB_REPORTING.consumerGroup),
    topics: readTopics(given.topics, report),
    autoMigrate: boolean('autoMigrate', DEFAULT_WEB_REPORTING.autoMigrate),
  };
  if (problems.length > 0) throw new KarafkaConfigurationError(problems);
  return resolved;
}

function readTopics(
  value: unknown,
  report: (option: string, message: string) => void,
): Required<WebTopicNames> {
  const topics: Required<WebTopicNames> = { ...DEFAULT_WEB_REPORTING.topics };
  if (value === undefined) return topics;
  if (!isPlainObject(value)) {
    report('topics', M.notAnObject('topics', value));
    return topics;
  }
  for (const [key, name] of Object.entries(value)) {
    if (!(TOPIC_KEYS as string[]).includes(key)) {
      report(`topics.${key}`, M.unknownOption(`topics.${key}`, didYouMean(key, TOPIC_KEYS)));
    } else if (name !== undefined) {
      if (isValidTopicName(name)) topics[key as keyof WebTopicNames] = name;
      else report(`topics.${key}`, M.invalidTopicName(`topics.${key}`, name));
    }
  }
  for (const name of new Set(Object.values(topics))) {
    const sharing = TOPIC_KEYS.filter((key) => topics[key] === name);
    if (sharing.length > 1)
      report(
        'topics',
        M.sameTopicTwice(
          name,
          sharing.map((key) => `topics.${key}`),
        ),
      );
  }
  return topics;
}
