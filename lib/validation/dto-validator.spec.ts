import 'reflect-metadata';
import { isDeepStrictEqual } from 'node:util';
import { Exclude, Expose, plainToInstance, Transform, Type } from 'class-transformer';
import {
  Allow,
  ArrayMinSize,
  getMetadataStorage,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsEnum,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  registerDecorator,
  validate,
  Validate,
  validateSync,
  ValidateIf,
  ValidateNested,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidationError,
  type ValidationOptions,
  type ValidatorConstraintInterface,
  type ValidatorOptions,
} from 'class-validator';
import { NotBadLate, NotTaken } from '../../test/fixtures/late-constraints';
import { compileDtoCheck, type DtoCheckResult } from './compile-dto-check';
import { DtoValidator, type DtoValidatorOptions } from './dto-validator';
import { isPlainCopyClass } from './instantiate-dto';
import { loadValidationPackages } from './validation-packages';

/*
 * Differential test: for every (DTO, options, payload) the result of DtoValidator.validateAll must be the one
 * Nest's ValidationPipe gets from `plainToInstance(cls, payload)` + `validate(instance, options)`.
 */

// ---------------------------------------------------------------------------------------------------------
// Corpus: the common decorators
// ---------------------------------------------------------------------------------------------------------

enum Color {
  Red = 'red',
  Green = 'green',
}

enum Level {
  Low = 1,
  High = 2,
}

class Scalars {
  @IsString()
  name!: string;

  @IsInt()
  qty!: number;

  @IsNumber({ maxDecimalPlaces: 2 })
  price!: number;

  @IsNumber({ allowNaN: true, allowInfinity: true })
  rate!: number;

  @IsBoolean()
  active!: boolean;

  @IsIn(['a', 'b'])
  kind!: string;

  @IsEnum(Color)
  color!: Color;

  @IsEnum(Level)
  level!: Level;
}

class Lengths {
  @Length(2, 5)
  code!: string;

  @MinLength(3)
  @MaxLength(8)
  nick!: string;

  @IsInt()
  @Min(1)
  @Max(10)
  rating!: number;

  @IsPositive()
  amount!: number;

  @IsNotEmpty()
  note!: unknown;
}

class Formats {
  @IsEmail()
  email!: string;

  @IsUUID('4')
  id!: string;

  @IsUUID()
  anyId!: string;

  @IsISO8601()
  at!: string;

  @IsISO8601({ strict: true })
  day!: string;

  @Matches(/^[A-Z]{3}-\d{2,4}$/)
  ref!: string;
}

class Presence {
  @IsOptional()
  @IsString()
  nickname?: string;

  @IsDefined()
  mustExist!: unknown;

  @IsDefined()
  @IsInt()
  count!: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(5)
  stars?: number;

  @Allow()
  anything?: unknown;

  @IsNotEmpty()
  required!: unknown;
}

class Tagged {
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  @MaxLength(5, { each: true })
  tags!: string[];

  // `each` without @IsArray: a single integer passes too.
  @IsInt({ each: true })
  @Min(0, { each: true })
  scores!: number[] | number;

  @IsOptional()
  @IsArray()
  @IsIn(['x', 'y'], { each: true })
  flags?: string[];
}

class Payment {
  @IsIn(['card', 'bank'])
  method!: string;

  @ValidateIf((o: Payment) => o.method === 'card')
  @IsString()
  @Length(16, 16)
  cardNumber?: string;

  @ValidateIf((o: Payment) => o.method === 'bank')
  @IsString()
  @MinLength(15)
  iban?: string;

  // The per-decorator `validateIf` option, not @ValidateIf.
  @IsInt({ validateIf: (o: Payment) => o.method === 'card' })
  @Min(1, { validateIf: (o: Payment) => o.method === 'card' })
  installments?: number;
}

