import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { ClusterRegistry, ConsumerManager, KarafkaModule, ProducerRegistry } from '../../../lib';

/**
 * What users inject are read-only views: the module's own side (storing the routing, starting and stopping
 * runners, closing producers) is not on their types. ts-jest type-checks this file, so each
 * `@ts-expect-error` fails the suite if a mutator becomes reachable again.
 */
describe('public views of the registries', () => {
  it('exposes lookups only, on the same objects the module drives', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        KarafkaModule.forRoot({
          kafka: { 'bootstrap.servers': '127.0.0.1:1', 'client.id': 'views' },
          autoStartConsumers: false,
          logRoutingTable: false,
        }),
      ],
    }).compile();
    await moduleRef.init();
    const clusters = moduleRef.get(ClusterRegistry);
    const consumers = moduleRef.get(ConsumerManager);
    const producers = moduleRef.get(ProducerRegistry);

    expect(clusters.primary.name).toBe('primary');
    expect(clusters.subscriptionGroups()).toEqual([]);
    expect(consumers.runners()).toEqual([]);
    expect(producers.names()).toEqual(['default']);

    // @ts-expect-error the routing table is stored by the module, once
    expect(typeof clusters.setRouting).toBe('function');
    // @ts-expect-error runners are started by the module
    expect(typeof consumers.start).toBe('function');
    // @ts-expect-error producers are closed by the module on shutdown
    expect(typeof producers.closeAll).toBe('function');
    await moduleRef.close();
  });
});
