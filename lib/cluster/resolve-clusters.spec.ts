import { inspect } from 'util';
import type { ClusterOptions } from './cluster-options.interface';
import { resolveClusters } from './resolve-clusters';

const PRIMARY = { 'bootstrap.servers': '127.0.0.1:19092', 'client.id': 'shop' };
const SECONDARY = { 'bootstrap.servers': '127.0.0.1:29092' };

describe('resolveClusters', () => {
  it('keeps the raw input (secrets included) out of JSON and inspection of a cluster', () => {
    const secret = { 'sasl.password': 'raw-secret', 'sasl.username': 'app' };
    const { clusters } = resolveClusters({ kafka: { ...PRIMARY, ...secret } });
    expect(clusters[0].input).toMatchObject(secret);
    expect(Object.keys(clusters[0])).not.toContain('input');
    expect(JSON.stringify(clusters[0].input)).toContain('raw-secret');
    expect(inspect(clusters[0], { depth: 1 })).not.toContain('sasl.password');
  });

  it('names the root kafka hash primary, then the named clusters in order, keeping their input', () => {
    const { clusters, problems } = resolveClusters({
      kafka: PRIMARY,
      clusters: { secondary: SECONDARY, 'eu-west.1': { brokers: ['c:3'] } },
    });
    expect(problems).toEqual([]);
    expect(clusters.map((c) => [c.name, c.origin, c.identity])).toEqual([
      ['primary', 'primary', 'plaintext://127.0.0.1:19092'],
      ['secondary', 'named', 'plaintext://127.0.0.1:29092'],
      ['eu-west.1', 'named', 'plaintext://c:3'],
    ]);
    expect(clusters[0].input).toBe(PRIMARY);
    expect(clusters[0].config.connection.clientId).toBe('shop');
  });

  it('requires the primary cluster and its brokers', () => {
    expect(resolveClusters({} as ClusterOptions).problems).toEqual([
      { where: 'forRoot.kafka', message: expect.stringContaining('the primary cluster is required') },
    ]);
    expect(resolveClusters({ kafka: { 'client.id': 'x' } }).problems).toEqual([
      { where: 'forRoot.kafka', message: "no brokers: set 'bootstrap.servers' (or 'brokers')" },
    ]);
  });

  it('reports each named cluster with where = forRoot.clusters.<name>', () => {
    const { problems } = resolveClusters({
      kafka: PRIMARY,
      clusters: {
        secondary: { 'bootstrap.servers': 'nope', 'session.timout.ms': 1 },
        empty: {},
        'bad name': SECONDARY,
        'inline:x': SECONDARY,
      },
    });
    expect(problems).toEqual([
      {
        where: 'forRoot.clusters.secondary',
        message:
          "'bootstrap.servers' has a malformed broker 'nope': expected 'host:port' with a port between 1 and 65535",
      },
      {
        where: 'forRoot.clusters.secondary',
        message: "unsupported key 'session.timout.ms' (did you mean 'session.timeout.ms'?)",
      },
      { where: 'forRoot.clusters.empty', message: "no brokers: set 'bootstrap.servers' (or 'brokers')" },
      {
        where: 'forRoot.clusters.bad name',
        message: expect.stringContaining("invalid cluster name 'bad name'"),
      },
      {
        where: 'forRoot.clusters.inline:x',
        message: expect.stringContaining("invalid cluster name 'inline:x'"),
      },
    ]);
  });

  it('allows two names for the same brokers (e.g. one local broker in development)', () => {
    const { clusters, problems } = resolveClusters({
      kafka: PRIMARY,
      clusters: { analytics: { brokers: ['127.0.0.1:19092'] } },
    });
    expect(problems).toEqual([]);
    expect(clusters.map((c) => c.name)).toEqual(['primary', 'analytics']);
    expect(clusters[0].identity).toBe(clusters[1].identity);
  });

  it("reserves 'primary': an exact repeat is accepted, other brokers or settings are problems", () => {
    expect(resolveClusters({ kafka: PRIMARY, clusters: { primary: { ...PRIMARY } } })).toMatchObject({
      problems: [],
    });
    expect(resolveClusters({ kafka: PRIMARY, clusters: { primary: { ...PRIMARY } } }).clusters).toHaveLength(
      1,
    );
    expect(resolveClusters({ kafka: PRIMARY, clusters: { primary: SECONDARY } }).problems).toEqual([
      {
        where: 'forRoot.clusters.primary',
        message:
          "cluster name 'primary' bound to two broker lists: forRoot.kafka is plaintext://127.0.0.1:19092, forRoot.clusters.primary is plaintext://127.0.0.1:29092; 'primary' is reserved for forRoot.kafka",
      },
    ]);
    expect(
      resolveClusters({ kafka: PRIMARY, clusters: { primary: { ...PRIMARY, 'client.id': 'other' } } })
        .problems[0].message,
    ).toContain("'primary' is reserved for forRoot.kafka");
  });

  it('requires driverLog to be a function', () => {
    const driverLog = 'console' as unknown as ClusterOptions['driverLog'];
    expect(resolveClusters({ kafka: PRIMARY, driverLog }).problems).toEqual([
      {
        where: 'forRoot.driverLog',
        message: "'driverLog' must be a function (entry, cluster) => void, got string",
      },
    ]);
    expect(resolveClusters({ kafka: PRIMARY, driverLog: () => undefined }).problems).toEqual([]);
  });
});