/** Reads everything class-validator hands a constraint, so wrong arguments show as a different verdict. */
@ValidatorConstraint({ name: 'sameAs', async: false })
class SameAs implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const object = args.object as Record<string, unknown>;
    return (
      args.targetName === 'Signup' &&
      args.property === 'confirm' &&
      args.value === value &&
      value === object[args.constraints[0] as string]
    );
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must equal ${String(args.constraints[0])}`;
  }
}

function IsAbove(field: string, options?: ValidationOptions) {
  return (object: object, propertyName: string): void =>
    registerDecorator({
      name: 'isAbove',
      target: object.constructor,
      propertyName,
      constraints: [field],
      options,
      validator: {
        validate(value: unknown, args: ValidationArguments): boolean {
          const other = (args.object as Record<string, unknown>)[args.constraints[0] as string];
          return typeof value === 'number' && typeof other === 'number' && value > other;
        },
      },
    });
}

class Signup {
  @IsString()
  @MinLength(8)
  password!: string;

  @Validate(SameAs, ['password'])
  confirm!: string;

  @IsInt()
  min!: number;

  @IsAbove('min')
  max!: number;
}

class BaseUser {
  @IsString()
  @MinLength(2)
  name!: string;

  @IsInt()
  @Min(0)
  age!: number;

  @IsOptional()
  @IsEmail()
  email?: string;
}

class AdminUser extends BaseUser {
  // class-validator drops an ancestor's constraints of the same type on the same property: only @Max is left.
  @Max(150)
  declare age: number;

  @IsIn(['root', 'ops'])
  role!: string;
}

class SuperAdmin extends AdminUser {
  // Added to the inherited @IsIn (another metadata type).
  @IsDefined()
  declare role: string;

  // Replaces the inherited @IsEmail; the inherited @IsOptional stays.
  @MaxLength(20)
  declare email?: string;
}

class Grouped {
  @IsString({ groups: ['create'] })
  name!: string;

  @IsInt({ groups: ['update'] })
  @Min(1, { groups: ['update'] })
  id!: number;

  @IsString()
  plain!: string;

  @IsDefined({ always: true })
  @IsString({ always: true })
  key!: string;

  @Length(2, 4, { groups: ['create', 'update'] })
  code!: string;

  @IsBoolean({ groups: ['update'], always: true })
  flag!: boolean;
}

class Price {
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  amount!: number;

  @IsIn(['EUR', 'USD'])
  currency!: string;
}

class LineItem {
  @IsString()
  @IsNotEmpty()
  sku!: string;

  @IsInt()
  @IsPositive()
  qty!: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => Price)
  price?: Price;
}

class Address {
  @IsString()
  street!: string;

  @IsOptional()
  @Matches(/^\d{5}$/)
  zip?: string;
}

class Order {
  @IsUUID()
  id!: string;

  @ValidateNested()
  @Type(() => Address)
  address!: Address;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => LineItem)
  items!: LineItem[];

  @IsOptional()
  @ValidateNested()
  @Type(() => Address)
  billing?: Address;
}

/** @ValidateNested without @Type: a nested plain object is an unknown value to class-validator. */
class Untyped {
  @IsString()
  label!: string;

  @ValidateNested()
  meta!: Record<string, unknown>;

  @IsOptional()
  @ValidateNested({ each: true })
  parts?: unknown[];
}

/** class-transformer decorators decide the instance (and with it the verdict). */
class Transformed {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(2)
  name!: string;

  @Expose({ name: 'user_id' })
  @IsInt()
  userId!: number;

  @Exclude()
  @Allow()
  secret?: string;
}

/** Only @Transform: no different from a plain class to class-transformer's metadata getters. */
class TrimmedOnly {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(2)
  name!: string;
}

/** No class-validator decorator at all. */
class NoRules {
  note?: string;
}

// ---------------------------------------------------------------------------------------------------------
// Corpus: async constraints (class-validator's asynchronous validate() decides)
// ---------------------------------------------------------------------------------------------------------

/** A promise for strings only: with `each`, one late item makes class-validator wait for all of them. */
@ValidatorConstraint({ name: 'sometimesLate' })
class SometimesLate implements ValidatorConstraintInterface {
  validate(value: unknown): Promise<boolean> | boolean {
    return typeof value === 'string' ? Promise.resolve(value !== 'bad') : value === 1;
  }
}

class Handle {
  @IsString()
  @Validate(NotTaken)
  handle!: string;

  @IsInt()
  n!: number;
}

class AsyncChild {
  @IsString()
  @Validate(NotTaken)
  handle!: string;
}

class SyncParent {
  @IsInt()
  id!: number;

  @ValidateNested()
  @Type(() => AsyncChild)
  child!: AsyncChild;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => AsyncChild)
  more?: AsyncChild[];
}

class LateRule {
  @IsInt()
  n!: number;

  @Validate(NotBadLate)
  tag!: string;
}

/** Apart from LateRule, whose promise in every payload would hide a sync failure followed by a late item. */
class LateItems {
  @IsInt()
  n!: number;

  @Validate(SometimesLate, { each: true })
  items!: unknown[];
}

// ---------------------------------------------------------------------------------------------------------
// Payload generation (deterministic)
// ---------------------------------------------------------------------------------------------------------

type Payload = Record<string, unknown>;

interface DtoCase {
  cls: new () => object;
  /** Classes reached through @ValidateNested, for the coverage check. */
  nested?: Array<new () => object>;
  valid: Payload[];
  /** Per field: values to try on top of the generic wrong ones (boundaries, near misses, valid variants). */
  values: Record<string, unknown[]>;
  /** Option sets tried on top of the common ones. */
  options?: Array<[string, DtoValidatorOptions]>;
}

const MISSING = Symbol('missing');

/** Wrong (for most fields) in every way a decoded payload or a job argument can be. */
const genericValues = (): unknown[] => [
  MISSING,
  null,
  undefined,
  '',
  'text',
  0,
  2.5,
  NaN,
  Infinity,
  true,
  [],
  ['text', null],
  {},
  JSON.parse('{"__proto__":{"polluted":true},"a":1}'),
];

/** mulberry32: a small seeded generator, so the random combinations are the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seedOf = (text: string): number =>
  [...text].reduce((hash, ch) => Math.imul(hash ^ ch.charCodeAt(0), 16777619), 2166136261);

/** Deep copy of plain data that keeps own `__proto__` keys (as JSON.parse makes them) as own keys. */
function clone<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clone) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy = {};
  for (const key of Object.keys(value)) {
    Object.defineProperty(copy, key, {
      value: clone((value as Payload)[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy as T;
}

function withField(base: Payload, field: string, value: unknown): Payload {
  const payload = clone(base);
  if (value === MISSING) delete payload[field];
  else payload[field] = clone(value);
  return payload;
}

/** `__proto__` and `constructor` as JSON.parse makes them: own keys. */
function withProtoKeys(base: Payload): Payload {
  const rest = JSON.stringify(base).slice(1);
  return JSON.parse(
    `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}${rest === '}' ? '' : ','}${rest}`,
  ) as Payload;
}

function payloadsFor(c: DtoCase): Payload[] {
  const [base] = c.valid;
  const payloads = c.valid.map(clone);
  const pools = Object.entries(c.values).map(
    ([field, values]) => [field, [...genericValues(), ...values]] as const,
  );
  for (const [field, pool] of pools) for (const value of pool) payloads.push(withField(base, field, value));
  payloads.push({ ...clone(base), extra: 'x' }, withProtoKeys(base), {});
  const random = seeded(seedOf(c.cls.name));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  for (let i = 0; i < 8; i++) {
    let payload = clone(pick(c.valid));
    const changes = 2 + Math.floor(random() * 2);
    for (let j = 0; j < changes; j++) {
      const [field, pool] = pick(pools);
      payload = withField(payload, field, pick(pool));
    }
    payloads.push(payload);
  }
  return payloads;
}

/**
 * A deep copy that keeps every object's prototype: a fresh plainToInstance result, at a fraction of its cost.
 * Only for the trees plainToInstance builds from this corpus (arrays, plain objects, DTO instances).
 */
function copyTree(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyTree);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date || value instanceof Map || value instanceof Set)
    throw new Error('not in the corpus');
  const copy = Object.create(Object.getPrototypeOf(value) as object | null) as Payload;
  for (const key of Object.keys(value)) copy[key] = copyTree((value as Payload)[key]);
  return copy;
}

const pristineInstances = new WeakMap<Payload, object>();

/** plainToInstance(cls, payload), once per payload: each option set validates (and may strip) its own copy. */
function pristine(cls: new () => object, payload: Payload): object {
  let instance = pristineInstances.get(payload);
  if (!instance) {
    instance = plainToInstance(cls, payload);
    pristineInstances.set(payload, instance);
  }
  return instance;
}

/** What a payload holds, own `__proto__` keys and non-JSON numbers included: to tell whether it was mutated. */
const fingerprint = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v === undefined ? '#undefined' : typeof v === 'number' && !Number.isFinite(v) ? `#${v}` : v,
  );

