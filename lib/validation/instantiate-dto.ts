import type { ClassRef } from './validation-metadata.interface';
import { loadValidationPackages } from './validation-packages';

/** Turns one decoded payload into an instance of the DTO class. */
export type Instantiate = (payload: Record<string, unknown>) => object;

/** The parts of class-transformer's (internal) metadata storage read to tell whether a class uses its decorators:
 *  per decorator kind, a map from a class to its entries. */
interface TransformerStorageLike {
  _typeMetadatas: unknown;
  _transformMetadatas: unknown;
  _exposeMetadatas: unknown;
  _excludeMetadatas: unknown;
}

/**
 * True when class-transformer has no decorator (`@Type`, `@Expose`, `@Exclude`, `@Transform`) on the class or
 * its ancestors, so `plainToInstance` with default options would only copy the properties. False when that
 * cannot be told (a class-transformer whose storage looks different): then the caller keeps `plainToInstance`.
 */
export function isPlainCopyClass(storage: unknown, cls: ClassRef): boolean {
  const s = storage as Partial<TransformerStorageLike> | undefined;
  const maps = [s?._typeMetadatas, s?._transformMetadatas, s?._exposeMetadatas, s?._excludeMetadatas];
  if (!maps.every((map) => map instanceof Map)) return false;
  // The maps themselves, not class-transformer's getters: those leave out a class-level @Exclude/@Expose and,
  // as @Transform's entries are arrays, every @Transform.
  const byClass = maps as Array<Map<unknown, Map<unknown, unknown>>>;
  let c: unknown = cls;
  while (typeof c === 'function' && c !== Function.prototype) {
    if (byClass.some((map) => (map.get(c)?.size ?? 0) > 0)) return false;
    c = Object.getPrototypeOf(c);
  }
  return true;
}

/**
 * What `plainToInstance(cls, payload)` does for a class without class-transformer decorators, without its
 * per-property metadata look-ups: `new cls()`, then every own property of the payload, nested objects and arrays
 * copied, except the ones class-transformer skips (a method, a getter without setter or another value without
 * setter of the class's prototype, a method of `Object.prototype` in a nested object) and `__proto__`, which
 * Nest's ValidationPipe strips as well. A payload holding what JSON cannot (a Date, Set, Map, class instance)
 * goes to `plainToInstance` itself, which converts those its own way.
 */
export function compilePlainCopy(cls: new () => object): Instantiate {
  // Methods need no entry: the instance's value for them is a function, which is skipped anyway.
  const readOnly = new Set(
    Object.entries(Object.getOwnPropertyDescriptors(cls.prototype))
      .filter(([, descriptor]) => descriptor.set === undefined && typeof descriptor.value !== 'function')
      .map(([key]) => key),
  );
  return (payload) => {
    const instance = new cls();
    const target = instance as Record<string, unknown>;
    // for-in walks V8's cached keys without allocating an array per payload, as Object.keys would.
    for (const key in payload) {
      if (!Object.hasOwn(payload, key) || key === '__proto__') continue;
      if ((readOnly.size > 0 && readOnly.has(key)) || typeof target[key] === 'function') continue;
      const value = copyJsonValue(payload[key]);
      if (value === NOT_JSON) return loadValidationPackages().plainToInstance(cls, payload);
      target[key] = value;
    }
    return instance;
  };
}

const NOT_JSON = Symbol('not JSON');

/** A deep copy of JSON data (an object without prototype too, as class-transformer copies it), else NOT_JSON. */
function copyJsonValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = copyJsonValue(value[i]);
      if (item === NOT_JSON) return NOT_JSON;
      copy[i] = item;
    }
    return copy;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return NOT_JSON;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || typeof copy[key] === 'function') continue;
    const item = copyJsonValue((value as Record<string, unknown>)[key]);
    if (item === NOT_JSON) return NOT_JSON;
    copy[key] = item;
  }
  return copy;
}
