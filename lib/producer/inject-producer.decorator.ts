import { Inject, type Provider } from '@nestjs/common';
import { DEFAULT_PRODUCER } from './producer.constants';
import { getProducerToken } from './get-producer-token.util';
import { PRODUCER_MESSAGES as M } from './producer.messages';
import { ProducerRegistry } from './producer-registry';

/**
 * Every name passed to `@InjectProducer(name)` so far. With `forRootAsync` the configured names are unknown
 * while the module's providers are built, but the decorators have all run by then (they run when the
 * classes are defined), so the module provides a token for each requested name.
 */
const requestedNames = new Set<string>();

/** Injects the default producer (primary cluster unless redefined), or the named one. */
export function InjectProducer(name?: string): PropertyDecorator & ParameterDecorator {
  if (name !== undefined && name !== DEFAULT_PRODUCER) requestedNames.add(name);
  return Inject(getProducerToken(name));
}

export function getRequestedProducerNames(): string[] {
  return [...requestedNames];
}

/**
 * One provider per producer name, resolved from the registry. A name that is not configured fails the
 * start with an error naming the `@InjectProducer` call and listing the configured producers.
 */
export function createProducerProviders(names: string[]): Provider[] {
  return [...new Set(names)].map((name) => ({
    provide: getProducerToken(name),
    useFactory: (registry: ProducerRegistry) => {
      if (!registry.names().includes(name))
        throw new Error(M.unknownInjectedProducer(name, registry.names()));
      return registry.get(name);
    },
    inject: [ProducerRegistry],
  }));
}
