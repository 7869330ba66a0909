import { resolveClusters } from '../cluster/resolve-clusters';
import type { ClusterOptions } from '../cluster/cluster-options.interface';
import type { RoutingOptions } from './routing-options.interface';
import { buildRoutingTable } from './build-routing-table';
import { formatRoutingTable } from './format-routing-table';
import type { TopicDeclaration } from './routing-table.interface';
import type { KafkaTopicOptions } from './topic-options.interface';

/** The parts of forRoot these functions read. */
type Options = ClusterOptions & RoutingOptions;

const OPTIONS: Options = {
  kafka: { 'bootstrap.servers': '127.0.0.1:19092', 'client.id': 'shop' },
  clusters: {
    secondary: {
      'bootstrap.servers': '127.0.0.1:29092',
      'security.protocol': 'sasl_ssl',
      'sasl.mechanism': 'SCRAM-SHA-512',
      'sasl.username': 'alice',
      'sasl.password': 'hunter2',
      'ssl.key.pem': 'PRIVATE-KEY-PEM',
    },
    reporting: { 'bootstrap.servers': '127.0.0.1:49092' },
  },
  consumerGroup: 'shop',
};

function topic(name: string, className: string, options: KafkaTopicOptions = {}): TopicDeclaration {
  return { topic: name, options, className, target: class {}, hasConsumeMethod: true };
}

function render(producers?: Parameters<typeof formatRoutingTable>[1]): string[] {
  const { clusters } = resolveClusters(OPTIONS);
  const { table, problems } = buildRoutingTable({
    options: OPTIONS,
    clusters,
    declarations: [
      topic('orders', 'OrdersConsumer', { deadLetterQueue: { topic: 'orders.dlq' } }),
      topic('payments', 'PaymentsConsumer', { deserializer: 'raw', lazyPayload: true }),
      topic('bulk', 'BulkConsumer', {
        maxMessages: 1000,
        concurrency: 4,
        kafka: { 'session.timeout.ms': 45000 },
        inherit: true,
      }),
      topic('audit', 'AuditConsumer', { cluster: 'secondary', retry: { maxRetries: 5 } }),
      topic('example2', 'InlineConsumer', { kafka: { 'bootstrap.servers': '127.0.0.1:39092' } }),
    ],
  });
  expect(problems).toEqual([]);
  return formatRoutingTable(table, producers).split('\n');
}

describe('formatRoutingTable', () => {
  it('prints cluster → consumer group → subscription group → topics, in routing order', () => {
    expect(render()).toEqual([
      'Routing table: 4 clusters, 4 subscription groups, 5 topics',
      'cluster primary (primary) plaintext://127.0.0.1:19092 client.id=shop',
      '  consumer group shop',
      '    subscription group shop@primary#0: maxMessages=100 maxWaitTime=1000ms initialOffset=earliest',
      '      orders → OrdersConsumer (retries=2 backoff=1000..30000ms×2, dlq=orders.dlq after 2 retries)',
      '      payments → PaymentsConsumer (retries=2 backoff=1000..30000ms×2, deserializer=raw, lazyPayload)',
      '    subscription group shop@primary#1: maxMessages=1000 maxWaitTime=1000ms initialOffset=earliest concurrency=4 sessionTimeout=45000',
      '      bulk → BulkConsumer (retries=2 backoff=1000..30000ms×2)',
      'cluster secondary (named) sasl_ssl://alice@127.0.0.1:29092 client.id=nestjs-karafka sasl=scram-sha-512',
      '  consumer group shop',
      '    subscription group shop@secondary#0: maxMessages=100 maxWaitTime=1000ms initialOffset=earliest',
      '      audit → AuditConsumer (retries=5 backoff=1000..30000ms×2)',
      'cluster reporting (named) plaintext://127.0.0.1:49092 client.id=nestjs-karafka',
      '  (no topics)',
      'cluster inline:127.0.0.1:39092 (inline) plaintext://127.0.0.1:39092 client.id=nestjs-karafka',
      '  consumer group shop',
      '    subscription group shop@inline:127.0.0.1:39092#0: maxMessages=100 maxWaitTime=1000ms initialOffset=earliest',
      '      example2 → InlineConsumer (retries=2 backoff=1000..30000ms×2)',
    ]);
  });

  it('shows connection and producer settings that split a group from its cluster, redacted', () => {
    const { clusters } = resolveClusters(OPTIONS);
    const { table, problems } = buildRoutingTable({
      options: OPTIONS,
      clusters,
      declarations: [
        topic('a', 'A', {
          cluster: 'secondary',
          kafka: { 'sasl.password': 'rotated-secret', 'client.id': 'a-app' },
          inherit: true,
        }),
        topic('b', 'B', { kafka: { 'linger.ms': 5 }, inherit: true }),
      ],
    });
    expect(problems).toEqual([]);
    const text = formatRoutingTable(table);
    expect(text).toContain(
      'subscription group shop@secondary#0: maxMessages=100 maxWaitTime=1000ms initialOffset=earliest connection.clientId=a-app connection.sasl={"mechanism":"scram-sha-512","username":"alice","password":"[redacted]"}',
    );
    expect(text).toContain(
      'subscription group shop@primary#0: maxMessages=100 maxWaitTime=1000ms initialOffset=earliest producer.lingerMs=5',
    );
    expect(text).not.toContain('rotated-secret');
  });

  it('never prints passwords or keys', () => {
    const text = render().join('\n');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('PRIVATE-KEY-PEM');
  });

  it('appends producer → cluster lines, flagging an unknown cluster', () => {
    const lines = render([
      { name: 'default', cluster: 'primary' },
      { name: 'secondary', cluster: 'secondary' },
      { name: 'lost', cluster: 'nowhere' },
    ]);
    expect(lines.slice(-4)).toEqual([
      'producers',
      '  default → primary plaintext://127.0.0.1:19092',
      '  secondary → secondary sasl_ssl://alice@127.0.0.1:29092',
      '  lost → nowhere (unknown cluster)',
    ]);
  });
});
