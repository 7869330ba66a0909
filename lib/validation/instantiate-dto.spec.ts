import 'reflect-metadata';
import { Exclude, Expose, plainToInstance, Transform, Type } from 'class-transformer';
import { IsInt, IsString, ValidateNested } from 'class-validator';
import { compilePlainCopy, isPlainCopyClass } from './instantiate-dto';
import { loadValidationPackages } from './validation-packages';

const { transformerStorage } = loadValidationPackages();

class Inner {
  @IsString()
  x!: string;
}

class WithExpose {
  @Expose()
  a!: string;
}

class WithRenamingExpose {
  @Expose({ name: 'b' })
  a!: string;
}

class WithExclude {
  @Exclude()
  secret!: string;

  @IsString()
  a!: string;
}

class WithType {
  @Type(() => Inner)
  inner!: Inner;
}

class WithTransform {
  @Transform(({ value }: { value: unknown }) => String(value).trim())
  a!: string;
}

@Exclude()
class ClassExcluded {
  @IsString()
  a!: string;
}

@Expose()
class ClassExposed {
  @IsString()
  a!: string;
}

class FromType extends WithType {}

class FromTransform extends WithTransform {
  @IsString()
  b!: string;
}

class FromExclude extends WithExclude {}

class FromFromType extends FromType {}

class FromExpose extends WithExpose {
  @IsInt()
  n!: number;
}

/** class-transformer ignores an ancestor's class-level @Exclude; counting it only costs the fast copy. */
class FromClassExcluded extends ClassExcluded {}

const handler = (): number => 1;

class Plain {
  @IsString()
  name!: string;

  @ValidateNested()
  meta?: unknown;

  count = 5;

  // One function for all instances, so two instances compare equal.
  handler = handler;

  get upper(): string | undefined {
    return this.name?.toUpperCase();
  }

  get alias(): string {
    return this.name;
  }

  set alias(value: string) {
    this.name = `alias:${value}`;
  }

  set writeOnly(value: string) {
    this.name = `writeOnly:${value}`;
  }

  greet(): string {
    return `hi ${this.name}`;
  }
}
// A data property of the prototype (no setter): class-transformer leaves a payload key of that name out.
Object.defineProperty(Plain.prototype, 'kind', { value: 'plain', writable: true });

/** Inherits the getter-only `upper`: class-transformer assigns to it (and throws), unlike an own one. */
class PlainChild extends Plain {
  @IsString()
  extra!: string;
}

class NoDecorators {
  value?: unknown;
}

type Payload = Record<string, unknown>;

const json = (text: string): Payload => JSON.parse(text) as Payload;

/** JSON payloads: keys named like members of the class or of Object.prototype, `__proto__`, nesting. */
const jsonPayloads = (): Payload[] => [
  {},
  { name: 'n' },
  { name: 'n', count: 7, upper: 'U', alias: 'A', writeOnly: 'W', greet: 'g', handler: 'h', kind: 'k' },
  { name: 'n', toString: 't', hasOwnProperty: 1, valueOf: 2, isPrototypeOf: null },
  json('{"__proto__":{"polluted":true},"constructor":{"x":1},"name":"n"}'),
  json(
    '{"name":"n","meta":{"__proto__":{"polluted":true},"toString":"x","constructor":0,"list":[{"a":[1,{"b":null}]},[2,[3]]]}}',
  ),
  { name: 'n', meta: [{ a: 1 }, [{ b: 2 }], null, 'x', 3.5, true] },
  { name: 'n', meta: { deep: { deeper: { deepest: [{ x: 'y' }] } } }, extra: 'e', value: 1 },
  { name: 'n', meta: { a: null, b: [], c: {} } },
];

/** Values a job's caller may pass that JSON cannot hold: class-transformer converts some of them. */
const nonJsonPayloads = (): Payload[] => [
  { name: undefined, meta: undefined },
  { name: 'n', meta: { at: new Date(0) } },
  { name: 'n', meta: new Date(0) },
  { name: 'n', meta: new Set([1, { a: 1 }]) },
  { name: 'n', meta: new Map([['a', 1]]) },
  { name: 'n', meta: Object.assign(Object.create(null) as Payload, { a: 1, b: { c: 2 } }) },
  { name: 'n', meta: Object.assign(new Inner(), { x: 'x', y: 1 }) },
  { name: 'n', meta: [Object.assign(new Inner(), { x: 'x' })] },
  { name: 'n', meta: Buffer.from('buf') },
  { name: 'n', meta: 10n, count: Symbol.for('s') },
];