// ---------------------------------------------------------------------------------------------------------
// The comparison
// ---------------------------------------------------------------------------------------------------------

interface NormalizedError {
  target: string | undefined;
  property: string;
  value: unknown;
  constraints: Record<string, string> | undefined;
  contexts: unknown;
  children: NormalizedError[];
}

const normalize = (errors: ValidationError[] | undefined): NormalizedError[] =>
  (errors ?? []).map((error) => ({
    target: (error.target as object | undefined)?.constructor?.name,
    property: error.property,
    value: error.value,
    constraints: error.constraints,
    contexts: error.contexts,
    children: normalize(error.children),
  }));

/** Re-throws a failed expectation with the case it is about. */
function about(label: string, assert: () => void): void {
  try {
    assert();
  } catch (error) {
    (error as Error).message = `${label}\n${(error as Error).message}`;
    throw error;
  }
}

/** `toStrictEqual`, with node's much cheaper deep-equal first: tens of thousands of cases are compared. */
function expectSame(label: () => string, actual: unknown, expected: unknown): void {
  if (!isDeepStrictEqual(actual, expected)) about(label(), () => expect(actual).toStrictEqual(expected));
}

interface Tally {
  cases: number;
  invalidVerdicts: number;
  /** 'invalid' from the compiled check, no error from class-validator. */
  overturned: string[];
  /** 'valid' from the compiled check where class-validator reports errors: never allowed. */
  wronglyValid: string[];
}

