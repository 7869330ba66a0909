import type {
  ClassRef,
  DtoCheckOptions,
  ValidationMetadataLike,
  ValidationMetadataStorageLike,
  ConstraintLike,
} from './validation-metadata.interface';

export type Condition = (object: object, value: unknown) => boolean;

/** One decorator: every constraint class registered for it must accept the value. */
export interface RulePlan {
  validators: Array<ConstraintLike['instance']>;
  /** Refilled for every call: class-validator builds them afresh, one object per rule spares the garbage. */
  args: { object: object | undefined; value: unknown } & Record<string, unknown>;
  validateIf?: Condition;
  each: boolean;
}

export interface PropertyPlan {
  name: string;
  conditions: Condition[];
  /** `@IsDefined`, which runs before the skip options. */
  defined: RulePlan[];
  rules: RulePlan[];
  nested: boolean;
}

/** What a class's decorators ask, property by property, under the validator options. */
export interface ClassRules {
  hasMetadata: boolean;
  allowed: Set<string>;
  properties: PropertyPlan[];
}

/** Metadata types, as class-validator names them (`ValidationTypes`). */
const CUSTOM = 'customValidation';
const NESTED = 'nestedValidation';
const CONDITIONAL = 'conditionalValidation';
const IS_DEFINED = 'isDefined';
const WHITELIST = 'whitelistValidation';

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

/** The class's rules, or null when only class-validator's async `validate()` can decide on them. */
export function planClassRules(
  storage: ValidationMetadataStorageLike,
  cls: ClassRef,
  options: DtoCheckOptions,
): ClassRules | null {
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
  return { hasMetadata: metadatas.length > 0, allowed: new Set(byProperty.keys()), properties };
}
