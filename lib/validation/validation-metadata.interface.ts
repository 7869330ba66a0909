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

export interface ConstraintLike {
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
