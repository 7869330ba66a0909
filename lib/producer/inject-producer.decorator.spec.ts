import 'reflect-metadata';
import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  FakeDriverProducer,
  testCluster,
  testDefinition,
} from '../../test/unit/producer/fake-driver-producer';
import type { DriverClient } from '../driver/kafka-driver.port';
import { KarafkaMonitor } from '../instrumentation/karafka-monitor';
import { getProducerToken } from './get-producer-token.util';
import { getRequestedProducerNames, InjectProducer } from './inject-producer.decorator';
import { KafkaProducer } from './kafka-producer';
import { ProducerPool } from './producer-pool';
import { ProducerRegistry } from './producer-registry';
import { createNamedProducerProviders } from './producer.providers';

@Injectable()
class Shop {
  constructor(
    @InjectProducer() readonly primary: KafkaProducer,
    @InjectProducer('secondary') readonly secondary: KafkaProducer,
    readonly byClass: KafkaProducer,
  ) {}
}

function registry(): ProducerRegistry {
  const client = { producer: () => new FakeDriverProducer() } as unknown as DriverClient;
  const secondary = testCluster('secondary', { 'bootstrap.servers': '127.0.0.1:29092' });
  return new ProducerPool(
    [testDefinition(), testDefinition({ name: 'secondary', origin: 'named', cluster: secondary })],
    () => client,
    new KarafkaMonitor(),
    { statisticsInterval: 0 },
  );
}

describe('producer injection', () => {
  it('uses the KafkaProducer class as the default token and a namespaced string for named producers', () => {
    expect(getProducerToken()).toBe(KafkaProducer);
    expect(getProducerToken('default')).toBe(KafkaProducer);
    expect(getProducerToken('secondary')).toBe('nestjs-karafka:producer:secondary');
  });

  it('remembers the names asked for by @InjectProducer (for forRootAsync), not the default', () => {
    expect(getRequestedProducerNames()).toEqual(['secondary']);
  });

  it('provides each producer from the registry', async () => {
    const producers = registry();
    const module = await Test.createTestingModule({
      providers: [
        { provide: ProducerRegistry, useValue: producers },
        ...createNamedProducerProviders(['default', 'secondary', 'secondary']),
        Shop,
      ],
    }).compile();

    const shop = module.get(Shop);
    expect(shop.primary).toBe(producers.get());
    expect(shop.byClass).toBe(producers.get());
    expect(shop.secondary).toBe(producers.get('secondary'));
    expect(shop.secondary.cluster).toBe('secondary');
  });

  it('resolves a name that is not configured to nothing (the injection check reports the classes that ask)', async () => {
    const module = await Test.createTestingModule({
      providers: [
        { provide: ProducerRegistry, useValue: registry() },
        ...createNamedProducerProviders(['nope']),
      ],
    }).compile();

    expect(module.get(getProducerToken('nope'))).toBeUndefined();
  });
});
