import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Validate, ValidateNested, ValidatePromise } from 'class-validator';
import { NotBadLate, NotTaken } from '../../test/fixtures/late-constraints';
import { compileDtoCheck, type DtoCheck } from './compile-dto-check';
import type { DtoCheckOptions } from './validation-metadata.interface';
import { loadValidationPackages } from './validation-packages';

// The differential suite (dto-validator.spec.ts) compares the verdicts with class-validator over a corpus;
// these pin the verdicts that decide which class-validator call writes the report.

class Handle {
  @Validate(NotTaken)
  handle!: string;
}

class Awaited {
  @ValidatePromise()
  @IsInt()
  n!: Promise<number>;
}

class Child {
  @IsString()
  name!: string;
}

class Parent {
  @IsInt()
  id!: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => Handle)
  handle?: Handle;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => Child)
  children?: Child[];
}

class Late {
  @IsInt()
  n!: number;

  @Validate(NotBadLate)
  tag!: string;
}

const { validationStorage } = loadValidationPackages();

function checkFor(cls: new () => object, options?: DtoCheckOptions): (payload: object) => string {
  const check = compileDtoCheck(validationStorage, cls, options) as DtoCheck;
  expect(check).toBeInstanceOf(Function);
  return (payload) => check(plainToInstance(cls, payload));
}

describe('compileDtoCheck', () => {
  it('gives no check when Node forbids generating code (--disallow-code-generation-from-strings)', () => {
    const original = globalThis.Function;
    // What `new Function(...)` throws under that flag.
    const forbidden = function () {
      throw new EvalError('Code generation from strings disallowed for this context');
    } as unknown as FunctionConstructor;
    globalThis.Function = forbidden;
    try {
      expect(compileDtoCheck(validationStorage, Child)).toBeUndefined();
    } finally {
      globalThis.Function = original;
    }
    expect(compileDtoCheck(validationStorage, Child)).toBeInstanceOf(Function);
  });

  it('gives no check for a class only the asynchronous validate() can decide', () => {
    expect(compileDtoCheck(validationStorage, Handle)).toBeUndefined();
    expect(compileDtoCheck(validationStorage, Awaited)).toBeUndefined();
  });

  it("is 'undecided' when the walk meets a nested class with an async constraint, even after a failure", () => {
    const check = checkFor(Parent);
    expect(check({ id: 1 })).toBe('valid');
    expect(check({ id: 'x' })).toBe('invalid');
    expect(check({ id: 1, handle: { handle: 'free' } })).toBe('undecided');
    // validateSync would report `id` alone, and leave out what the async constraint finds.
    expect(check({ id: 'x', handle: { handle: 'taken' } })).toBe('undecided');
    expect(check({ id: 'x', children: [{ name: 1 }], handle: { handle: 'taken' } })).toBe('undecided');
    // The state of one call does not leak into the next.
    expect(check({ id: 1, children: [{ name: 'a' }] })).toBe('valid');
  });

  it("is 'undecided' when a constraint not declared async returns a promise, even after a failure", () => {
    const check = checkFor(Late);
    expect(check({ n: 1, tag: 'ok' })).toBe('undecided');
    expect(check({ n: 'x', tag: 'bad' })).toBe('undecided');
  });

  it('strips what has no decorator with whitelist, and keeps it (invalid) with forbidNonWhitelisted', () => {
    const stripping = compileDtoCheck(validationStorage, Parent, { whitelist: true }) as DtoCheck;
    const instance = plainToInstance(Parent, { id: 1, extra: 1, children: [{ name: 'a', extra: 2 }] });
    expect(stripping(instance)).toBe('valid');
    expect(instance).toStrictEqual(plainToInstance(Parent, { id: 1, children: [{ name: 'a' }] }));

    const forbidding = compileDtoCheck(validationStorage, Parent, {
      whitelist: true,
      forbidNonWhitelisted: true,
    }) as DtoCheck;
    const kept = plainToInstance(Parent, { id: 1, children: [{ name: 'a', extra: 2 }] });
    expect(forbidding(kept)).toBe('invalid');
    expect(kept.children?.[0]).toHaveProperty('extra', 2);
  });
});
