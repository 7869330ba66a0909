import { KarafkaConfigurationError } from './karafka-configuration.error';

describe('KarafkaConfigurationError', () => {
  it('lists every problem on its own line under a counted header', () => {
    const problems = [
      { where: "@KafkaTopic('orders') on OrdersConsumer", message: "unknown cluster 'secndary'" },
      { where: 'forRoot.kafka', message: "unsupported key 'x'" },
    ];
    const error = new KarafkaConfigurationError(problems);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('KarafkaConfigurationError');
    expect(error.problems).toBe(problems);
    expect(error.message.split('\n')).toEqual([
      'nestjs-karafka found 2 configuration problems:',
      " - @KafkaTopic('orders') on OrdersConsumer: unknown cluster 'secndary'",
      " - forRoot.kafka: unsupported key 'x'",
    ]);
  });

  it('says "problem" for one', () => {
    expect(new KarafkaConfigurationError([{ where: 'w', message: 'm' }]).message).toBe(
      'nestjs-karafka found 1 configuration problem:\n - w: m',
    );
  });
});
