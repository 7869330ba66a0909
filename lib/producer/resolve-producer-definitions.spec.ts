import { resolveClusters } from '../cluster/resolve-clusters';
import type { KarafkaModuleOptions } from '../karafka-options.interface';
import { resolveProducerDefinitions } from './resolve-producer-definitions';

function resolve(options: KarafkaModuleOptions) {
  const { clusters, problems } = resolveClusters(options);
  expect(problems).toEqual([]);
  return resolveProducerDefinitions(options, clusters);
}

const base: KarafkaModuleOptions = {
  kafka: { 'bootstrap.servers': '127.0.0.1:19092', 'client.id': 'shop' },
  clusters: { secondary: { 'bootstrap.servers': '127.0.0.1:29092' } },
};

describe('resolveProducerDefinitions', () => {
  it('puts the default producer on the primary cluster with the primary settings', () => {
    const { producers, problems } = resolve({
      ...base,
      kafka: { ...base.kafka, 'request.required.acks': 1 },
    });

    expect(problems).toEqual([]);
    expect(producers).toHaveLength(1);
    expect(producers[0]).toMatchObject({
      name: 'default',
      origin: 'default',
      serializer: 'json',
      topicSerializers: {},
    });
    expect(producers[0].cluster.name).toBe('primary');
    expect(producers[0].settings).toEqual({ acks: 1 });
  });

  it('moves the default producer when forRoot({ producer }) redefines its cluster', () => {
    const { producers, problems } = resolve({ ...base, producer: { cluster: 'secondary' } });

    expect(problems).toEqual([]);
    expect(producers.map((p) => [p.name, p.cluster.name])).toEqual([['default', 'secondary']]);
  });

  it('adds named producers on their clusters, merging their kafka over the cluster settings', () => {
    const serializer = (payload: unknown) => String(payload);
    const { producers, problems } = resolve({
      ...base,
      kafka: { ...base.kafka, 'compression.codec': 'gzip', 'linger.ms': 5 },
      producers: {
        secondary: { cluster: 'secondary', kafka: { 'request.required.acks': 1 } },
        audit: {
          kafka: { 'linger.ms': 20, 'batch.num.messages': 50 },
          serializer,
          topicSerializers: { raw: 'json' },
        },
      },
    });

    expect(problems).toEqual([]);
    expect(producers.map((p) => [p.name, p.origin, p.cluster.name])).toEqual([
      ['default', 'default', 'primary'],
      ['secondary', 'named', 'secondary'],
      ['audit', 'named', 'primary'],
    ]);
    expect(producers[1].settings).toEqual({ acks: 1 });
    expect(producers[2].settings).toEqual({ compression: 'gzip', lingerMs: 20, batchNumMessages: 50 });
    expect(producers[2].serializer).toBe(serializer);
    expect(producers[2].topicSerializers).toEqual({ raw: 'json' });
  });

  it('keeps a retries override as the producer’s own retry settings', () => {
    const { producers, problems } = resolve({ ...base, producers: { patient: { kafka: { retries: 10 } } } });

    expect(problems).toEqual([]);
    expect(producers[1].settings.retry).toEqual({ retries: 10 });
  });

  it('reports an unknown cluster with a suggestion and the known names', () => {
    const { producers, problems } = resolve({ ...base, producers: { dr: { cluster: 'secondray' } } });

    expect(producers.map((p) => p.name)).toEqual(['default']);
    expect(problems).toEqual([
      {
        where: 'forRoot.producers.dr.cluster',
        message: `cluster 'secondray' is not defined (did you mean 'secondary'?); known clusters: 'primary', 'secondary'`,
      },
    ]);
  });

  it('reports an unknown cluster for the redefined default producer', () => {
    const { problems } = resolve({ ...base, producer: { cluster: 'tertiary' } });

    expect(problems).toHaveLength(1);
    expect(problems[0].where).toBe('forRoot.producer.cluster');
    expect(problems[0].message).toContain(`cluster 'tertiary' is not defined`);
  });

  it("reserves the name 'default'", () => {
    const { problems } = resolve({ ...base, producers: { default: { cluster: 'secondary' } } });

    expect(problems).toEqual([
      { where: 'forRoot.producers.default', message: expect.stringContaining('forRoot({ producer:') },
    ]);
  });

  it('reports producer settings that cannot work, where the producer is defined', () => {
    const { problems } = resolve({
      ...base,
      producers: {
        tx: { kafka: { 'transactional.id': 'tx-1', 'enable.idempotence': false } },
        idem: { kafka: { 'enable.idempotence': true, 'request.required.acks': 1 } },
        typo: { kafka: { 'linger.mss': 5 } },
      },
    });

    expect(problems).toEqual([
      {
        where: 'forRoot.producers.tx.kafka',
        message: expect.stringContaining(`'transactional.id' requires idempotence`),
      },
      { where: 'forRoot.producers.idem.kafka', message: expect.stringContaining('needs acks = all') },
      { where: 'forRoot.producers.typo.kafka', message: expect.stringContaining(`did you mean 'linger.ms'`) },
    ]);
  });

  it('reports a combination that only the merge makes impossible (idempotent cluster, producer acks 1)', () => {
    const { problems } = resolve({
      ...base,
      kafka: { ...base.kafka, 'enable.idempotence': true },
      producers: { fast: { kafka: { 'request.required.acks': 1 } } },
    });

    expect(problems).toEqual([
      { where: 'forRoot.producers.fast.kafka', message: expect.stringContaining('needs acks = all') },
    ]);
  });

  it('does not repeat the cluster’s own problems for each producer', () => {
    const options: KarafkaModuleOptions = {
      ...base,
      kafka: { ...base.kafka, 'linger.mss': 1 },
      producers: { p: { kafka: { 'linger.ms': 2 } } },
    };
    const { clusters } = resolveClusters(options);

    expect(resolveProducerDefinitions(options, clusters).problems).toEqual([]);
  });

  it('refuses connection settings in a producer’s kafka (producers share their cluster’s client)', () => {
    const { problems } = resolve({
      ...base,
      producers: { elsewhere: { kafka: { 'bootstrap.servers': '127.0.0.1:39092', 'client.id': 'other' } } },
    });

    expect(problems).toEqual([
      { where: 'forRoot.producers.elsewhere.kafka', message: expect.stringContaining('(brokers, clientId)') },
    ]);
  });

  it('reports serializers that are neither json nor a function, and a producer that is not an object', () => {
    const { problems } = resolve({
      ...base,
      producers: {
        bad: { serializer: 'avro' as never, topicSerializers: { orders: 42 as never } },
        worse: 'secondary' as never,
      },
    });

    expect(problems.map((p) => p.where)).toEqual([
      'forRoot.producers.bad.topicSerializers.orders',
      'forRoot.producers.bad.serializer',
      'forRoot.producers.worse',
    ]);
  });
});
