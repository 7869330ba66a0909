import { Inject } from '@nestjs/common';
import { DEFAULT_PRODUCER } from './producer.constants';
import { getProducerToken } from './get-producer-token.util';

/**
 * Every name passed to `@InjectProducer(name)` in this process. With `forRootAsync` the configured names are
 * unknown while the module's providers are built, but the decorators have all run by then (they run when
 * the classes are defined), so the module provides a token for each. Only a token: an application whose
 * classes never ask for an unconfigured name never hears of it (see `ProducerInjectionCheck`).
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
