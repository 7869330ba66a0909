import { logLevel, type logCreator } from 'kafkajs';
import type { DriverLogEntry } from '../kafka-driver.port';

/** kafkajs' own log hook; accepted (deprecated) as `forRoot({ logCreator })`. */
export type KafkajsLogCreator = logCreator;

const LEVEL_NAMES: Record<number, DriverLogEntry['level']> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * Broker answers that kafkajs logs at ERROR on every occurrence but retries by itself: a topic being
 * auto-created, a leader election, a group rebalancing or a coordinator loading. They are routine, and a
 * failure that outlasts kafkajs' retries reaches the runner or the producer, which report it themselves.
 */
const ROUTINE_BROKER_ANSWERS = [
  'This server does not host this topic-partition',
  'There is no leader for this topic-partition',
  'The group is rebalancing, so a rejoin is needed',
  'The coordinator is loading',
  'The coordinator is not available',
  'This is not the correct coordinator',
];

export function isRoutineBrokerAnswer({ extra }: Pick<DriverLogEntry, 'extra'>): boolean {
  const error = typeof extra.error === 'string' ? extra.error : '';
  return ROUTINE_BROKER_ANSWERS.some((answer) => error.startsWith(answer));
}

/** A kafkajs `logCreator` that hands every entry to `log`, with routine broker answers lowered to debug. */
export function forwardingLogCreator(log: (entry: DriverLogEntry) => void): KafkajsLogCreator {
  return () =>
    ({ namespace, level, log: { message, ...extra } }) => {
      const named = LEVEL_NAMES[level] ?? 'info';
      const routine = named === 'error' && isRoutineBrokerAnswer({ extra });
      log({ level: routine ? 'debug' : named, namespace, message, extra });
    };
}
