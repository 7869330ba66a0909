import { planClassRules } from './dto-check-plan';
import {
  generatePropertiesCheck,
  isCollection,
  toArray,
  type CheckHelpers,
} from './generate-properties-check';
import type {
  ClassRef,
  DtoCheckOptions,
  ValidationMetadataStorageLike,
} from './validation-metadata.interface';

/**
 * `valid` when class-validator would find no error in `object`; `invalid` when a constraint rejected it (the
 * caller asks class-validator's `validateSync` for the report, and its word is final); `undecided` when a nested
 * object's class needs class-validator's asynchronous `validate`, or a constraint returned a promise. Like
 * class-validator with `whitelist`, it deletes the properties that carry no decorator.
 */
export type DtoCheck = (object: object) => DtoCheckResult;
export type DtoCheckResult = 'valid' | 'invalid' | 'undecided';

/**
 * Compiles the class-validator decorators of a class, once, into a synchronous check that calls the very
 * constraint implementations class-validator would call, in the order and under the conditions of its
 * `ValidationExecutor` (conditions, `@IsDefined` before the skip options, `each`, nested objects), but without
 * looking the metadata up again or building error objects for every valid property. That look-up and those
 * objects are most of what `validate()` costs per message.
 *
 * Returns undefined when the class uses something only an asynchronous `validate()` can decide (an async
 * constraint, `@ValidatePromise`), or when Node forbids generating code: the caller then validates with
 * class-validator alone. The constraint instances are taken from class-validator's container now, once.
 */
export function compileDtoCheck(
  storage: ValidationMetadataStorageLike,
  target: ClassRef,
  options: DtoCheckOptions = {},
): DtoCheck | undefined {
  const plans = new Map<ClassRef, ClassPlan | null>();
  const forbidUnknownValues = options.forbidUnknownValues !== false;
  // Set when the walk meets what only class-validator's async validate() decides.
  const state = { undecided: false };

  const planFor = (cls: ClassRef): ClassPlan | null => {
    let plan = plans.get(cls);
    if (plan === undefined) {
      plan = buildClassPlan(storage, cls, options, { state, checkNested: (value) => checkNested(value) });
      plans.set(cls, plan);
    }
    return plan;
  };

  const checkObject = (object: object): boolean => {
    const plan = planFor(object.constructor ?? Object);
    if (plan === null) {
      state.undecided = true;
      return false;
    }
    if (forbidUnknownValues && !plan.hasMetadata) return false;
    let ok = true;
    if (options.whitelist) {
      for (const key of Object.keys(object)) {
        if (plan.allowed.has(key)) continue;
        if (options.forbidNonWhitelisted) ok = false;
        else delete (object as Record<string, unknown>)[key];
      }
    }
    return plan.checkProperties(object) && ok;
  };

  // class-validator runs nested validation on each item of a collection with the same metadata, recursively.
  const checkNested = (value: unknown): boolean => {
    if (value === undefined) return true;
    if (isCollection(value)) {
      let ok = true;
      for (const item of toArray(value)) {
        if (!isSkipped(item, options) && !checkNested(item)) ok = false;
        if (state.undecided) return false;
      }
      return ok;
    }
    return value instanceof Object ? checkObject(value) : false;
  };

  if (planFor(target) === null) return undefined;
  return (object) => {
    state.undecided = false;
    if (checkObject(object)) return 'valid';
    return state.undecided ? 'undecided' : 'invalid';
  };
}

function isSkipped(value: unknown, options: DtoCheckOptions): boolean {
  return (
    (value === undefined && options.skipUndefinedProperties === true) ||
    (value === null && options.skipNullProperties === true) ||
    ((value === null || value === undefined) && options.skipMissingProperties === true)
  );
}

interface ClassPlan {
  hasMetadata: boolean;
  allowed: Set<string>;
  /** The class's properties checked in one generated function; false when any failed. */
  checkProperties: (object: object) => boolean;
}

function buildClassPlan(
  storage: ValidationMetadataStorageLike,
  cls: ClassRef,
  options: DtoCheckOptions,
  helpers: CheckHelpers,
): ClassPlan | null {
  const rules = planClassRules(storage, cls, options);
  if (rules === null) return null;
  try {
    const checkProperties = generatePropertiesCheck(rules.properties, options, helpers);
    return { hasMetadata: rules.hasMetadata, allowed: rules.allowed, checkProperties };
  } catch (error) {
    // `node --disallow-code-generation-from-strings` forbids `new Function`: class-validator decides alone.
    if (error instanceof EvalError) return null;
    throw error;
  }
}
