/** A class, as class-validator's metadata refers to it. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type ClassRef = Function;

/**
 * The parts of class-validator's metadata this module reads. Typed here, not imported, because class-validator
 * is an optional peer: the library's typings must not depend on it.
 */
export interface ValidationMetadataLike {
  type: string;
  propertyName: string;
  constraintCls: ClassRef;
  constraints: unknown[];
  each: boolean;
  validateIf?: (object: object, value: unknown) => boolean;
}

interface ConstraintLike {
  async: boolean;
  instance: { validate(value: unknown, args: object): unknown };
}

export interface ValidationMetadataStorageLike {
  getTargetValidationMetadatas(
    target: ClassRef,
    targetSchema: string | undefined,
    always: boolean,
    strictGroups: boolean,
    groups?: string[],
  ): ValidationMetadataLike[];
  getTargetValidatorConstraints(target: ClassRef): ConstraintLike[];
}

/** The validator options that decide whether an object is valid (the others only shape the error report). */
export interface DtoCheckOptions {
  whitelist?: boolean;
  forbidNonWhitelisted?: boolean;
  forbidUnknownValues?: boolean;
  skipMissingProperties?: boolean;
  skipNullProperties?: boolean;
  skipUndefinedProperties?: boolean;
  groups?: string[];
  always?: boolean;
  strictGroups?: boolean;
  /** Decides which nested objects class-validator visits (and strips with `whitelist`) after a failure. */
  stopAtFirstError?: boolean;
}

/**
 * `valid` when class-validator would find no error in `object`; `invalid` when a constraint rejected it (the
 * caller asks class-validator's `validateSync` for the report, and its word is final); `undecided` when a nested
 * object's class needs class-validator's asynchronous `validate`, or a constraint returned a promise. Like
 * class-validator with `whitelist`, it deletes the properties that carry no decorator.
 */
export type DtoCheck = (object: object) => DtoCheckResult;
export type DtoCheckResult = 'valid' | 'invalid' | 'undecided';

type Condition = (object: object, value: unknown) => boolean;

/** One decorator: every constraint class registered for it must accept the value. */
interface RulePlan {
  validators: Array<ConstraintLike['instance']>;
  /** Refilled for every call: class-validator builds them afresh, one object per rule spares the garbage. */
  args: { object: object | undefined; value: unknown } & Record<string, unknown>;
  validateIf?: Condition;
  each: boolean;
}

interface PropertyPlan {
  name: string;
  conditions: Condition[];
  /** `@IsDefined`, which runs before the skip options. */
  defined: RulePlan[];
  rules: RulePlan[];
  nested: boolean;
}

interface ClassPlan {
  hasMetadata: boolean;
  allowed: Set<string>;
  /** The class's properties checked in one generated function; false when any failed. */
  checkProperties: (object: object) => boolean;
}

/** Metadata types, as class-validator names them (`ValidationTypes`). */
const CUSTOM = 'customValidation';
const NESTED = 'nestedValidation';
const CONDITIONAL = 'conditionalValidation';
const IS_DEFINED = 'isDefined';
const WHITELIST = 'whitelistValidation';

const isCollection = (value: unknown): value is unknown[] | Set<unknown> | Map<unknown, unknown> =>
  Array.isArray(value) || value instanceof Set || value instanceof Map;

const toArray = (value: unknown[] | Set<unknown> | Map<unknown, unknown>): unknown[] =>
  value instanceof Map ? [...value.values()] : Array.isArray(value) ? value : [...value];

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
      plan = buildPlan(storage, cls, options, { state, checkNested: (value) => checkNested(value) });
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

interface CheckHelpers {
  state: { undecided: boolean };
  checkNested: (value: unknown) => boolean;
}

/** The class's decorators that apply under `options` (groups, always, strictGroups), as class-validator picks them. */
export function targetValidationMetadatas(
  storage: ValidationMetadataStorageLike,
  cls: ClassRef,
  options: DtoCheckOptions,
): ValidationMetadataLike[] {
  return storage.getTargetValidationMetadatas(
    cls,
    undefined,
    options.always ?? false,
    options.strictGroups ?? false,
    options.groups,
  );
}

