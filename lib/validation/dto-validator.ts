import type { ValidationError } from 'class-validator';
import { describeKind } from './describe-kind';
import { compileDtoCheck, type DtoCheck } from './compile-dto-check';
import { targetValidationMetadatas } from './dto-check-plan';
import { compilePlainCopy, isPlainCopyClass, type Instantiate } from './instantiate-dto';
import { loadValidationPackages, type ValidationPackages } from './validation-packages';
import type { DtoCheckOptions } from './validation-metadata.interface';

/** class-validator's options, as far as the library passes them on. */
export interface DtoValidatorOptions extends DtoCheckOptions {
  /** Options for class-transformer's `plainToInstance`; giving any makes every payload go through it. */
  transformOptions?: Record<string, unknown>;
  /** Leave class-validator's default messages out of the error report. */
  dismissDefaultMessages?: boolean;
  /** Include the validated object (`target`) and the failing `value` in each reported error. Both default to true. */
  validationError?: { target?: boolean; value?: boolean };
}

/**
 * A payload that failed: class-validator's errors; or the kind of value that is not an object at all; or what
 * class-transformer or class-validator threw on it (class-validator's isNumber with maxDecimalPlaces throws on
 * 1e-7), which fails that payload, not the batch.
 */
export interface DtoFailure {
  index: number;
  errors: ValidationError[];
  notAnObject?: string;
  thrown?: unknown;
}

/** `instances[i]` is the DTO instance of payload i, or undefined when it is listed in `failures`. */
export interface DtoValidation {
  instances: Array<object | undefined>;
  failures: DtoFailure[];
}

/**
 * Validates plain objects (decoded payloads, job args) against a class-validator DTO, with the result
 * class-validator gives: an instance of the DTO, or class-validator's own errors. It is built for batches:
 *   - the instance is built the way `plainToInstance` would build it, but without class-transformer's
 *     per-property look-ups when the DTO has no class-transformer decorator;
 *   - validity is decided by the DTO's compiled constraint check (`compileDtoCheck`); only a payload that fails
 *     it goes to class-validator's `validate`, which writes the error report, and has the last word.
 */
export class DtoValidator {
  private readonly packages: ValidationPackages;
  private readonly instantiate: Instantiate;
  /** Compiled on first use, not here: see `validateAll`. */
  private check?: DtoCheck | null;
  private readonly validatorOptions: DtoCheckOptions;

  constructor(
    readonly dto: new () => object,
    private readonly options: DtoValidatorOptions = {},
  ) {
    this.packages = loadValidationPackages();
    const { transformOptions, ...validatorOptions } = options;
    this.validatorOptions = validatorOptions;
    this.instantiate =
      transformOptions === undefined && isPlainCopyClass(this.packages.transformerStorage, dto)
        ? compilePlainCopy(dto)
        : (plain) => this.packages.plainToInstance(dto, plain, transformOptions);
  }

  /** Whether class-validator has decorators for the DTO (with the options' groups): without, nothing passes. */
  hasRules(): boolean {
    return (
      targetValidationMetadatas(this.packages.validationStorage, this.dto, this.validatorOptions).length > 0
    );
  }

  async validateAll(payloads: readonly unknown[]): Promise<DtoValidation> {
    // The constraint instances come from class-validator's container, which an app may replace with
    // useContainer() after the pipe was built (the pipe is built when the consumer class is declared).
    if (this.check === undefined) {
      this.check = compileDtoCheck(this.packages.validationStorage, this.dto, this.validatorOptions) ?? null;
    }
    const instances = new Array<object | undefined>(payloads.length);
    const failures: DtoFailure[] = [];
    for (let index = 0; index < payloads.length; index++) {
      const payload = payloads[index];
      if (
        typeof payload !== 'object' ||
        payload === null ||
        Array.isArray(payload) ||
        Buffer.isBuffer(payload)
      ) {
        failures.push({ index, errors: [], notAnObject: describeKind(payload) });
        continue;
      }
      try {
        const instance = this.instantiate(payload as Record<string, unknown>);
        const checked = this.check ? this.check(instance) : 'undecided';
        if (checked !== 'valid') {
          const errors =
            checked === 'invalid'
              ? this.packages.validateSync(instance, this.validatorOptions)
              : await this.packages.validate(instance, this.validatorOptions);
          if (errors.length > 0) {
            failures.push({ index, errors });
            continue;
          }
        }
        instances[index] = instance;
      } catch (thrown) {
        failures.push({ index, errors: [], thrown });
      }
    }
    return { instances, failures };
  }
}