/** The result of `make`, or the kind of error it threw. */
function outcome(make: () => object): { value: object } | { threw: string } {
  try {
    return { value: make() };
  } catch (error) {
    return { threw: (error as Error).constructor.name };
  }
}

/** What a value holds, own `__proto__` keys included: to tell whether it was mutated. */
const fingerprint = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (v === undefined ? '#undefined' : v));

describe('isPlainCopyClass', () => {
  it.each([Plain, PlainChild, Inner, NoDecorators])('is true for %p', (cls) => {
    expect(isPlainCopyClass(transformerStorage, cls)).toBe(true);
  });

  it.each([
    WithExpose,
    WithRenamingExpose,
    WithExclude,
    WithType,
    WithTransform,
    ClassExcluded,
    ClassExposed,
    FromType,
    FromFromType,
    FromTransform,
    FromExclude,
    FromExpose,
    FromClassExcluded,
  ])('is false for %p, which uses class-transformer decorators (own or inherited)', (cls) => {
    expect(isPlainCopyClass(transformerStorage, cls)).toBe(false);
  });

  it('is false when the storage does not look like class-transformer 0.5', () => {
    expect(isPlainCopyClass(undefined, Plain)).toBe(false);
    expect(isPlainCopyClass({}, Plain)).toBe(false);
    const { _typeMetadatas, ...withoutTypes } = transformerStorage as Record<string, unknown>;
    expect(_typeMetadatas).toBeInstanceOf(Map);
    expect(isPlainCopyClass(withoutTypes, Plain)).toBe(false);
  });
});

describe('compilePlainCopy', () => {
  const classes: Array<new () => object> = [
    Plain,
    PlainChild,
    Inner,
    NoDecorators,
    FromClassExcluded,
    ClassExcluded,
    WithType,
  ];
  const plainClasses = classes.filter((cls) => isPlainCopyClass(transformerStorage, cls));

  it('is only trusted for the classes isPlainCopyClass accepts', () => {
    expect(plainClasses).toEqual([Plain, PlainChild, Inner, NoDecorators]);
  });

  describe.each(plainClasses.map((cls) => [cls.name, cls] as const))('for %s', (_name, cls) => {
    const copy = compilePlainCopy(cls);

    it.each([
      ['JSON', jsonPayloads],
      ['non-JSON', nonJsonPayloads],
    ])('builds what plainToInstance builds, from %s payloads', (_kind, payloads) => {
      for (const payload of payloads()) {
        const expected = outcome(() => plainToInstance(cls, payload));
        const actual = outcome(() => copy(payload));
        try {
          expect(actual).toStrictEqual(expected);
          if ('value' in actual) expect(actual.value).toBeInstanceOf(cls);
        } catch (error) {
          (error as Error).message =
            `${cls.name} from ${String(fingerprint(payload))}\n${(error as Error).message}`;
          throw error;
        }
      }
    });
  });

  it('skips getter-only properties, methods and function fields, and sets through setters', () => {
    const instance = compilePlainCopy(Plain)(jsonPayloads()[2]) as Plain;
    // The payload sets `alias`, then `writeOnly`, both through setters that write `name`.
    expect(instance.upper).toBe('WRITEONLY:W');
    expect(instance.greet()).toBe('hi writeOnly:W');
    expect(instance.handler()).toBe(1);
    expect(instance.count).toBe(7);
    expect(Object.keys(instance)).not.toContain('kind');
  });

  it('throws, as plainToInstance does, for a payload key naming an inherited getter-only property', () => {
    expect(() => plainToInstance(PlainChild, { upper: 'x' })).toThrow(TypeError);
    expect(() => compilePlainCopy(PlainChild)({ upper: 'x' })).toThrow(TypeError);
  });

  it('copies nested objects, arrays and dates: changing the instance leaves the payload as it was', () => {
    const copy = compilePlainCopy(Plain);
    for (const payload of [...jsonPayloads(), ...nonJsonPayloads().slice(0, 3)]) {
      const before = fingerprint(payload);
      scribble(copy(payload));
      expect(fingerprint(payload)).toBe(before);
    }
  });
});

/** Changes every object, array and Date of a tree. */
function scribble(value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach(scribble);
    value.push('more');
  } else if (value instanceof Date) {
    value.setTime(1);
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) scribble((value as Payload)[key]);
    (value as Payload).added = true;
  }
}