const newTally = (): Tally => ({ cases: 0, invalidVerdicts: 0, overturned: [], wronglyValid: [] });

const storage = loadValidationPackages().validationStorage;
/** Every "class.property:constraint" class-validator reported, for the coverage check. */
const reported = new Set<string>();
/** Per DTO, how many payloads class-validator accepted and rejected with the default options. */
const outcomes = new Map<string, { valid: number; invalid: number }>();

function collectReported(errors: ValidationError[]): void {
  for (const error of errors) {
    const owner = (error.target as object | undefined)?.constructor?.name;
    const where = error.property === undefined ? owner : `${owner}.${error.property}`;
    for (const key of Object.keys(error.constraints ?? {})) reported.add(`${where}:${key}`);
    collectReported(error.children ?? []);
  }
}

type Reference = (
  instance: object,
  options: ValidatorOptions,
) => Promise<ValidationError[]> | ValidationError[];

async function compareAll(
  c: DtoCase,
  optionsName: string,
  options: DtoValidatorOptions,
  payloads: Payload[],
  reference: Reference,
  tally: Tally,
): Promise<void> {
  const before = payloads.map(fingerprint);
  const { instances, failures } = await new DtoValidator(c.cls, { ...options }).validateAll(payloads);
  const failureAt = new Map(failures.map((failure) => [failure.index, failure]));
  expect(failureAt.size).toBe(failures.length);
  expect(instances).toHaveLength(payloads.length);
  const check = compileDtoCheck(storage, c.cls, options);
  let valid = 0;
  for (let i = 0; i < payloads.length; i++) {
    const label = (): string => `${c.cls.name} [${optionsName}] payload #${i}: ${before[i]}`;
    expectSame(label, fingerprint(payloads[i]), before[i]);
    const expectedInstance = copyTree(pristine(c.cls, payloads[i])) as object;
    const verdict: DtoCheckResult | 'none' = check ? check(copyTree(expectedInstance) as object) : 'none';
    const expectedErrors = await reference(expectedInstance, { ...options } as ValidatorOptions);
    collectReported(expectedErrors);
    tally.cases++;
    if (verdict === 'invalid') tally.invalidVerdicts++;
    if (verdict === 'invalid' && expectedErrors.length === 0) tally.overturned.push(label());
    if (verdict === 'valid' && expectedErrors.length > 0) tally.wronglyValid.push(label());
    const failure = failureAt.get(i);
    if (expectedErrors.length === 0) {
      valid++;
      if (failure || !(instances[i] instanceof c.cls)) {
        about(label(), () =>
          expect({ failure, instance: instances[i] }).toEqual({ instance: expect.any(c.cls) }),
        );
      }
      expectSame(label, instances[i], expectedInstance);
    } else {
      if (instances[i] !== undefined || failure?.notAnObject !== undefined) {
        about(label(), () =>
          expect({ instance: instances[i], notAnObject: failure?.notAnObject }).toEqual({}),
        );
      }
      expectSame(label, normalize(failure?.errors), normalize(expectedErrors));
    }
  }
  expect(failures.length + valid).toBe(payloads.length);
  if (optionsName === 'defaults') outcomes.set(c.cls.name, { valid, invalid: failures.length });
}

