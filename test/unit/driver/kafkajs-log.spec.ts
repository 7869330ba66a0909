import { logLevel } from 'kafkajs';
import type { DriverLogEntry } from '../../../lib/driver/kafka-driver.port';
import { forwardingLogCreator, isRoutineBrokerAnswer } from '../../../lib/driver/kafkajs/kafkajs-log';

describe('isRoutineBrokerAnswer', () => {
  const entry = (error: unknown) => ({
    level: 'error' as const,
    namespace: 'Connection',
    message: 'Response Metadata',
    extra: { error },
  });

  it('recognises answers kafkajs retries by itself', () => {
    expect(isRoutineBrokerAnswer(entry('This server does not host this topic-partition'))).toBe(true);
    expect(isRoutineBrokerAnswer(entry('The group is rebalancing, so a rejoin is needed'))).toBe(true);
    expect(isRoutineBrokerAnswer(entry("The coordinator is loading and hence can't process requests"))).toBe(
      true,
    );
  });

  it('keeps every other error an error', () => {
    expect(isRoutineBrokerAnswer(entry('SASL Authentication failed'))).toBe(false);
    expect(isRoutineBrokerAnswer(entry(undefined))).toBe(false);
    expect(isRoutineBrokerAnswer({ ...entry('x'), extra: {} })).toBe(false);
  });
});

describe('forwardingLogCreator', () => {
  function forward(level: logLevel, message: string, extra: Record<string, unknown> = {}): DriverLogEntry[] {
    const entries: DriverLogEntry[] = [];
    const logger = forwardingLogCreator((entry) => entries.push(entry))(logLevel.WARN);
    logger({ namespace: 'Connection', level, label: 'x', log: { timestamp: 't', message, ...extra } });
    return entries;
  }

  it("hands kafkajs' entries on with the level named and the details in extra", () => {
    expect(forward(logLevel.WARN, 'slow', { broker: 'a:1' })).toEqual([
      { level: 'warn', namespace: 'Connection', message: 'slow', extra: { timestamp: 't', broker: 'a:1' } },
    ]);
    expect(
      forward(logLevel.ERROR, 'Response Metadata', { error: 'SASL Authentication failed' })[0].level,
    ).toBe('error');
  });

  it('lowers routine broker answers to debug', () => {
    const [entry] = forward(logLevel.ERROR, 'Response Metadata', {
      error: 'This server does not host this topic-partition',
    });
    expect(entry.level).toBe('debug');
    expect(entry.extra.error).toBe('This server does not host this topic-partition');
  });
});
