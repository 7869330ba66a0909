import { Injectable } from '@nestjs/common';
import { PROPERTY_DEPS_METADATA, SELF_DECLARED_DEPS_METADATA } from '@nestjs/common/constants';
import { DiscoveryService } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper';
import { didYouMean } from '../config/did-you-mean';
import type { ConfigProblem } from '../config/kafka-config.types';
import { producerNameOfToken } from './get-producer-token.util';
import { ProducerRegistry } from './producer-registry';
import { PRODUCER_MESSAGES as M } from './producer.messages';

/** One place that asks for a named producer: the name, and where (class and parameter or property). */
interface ProducerInjection {
  name: string;
  where: string;
}

/**
 * Finds the classes of THIS application that inject a producer that is not configured. Every named
 * producer token has a provider (Nest needs one before any hook runs), but an unconfigured one resolves
 * to nothing and is no error by itself: a class that one app never imports must not fail that app. The
 * classes actually present (providers, controllers, factories' `inject`) are what is checked, at module
 * init, together with every other bootstrap problem.
 */
@Injectable()
export class ProducerInjectionCheck {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly producers: ProducerRegistry,
  ) {}

  problems(): ConfigProblem[] {
    const configured = this.producers.names();
    const problems = new Map<string, ConfigProblem>();
    for (const wrapper of [...this.discovery.getProviders(), ...this.discovery.getControllers()]) {
      for (const { name, where } of producerInjections(wrapper)) {
        if (this.producers.has(name) || problems.has(where)) continue;
        const message = M.unknownInjectedProducer(name, didYouMean(name, configured), configured);
        problems.set(where, { where, message });
      }
    }
    return [...problems.values()];
  }
}

/** Nest's own records of `@Inject(token)` (which `@InjectProducer` is), so `@Inject(getProducerToken(n))` counts too. */
function producerInjections(wrapper: InstanceWrapper): ProducerInjection[] {
  const { metatype, inject } = wrapper;
  if (typeof metatype !== 'function') return [];
  const found: ProducerInjection[] = [];
  const add = (token: unknown, where: () => string) => {
    const name = producerNameOfToken(token);
    if (name !== undefined) found.push({ name, where: where() });
  };

  if (inject) {
    const provider = typeof wrapper.token === 'function' ? wrapper.token.name : String(wrapper.token);
    inject.forEach((entry, index) => {
      const token = typeof entry === 'object' && entry !== null && 'token' in entry ? entry.token : entry;
      add(token, () => M.factoryInjection(provider, index));
    });
    return found;
  }
  const parameters: Array<{ index: number; param: unknown }> =
    Reflect.getMetadata(SELF_DECLARED_DEPS_METADATA, metatype) ?? [];
  for (const { index, param } of parameters) add(param, () => M.constructorInjection(metatype.name, index));
  const properties: Array<{ key: string | symbol; type: unknown }> =
    Reflect.getMetadata(PROPERTY_DEPS_METADATA, metatype) ?? [];
  for (const { key, type } of properties) add(type, () => M.propertyInjection(metatype.name, String(key)));
  return found;
}