const COMMON_OPTIONS: Array<[string, DtoValidatorOptions]> = [
  ['defaults', {}],
  ['whitelist', { whitelist: true }],
  ['whitelist + forbidNonWhitelisted', { whitelist: true, forbidNonWhitelisted: true }],
  ['skipMissingProperties', { skipMissingProperties: true }],
  ['skipNullProperties', { skipNullProperties: true }],
  ['skipUndefinedProperties', { skipUndefinedProperties: true }],
];

/** Options that change something only where an object has no rules (nested, or the DTO itself) or several fail. */
const NESTING_OPTIONS: Array<[string, DtoValidatorOptions]> = [
  ['forbidUnknownValues false', { forbidUnknownValues: false }],
  ['forbidUnknownValues true', { forbidUnknownValues: true }],
  ['forbidUnknownValues false + whitelist', { forbidUnknownValues: false, whitelist: true }],
  ['stopAtFirstError + whitelist', { stopAtFirstError: true, whitelist: true }],
];

const UUID_V4 = '3f2c4a8e-1b2d-4c3e-9f4a-5b6c7d8e9f01';
const UUID_V1 = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

const COMMON_CORPUS: DtoCase[] = [
  {
    cls: Scalars,
    valid: [
      { name: 'n', qty: 1, price: 1.5, rate: 0.1, active: true, kind: 'a', color: 'red', level: 1 },
      { name: '', qty: -3, price: 0, rate: NaN, active: false, kind: 'b', color: 'green', level: 2 },
    ],
    values: {
      name: ['ok', 'ünï', 5],
      qty: [1, -5, 1.0000001, 2 ** 53, '3', 1e21],
      price: [1.23, 1.234, 0.1 + 0.2, -0.01, 1e21, '1.5'],
      rate: [Infinity, -Infinity, 1e-9, '1'],
      active: [false, 'true', 1],
      kind: ['b', 'c', 'A'],
      color: ['green', 'Red', 'blue'],
      level: [2, 3, 'Low', '1'],
    },
  },
  {
    cls: Lengths,
    valid: [{ code: 'ab', nick: 'abc', rating: 1, amount: 0.001, note: 'x' }],
    values: {
      code: ['abcde', 'a', 'abcdef', 12345],
      nick: ['abcdefgh', 'ab', 'abcdefghi'],
      rating: [10, 11, 5.5, '5'],
      amount: [0, -0.001, 1e308, '1'],
      note: [' ', false, 'x'],
    },
    options: [['stopAtFirstError', { stopAtFirstError: true }]],
  },
  {
    cls: Formats,
    valid: [
      {
        email: 'a@b.co',
        id: UUID_V4,
        anyId: UUID_V1,
        at: '2024-01-31T10:00:00Z',
        day: '2024-02-29',
        ref: 'ABC-12',
      },
    ],
    values: {
      email: ['A.B+c@sub.example.org', 'a@b', 'not-an-email', 'a@@b.co'],
      id: [UUID_V1, UUID_V4.toUpperCase(), 'xyz', UUID_V4.slice(1)],
      anyId: [UUID_V4, 'nope'],
      at: ['2024-01-31', '2024-13-01', 'yesterday', '2024-01-31T25:00:00Z'],
      day: ['2023-02-29', '2024-02-30', '2024-02-29T00:00:00Z'],
      ref: ['ABC-1234', 'ABC-12345', 'abc-12', 'ABC-1'],
    },
  },
  {
    cls: Presence,
    valid: [
      { mustExist: 0, count: 1, required: 'r' },
      { nickname: 'nick', mustExist: 'x', count: 0, stars: 5, anything: { any: 1 }, required: 1 },
    ],
    values: {
      nickname: ['x'],
      mustExist: [false, ''],
      count: [7, 1.5],
      stars: [0, 5, 6, -1],
      anything: ['y'],
      required: [false, 0, ' '],
    },
  },
  {
    cls: Tagged,
    valid: [
      { tags: ['a'], scores: [0, 3] },
      { tags: ['abcde', 'b'], scores: 4, flags: ['x', 'y'] },
    ],
    values: {
      tags: [['a', 'abcdef'], ['a', 1], [null], [[]], new Array(3).fill('a')],
      scores: [[], [1, -1], [1.5], 7, -7, [[1]]],
      flags: [[], ['z'], ['x', null], 'x'],
    },
  },
  {
    cls: Payment,
    valid: [
      { method: 'card', cardNumber: '1234567812345678', installments: 3 },
      { method: 'bank', iban: 'DE89370400440532013000' },
      { method: 'bank', iban: 'DE89370400440532013000', installments: 'ignored', cardNumber: 1 },
    ],
    values: {
      method: ['bank', 'cash'],
      cardNumber: ['123456781234567', '12345678123456789'],
      iban: ['DE8937040044053', 'DE89'],
      installments: [0, 1, '3'],
    },
  },
  {
    cls: Signup,
    valid: [{ password: 'secret-1', confirm: 'secret-1', min: 1, max: 2 }],
    values: {
      password: ['short', 'another-secret'],
      confirm: ['secret-2', 'secret-1 '],
      min: [2, 5, 1.5],
      max: [1, 100, '3'],
    },
  },
  {
    cls: BaseUser,
    valid: [
      { name: 'Al', age: 0 },
      { name: 'Bea', age: 200, email: 'b@e.a' },
    ],
    values: { name: ['A', 'Ann'], age: [-1, 151, 1.5], email: ['x', 'b@e.a'] },
  },
  {
    cls: AdminUser,
    valid: [
      { name: 'Al', age: 150, role: 'root' },
      { name: 'Bea', age: -1.5, role: 'ops', email: 'b@e.a' },
    ],
    values: { name: ['A'], age: [151, -1, 1.5, '3'], email: ['x'], role: ['admin', 'ops'] },
  },
  {
    cls: SuperAdmin,
    valid: [{ name: 'Al', age: 1, role: 'root', email: 'a@b.co' }],
    values: { name: ['A'], age: [151], email: ['x', 'a'.repeat(21)], role: ['admin'] },
  },
  {
    cls: Grouped,
    valid: [{ name: 'n', id: 1, plain: 'p', key: 'k', code: 'ab', flag: true }],
    values: {
      name: [1],
      id: [0, 1.5],
      plain: [1],
      key: [1],
      code: ['a', 'abcde'],
      flag: ['true'],
    },
    options: [
      ['groups create', { groups: ['create'] }],
      ['groups update', { groups: ['update'] }],
      ['groups create + update', { groups: ['create', 'update'] }],
      ['groups empty', { groups: [] }],
      ['always + groups other', { always: true, groups: ['other'] }],
      ['strictGroups', { strictGroups: true }],
      ['strictGroups + groups create', { strictGroups: true, groups: ['create'] }],
      [
        'groups update + whitelist + forbidNonWhitelisted',
        { groups: ['update'], whitelist: true, forbidNonWhitelisted: true },
      ],
      ['groups create + whitelist', { groups: ['create'], whitelist: true }],
    ],
  },
  {
    cls: Order,
    nested: [Address, LineItem, Price],
    valid: [
      { id: UUID_V4, address: { street: 'Main' }, items: [{ sku: 'a', qty: 1 }] },
      {
        id: UUID_V1,
        address: { street: 'Main', zip: '12345' },
        items: [
          { sku: 'a', qty: 2, price: { amount: 1.25, currency: 'EUR' } },
          { sku: 'b', qty: 1 },
        ],
        billing: { street: 'Side' },
      },
    ],
    values: {
      address: [
        { street: 1 },
        { street: 'x', zip: '1234' },
        { street: 'x', zip: null },
        { street: 'x', extra: 1 },
        JSON.parse('{"__proto__":{"street":"x"},"street":"y"}'),
        JSON.parse('{"constructor":{"street":"x"},"street":"y"}'),
        [{ street: 'x' }],
        [[{ street: 'x' }]],
      ],
      items: [
        [{ sku: '', qty: 1 }],
        [{ sku: 'a', qty: 0 }],
        [{ sku: 'a', qty: 1 }, null],
        [{ sku: 'a', qty: 1 }, undefined],
        [{ sku: 'a', qty: 1 }, 'x'],
        [[{ sku: 'a', qty: 1 }]],
        [{ sku: 'a', qty: 1, price: { amount: 1.234, currency: 'EUR' } }],
        [{ sku: 'a', qty: 1, price: { amount: -1, currency: 'GBP' } }],
        [{ sku: 'a', qty: 1, price: 5 }],
        [{ sku: 'a', qty: 1, price: {} }],
        [{ sku: 'a', qty: 1, extra: true }],
        [JSON.parse('{"__proto__":{"qty":1},"sku":"a","qty":2}')],
        { sku: 'a', qty: 1 },
      ],
      billing: [{ street: 'x' }, { street: null }, 'street', [{ street: 2 }]],
      id: [UUID_V4.replace('4c3e', 'xxxx')],
    },
    options: NESTING_OPTIONS,
  },
  {
    cls: Untyped,
    valid: [{ label: 'l', meta: { a: 1 } }],
    values: {
      label: ['x'],
      meta: [
        { toString: 'x', hasOwnProperty: 1 },
        [{ a: 1 }],
        'x',
        [1, [2]],
        { nested: { deep: [1, { x: 2 }] } },
      ],
      parts: [[{ a: 1 }], [1], [[{}]], [null, undefined], { a: 1 }],
    },
    options: NESTING_OPTIONS,
  },
  {
    cls: Transformed,
    valid: [
      { name: ' ab ', user_id: 1 },
      { name: 'abc', user_id: 2, secret: 5 },
    ],
    values: { name: ['  a ', ' '], user_id: [1.5], userId: [1, 'x'], secret: ['s', 1] },
  },
  {
    cls: TrimmedOnly,
    valid: [{ name: ' ab ' }],
    values: { name: ['  a ', 'a', 'abc  '] },
  },
  {
    cls: NoRules,
    valid: [{ note: 'x' }],
    values: { note: ['y', { a: 1 }] },
    options: NESTING_OPTIONS,
  },
];