function buildPlan(
  storage: ValidationMetadataStorageLike,
  cls: ClassRef,
  options: DtoCheckOptions,
  helpers: CheckHelpers,
): ClassPlan | null {
  const metadatas = targetValidationMetadatas(storage, cls, options);
  const byProperty = new Map<string, ValidationMetadataLike[]>();
  for (const metadata of metadatas) {
    const list = byProperty.get(metadata.propertyName) ?? [];
    list.push(metadata);
    byProperty.set(metadata.propertyName, list);
  }
  const properties: PropertyPlan[] = [];
  for (const [name, list] of byProperty) {
    const property: PropertyPlan = { name, conditions: [], defined: [], rules: [], nested: false };
    for (const metadata of list) {
      switch (metadata.type) {
        case CONDITIONAL:
          property.conditions.push(metadata.constraints[0] as Condition);
          break;
        case IS_DEFINED:
        case CUSTOM: {
          const constraints = storage.getTargetValidatorConstraints(metadata.constraintCls);
          if (constraints.some((constraint) => constraint.async)) return null;
          const rule: RulePlan = {
            validators: constraints.map((constraint) => constraint.instance),
            args: {
              targetName: cls.name,
              property: metadata.propertyName,
              object: undefined,
              value: undefined,
              constraints: metadata.constraints,
            },
            validateIf: metadata.validateIf,
            each: metadata.each,
          };
          (metadata.type === IS_DEFINED ? property.defined : property.rules).push(rule);
          break;
        }
        case NESTED:
          property.nested = true;
          break;
        case WHITELIST:
          break;
        default:
          // `promiseValidation` or a type this code does not know: only class-validator can decide.
          return null;
      }
    }
    properties.push(property);
  }
  let checkProperties: ClassPlan['checkProperties'];
  try {
    checkProperties = generatePropertiesCheck(properties, options, helpers);
  } catch (error) {
    // `node --disallow-code-generation-from-strings` forbids `new Function`: class-validator decides alone.
    if (error instanceof EvalError) return null;
    throw error;
  }
  return { hasMetadata: metadatas.length > 0, allowed: new Set(byProperty.keys()), checkProperties };
}

/**
 * The properties' checks as one straight-line function, generated once per class (as ajv does for JSON
 * schemas): each property is read with a constant key and each constraint called from its own call site, where
 * a loop over plans would make every read and call megamorphic, and cost more than the constraints themselves.
 * Only constants chosen here and `JSON.stringify`-quoted property names enter the source; every function and
 * object it uses is passed in. The walk goes on after a failure, as class-validator's does: a later
 * constraint may still turn the result 'undecided' (a promise, a nested class with async constraints).
 */
function generatePropertiesCheck(
  properties: PropertyPlan[],
  options: DtoCheckOptions,
  helpers: CheckHelpers,
): (object: object) => boolean {
  const deps: unknown[] = [];
  const dep = (value: unknown): string => {
    deps.push(value);
    return `d${deps.length - 1}`;
  };
  const state = dep(helpers.state);
  const checkNested = dep(helpers.checkNested);
  const isCollectionRef = dep(isCollection);
  const toArrayRef = dep(toArray);
  const skip = [
    options.skipUndefinedProperties === true ? 'v === undefined' : '',
    options.skipNullProperties === true ? 'v === null' : '',
    options.skipMissingProperties === true ? 'v == null' : '',
  ].filter(Boolean);

  // A verdict: a promise makes the whole result 'undecided' (validateSync would drop it), a falsy one fails.
  const verdict = (call: string) =>
    `r = ${call}; if (typeof r === 'object' && r !== null && typeof r.then === 'function') { ${state}.undecided = true; ok = false; } else if (!r) ok = false;`;
  const ruleCode = (rule: RulePlan): string => {
    const args = dep(rule.args);
    const lines = [`${args}.object = o; ${args}.value = v;`];
    for (const validator of rule.validators) {
      const call = (value: string) => `${dep(validator)}.validate(${value}, ${args})`;
      lines.push(
        rule.each
          ? `if (${isCollectionRef}(v)) { for (const x of ${toArrayRef}(v)) { ${verdict(call('x'))} } } else { ${verdict(call('v'))} }`
          : verdict(call('v')),
      );
    }
    const body = lines.join(NL);
    return rule.validateIf ? `if (${dep(rule.validateIf)}(o, v)) {${NL}${body}${NL}}` : body;
  };

  const blocks = properties.map((property, index) => {
    const label = `p${index}`;
    const lines = [`v = o[${JSON.stringify(property.name)}];`, `${label}: {`, 'let ok = true;'];
    if (property.conditions.length > 0) {
      lines.push(`if (!(${property.conditions.map((c) => `${dep(c)}(o, v)`).join(' && ')})) break ${label};`);
    }
    lines.push(...property.defined.map(ruleCode));
    if (skip.length > 0) lines.push(`if (${skip.join(' || ')}) { if (!ok) all = false; break ${label}; }`);
    lines.push(...property.rules.map(ruleCode));
    if (property.nested) {
      // With stopAtFirstError, class-validator does not go into the nested value of a property that failed.
      const guard = options.stopAtFirstError === true ? 'ok && ' : '';
      lines.push(`if (${guard}!${checkNested}(v)) ok = false;`);
    }
    lines.push('if (!ok) all = false;', `if (${state}.undecided) return false;`, '}');
    return lines.join(NL);
  });
  // Each dependency becomes a constant of the factory, so the generated code reads no array.
  const constants = deps.map((_, i) => `const d${i} = d[${i}];`);
  const source = [
    "'use strict';",
    ...constants,
    'return function checkProperties(o) {',
    'let v, r, all = true;',
    ...blocks,
    'return all;',
    '};',
  ].join(NL);
  return new Function('d', source)(deps) as (object: object) => boolean;
}

const NL = '\n';
