import { resolveDriverChoice } from './driver-choice';

describe('resolveDriverChoice', () => {
  const clusters = ['primary', 'secondary'];

  it('uses kafkajs for every cluster when nothing is chosen', () => {
    expect(resolveDriverChoice(undefined, clusters)).toEqual({
      choice: { fallback: 'kafkajs', byCluster: {} },
      problems: [],
    });
  });

  it('takes one driver for every cluster', () => {
    expect(resolveDriverChoice('librdkafka', clusters).choice).toEqual({
      fallback: 'librdkafka',
      byCluster: {},
    });
  });

  it('takes a driver per cluster, kafkajs for the clusters not named', () => {
    expect(resolveDriverChoice({ secondary: 'librdkafka' }, clusters).choice).toEqual({
      fallback: 'kafkajs',
      byCluster: { secondary: 'librdkafka' },
    });
  });

  it('names a bad driver and a cluster that is not defined', () => {
    expect(resolveDriverChoice('rdkafka', clusters).problems).toEqual([
      {
        where: 'forRoot.driver',
        message: `'driver' must be one of 'kafkajs', 'librdkafka' or a map of cluster name to one of them, got 'rdkafka'`,
      },
    ]);
    expect(
      resolveDriverChoice({ secondry: 'librdkafka', primary: 'node-rdkafka' }, clusters).problems,
    ).toEqual([
      {
        where: 'forRoot.driver.secondry',
        message: `'driver' names cluster 'secondry', which is not defined (did you mean 'secondary'?)`,
      },
      {
        where: 'forRoot.driver.primary',
        message: `'driver' must be one of 'kafkajs', 'librdkafka' or a map of cluster name to one of them, got 'node-rdkafka'`,
      },
    ]);
  });
});