const ASYNC_CORPUS: DtoCase[] = [
  {
    cls: Handle,
    valid: [{ handle: 'h', n: 1 }],
    values: { handle: ['taken', 'free'], n: [2] },
  },
  {
    cls: SyncParent,
    nested: [AsyncChild],
    valid: [
      { id: 1, child: { handle: 'a' } },
      { id: 2, child: { handle: 'b' }, more: [{ handle: 'c' }] },
    ],
    values: {
      id: [3],
      child: [{ handle: 'taken' }, { handle: 1 }, { handle: 'ok', extra: 1 }],
      more: [[{ handle: 'taken' }], [{ handle: 'ok' }, { handle: 'taken' }], [{ handle: 2 }], [null]],
    },
    options: NESTING_OPTIONS,
  },
  {
    cls: LateRule,
    valid: [{ n: 1, tag: 'ok' }],
    values: { n: [2], tag: ['bad', 'fine'] },
  },
  {
    cls: LateItems,
    valid: [
      { n: 1, items: [1, 'ok'] },
      { n: 1, items: [1] },
    ],
    values: { n: [2], items: [[2, 'ok'], [1, 'bad'], ['bad', 2], [2, 2], [1], 2, 'bad', 1] },
  },
];

// ---------------------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------------------

/** The skip options change nothing for a payload without a null or undefined value (at any depth). */
const holdsAbsent = (c: DtoCase, payload: Payload): boolean =>
  Object.keys(c.values).some((field) => payload[field] === undefined) ||
  /null|#undefined/.test(fingerprint(payload));

