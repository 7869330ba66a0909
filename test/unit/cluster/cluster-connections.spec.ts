import { isRoutineBrokerAnswer } from '../../../lib/cluster/cluster-connections';

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
