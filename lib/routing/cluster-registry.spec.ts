import type { ClusterOptions } from '../cluster/cluster-options.interface';
import { resolveClusters } from '../cluster/resolve-clusters';
import { buildRoutingTable } from './build-routing-table';
import type { RoutingOptions } from './routing-options.interface';
import type { TopicDeclaration } from './routing-table.interface';
import { WritableClusterRegistry } from './writable-cluster-registry';

/** The parts of forRoot these functions read. */
type Options = ClusterOptions & RoutingOptions;

class OrdersConsumer {}
const declaration = (topic: string, options: TopicDeclaration['options'] = {}): TopicDeclaration => ({
  topic,
  options,
  className: 'OrdersConsumer',
  target: OrdersConsumer,
  hasConsumeMethod: true,
});

const OPTIONS: Options = {
  kafka: { 'bootstrap.servers': '127.0.0.1:19092' },
  clusters: { secondary: { 'bootstrap.servers': '127.0.0.1:29092' } },
  consumerGroup: 'shop',
};

function registryWithRouting(declarations: TopicDeclaration[]) {
  const { clusters } = resolveClusters(OPTIONS);
  const registry = new WritableClusterRegistry(clusters);
  const { table, problems } = buildRoutingTable({ options: OPTIONS, clusters, declarations });
  expect(problems).toEqual([]);
  registry.setRouting(table);
  return registry;
}

describe('ClusterRegistry (WritableClusterRegistry)', () => {
  it('looks clusters up by name and lists them', () => {
    const registry = new WritableClusterRegistry(resolveClusters(OPTIONS).clusters);
    expect(registry.primary.name).toBe('primary');
    expect(registry.get('secondary').identity).toBe('plaintext://127.0.0.1:29092');
    expect(registry.has('secondary')).toBe(true);
    expect(registry.has('tertiary')).toBe(false);
    expect(registry.all().map((c) => c.name)).toEqual(['primary', 'secondary']);
  });

  it('names the known clusters and a near miss when a name is unknown', () => {
    const registry = new WritableClusterRegistry(resolveClusters(OPTIONS).clusters);
    expect(() => registry.get('secndary')).toThrow(
      "nestjs-karafka: unknown cluster 'secndary' (known: primary, secondary; did you mean 'secondary'?)",
    );
    expect(() => registry.get('zzz')).toThrow(
      "nestjs-karafka: unknown cluster 'zzz' (known: primary, secondary)",
    );
    expect(() => new WritableClusterRegistry([]).primary).toThrow('no primary cluster is registered');
  });

  it('refuses to answer routing questions before the routing table is set, and to set it twice', () => {
    const registry = new WritableClusterRegistry(resolveClusters(OPTIONS).clusters);
    expect(registry.hasRouting).toBe(false);
    expect(() => registry.routing).toThrow('the routing table is not built yet');
    expect(() => registry.subscriptionGroups()).toThrow('the routing table is not built yet');
    const routed = registryWithRouting([]);
    expect(routed.hasRouting).toBe(true);
    expect(() => routed.setRouting(routed.routing)).toThrow('the routing table is already set');
  });

  it('answers where topics are consumed and registers inline clusters', () => {
    const registry = registryWithRouting([
      declaration('orders'),
      declaration('audit', { cluster: 'secondary' }),
      declaration('audit', { cluster: 'secondary', consumerGroup: 'audit-readers' }),
      declaration('events', { kafka: { 'bootstrap.servers': '127.0.0.1:39092' } }),
      declaration('shared'),
      declaration('shared', { cluster: 'secondary', consumerGroup: 'mirror' }),
    ]);
    expect(registry.subscriptionGroups().map((g) => g.id)).toEqual([
      'shop@primary#0',
      'shop@secondary#0',
      'audit-readers@secondary#0',
      'mirror@secondary#0',
      'shop@inline:127.0.0.1:39092#0',
    ]);
    expect(registry.subscriptionGroupsFor('secondary').map((g) => g.id)).toEqual([
      'shop@secondary#0',
      'audit-readers@secondary#0',
      'mirror@secondary#0',
    ]);
    expect(registry.has('inline:127.0.0.1:39092')).toBe(true);
    expect(registry.clusterOfTopic('orders').name).toBe('primary');
    expect(registry.clusterOfTopic('audit').name).toBe('secondary');
    expect(registry.clusterOfTopic('audit', 'audit-readers').name).toBe('secondary');
    expect(registry.clusterOfTopic('events').origin).toBe('inline');
    expect(registry.clusterOfTopic('shared', 'shop').name).toBe('primary');
    expect(() => registry.clusterOfTopic('shared')).toThrow(
      "topic 'shared' is consumed on several clusters (shop@primary, mirror@secondary); pass the consumer group id",
    );
    expect(() => registry.clusterOfTopic('nope')).toThrow("topic 'nope' is not consumed in this application");
    expect(() => registry.clusterOfTopic('orders', 'other')).toThrow(
      "topic 'orders' is not consumed by consumer group 'other'",
    );
    expect(() => registry.subscriptionGroupsFor('nope')).toThrow("unknown cluster 'nope'");
  });
});