/**
 * One test per (DTO, options). Returns what runs them all, each comparison once however often it is asked for,
 * so the summary tests hold whichever tests `-t` selected.
 */
function describeCorpus(corpus: DtoCase[], reference: Reference, tally: Tally): () => Promise<void> {
  const comparisons: Array<() => Promise<void>> = [];
  for (const c of corpus) {
    const all = payloadsFor(c);
    const withAbsent = all.filter((payload) => holdsAbsent(c, payload));
    describe(c.cls.name, () => {
      for (const [optionsName, options] of [...COMMON_OPTIONS, ...(c.options ?? [])]) {
        const skips = Object.keys(options).some((key) => key.startsWith('skip'));
        const payloads = skips ? withAbsent : all;
        let done: Promise<void> | undefined;
        const compare = () => (done ??= compareAll(c, optionsName, options, payloads, reference, tally));
        comparisons.push(compare);
        it(`matches plainToInstance + validate for ${payloads.length} payloads [${optionsName}]`, compare);
      }
    });
  }
  return async () => {
    for (const compare of comparisons) await compare();
  };
}

describe('DtoValidator against class-transformer + class-validator', () => {
  describe('common decorators', () => {
    const tally = newTally();
    // No async constraint here, so validateSync is validate's result, at half its cost.
    const compareCorpus = describeCorpus(COMMON_CORPUS, validateSync, tally);

    it('exercised both outcomes of every constraint of the corpus', async () => {
      await compareCorpus();
      const expected = new Set<string>();
      for (const c of COMMON_CORPUS) {
        for (const cls of [c.cls, ...(c.nested ?? [])]) {
          for (const [, options] of [...COMMON_OPTIONS, ...(c.options ?? [])]) {
            const metadatas = getMetadataStorage().getTargetValidationMetadatas(
              cls,
              '',
              options.always ?? false,
              options.strictGroups ?? false,
              options.groups,
            );
            for (const metadata of metadatas) {
              if (metadata.type !== 'customValidation' && metadata.type !== 'isDefined') continue;
              const [constraint] = getMetadataStorage().getTargetValidatorConstraints(metadata.constraintCls);
              expected.add(`${cls.name}.${metadata.propertyName}:${constraint.name}`);
            }
          }
        }
      }
      expect(expected.size).toBeGreaterThan(60);
      expect([...expected].filter((key) => !reported.has(key))).toEqual([]);
      // Nested values that are no objects, plain objects (without @Type) and a DTO without rules.
      expect(reported).toContain('Order.items:nestedValidation');
      expect(reported).toContain('Object:unknownValue');
      expect(reported).toContain('NoRules:unknownValue');
      // The passing side: every DTO (but the one without rules) has payloads class-validator accepts.
      for (const c of COMMON_CORPUS) {
        const { valid, invalid } = outcomes.get(c.cls.name) ?? { valid: 0, invalid: 0 };
        about(c.cls.name, () => expect([valid > 0 || c.cls === NoRules, invalid > 0]).toEqual([true, true]));
      }
    });

    // Measured over the corpus above: class-validator overturns 0 of the compiled check's 5,732 'invalid'
    // verdicts, over 7,866 (DTO, options, payload) cases.
    it("never says 'valid' where class-validator reports errors, nor 'invalid' where it reports none", async () => {
      await compareCorpus();
      expect(tally.cases).toBeGreaterThan(7500);
      expect(tally.invalidVerdicts).toBeGreaterThan(5500);
      expect(tally.wronglyValid).toEqual([]);
      expect(tally.overturned).toEqual([]);
    });

    it('copies plain classes itself and leaves classes with class-transformer decorators to plainToInstance', () => {
      const { transformerStorage } = loadValidationPackages();
      const plain = COMMON_CORPUS.filter((c) => isPlainCopyClass(transformerStorage, c.cls)).map(
        (c) => c.cls.name,
      );
      expect(plain).toContain('Untyped');
      expect(plain).not.toContain('Order');
    });
  });

  describe('async constraints', () => {
    const tally = newTally();
    const compareCorpus = describeCorpus(ASYNC_CORPUS, validate, tally);

    it("never says 'valid' where class-validator reports errors", async () => {
      await compareCorpus();
      expect(tally.cases).toBeGreaterThan(800);
      expect(tally.wronglyValid).toEqual([]);
    });
  });

  it('reports a payload on which class-validator throws as invalid, and goes on with the others', async () => {
    const payload = {
      name: 'n',
      qty: 1,
      price: 1e-7,
      rate: 0,
      active: true,
      kind: 'a',
      color: 'red',
      level: 1,
    };
    // class-validator's isNumber with maxDecimalPlaces throws on 1e-7 (it reads the exponent form's digits).
    expect(() => validateSync(plainToInstance(Scalars, payload))).toThrow(TypeError);
    const { instances, failures } = await new DtoValidator(Scalars).validateAll([
      payload,
      { ...payload, price: 1 },
    ]);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ index: 0, errors: [] });
    expect(failures[0].thrown).toBeInstanceOf(TypeError);
    expect(instances[0]).toBeUndefined();
    expect(instances[1]).toBeInstanceOf(Scalars);
  });

  it('reports payloads that are not objects without asking class-validator', async () => {
    const { instances, failures } = await new DtoValidator(Scalars).validateAll([
      'text',
      null,
      [1],
      Buffer.from('{}'),
      7,
      undefined,
    ]);
    expect(instances.every((instance) => instance === undefined)).toBe(true);
    expect(failures.map((failure) => [failure.index, failure.errors, failure.notAnObject])).toEqual([
      [0, [], 'a string'],
      [1, [], 'null'],
      [2, [], 'an array'],
      [3, [], 'a Buffer (not JSON)'],
      [4, [], 'a number'],
      [5, [], 'undefined'],
    ]);
  });
});
