import type { ArgumentMetadata, PipeTransform, Type } from '@nestjs/common';
import { KARAFKA_PARAM_DATA, KarafkaParamtype } from './consumer.constants';
import { describeDtoFailure } from '../validation/describe-validation-errors';
import { DtoValidator, type DtoValidatorOptions } from '../validation/dto-validator';
import { PayloadValidationError, type InvalidPayload } from './payload-validation.error';

/** Arguments of `consume` that are not payloads, as pipes see them in `metadata.data`. */
const PASSED_THROUGH = new Set<unknown>([
  KARAFKA_PARAM_DATA[KarafkaParamtype.MESSAGES],
  KARAFKA_PARAM_DATA[KarafkaParamtype.CONTEXT],
]);

export interface KarafkaValidationPipeOptions extends DtoValidatorOptions {
  /** The class-validator DTO every payload must match. */
  items: Type<object>;
  /** Hand DTO instances to `consume` (default), or, with false, the payloads as decoded. */
  transform?: boolean;
}

/**
 * Validates a batch of payloads against a class-validator DTO, for `@Payload(...)`:
 *
 *     async consume(@Payload(new KarafkaValidationPipe({ items: OrderDto })) orders: OrderDto[]) {}
 *
 * The same decorators, options and class-validator messages as Nest's `ValidationPipe` (via `ParseArrayPipe`),
 * built for batches: the DTO's constraints are compiled once, class-validator only reports on payloads that fail, and
 * the error (`PayloadValidationError`, non-retriable) lists the invalid positions, so only those messages go to
 * the dead-letter queue; the rest of the batch is consumed. A payload that is not an object (e.g. not JSON) is
 * invalid. Applied to a single value instead of a batch, it validates that value.
 */
export class KarafkaValidationPipe implements PipeTransform {
  private readonly validator: DtoValidator;
  private readonly transformToInstances: boolean;

  constructor(options: KarafkaValidationPipeOptions) {
    const { items, transform = true, ...validatorOptions } = options ?? ({} as KarafkaValidationPipeOptions);
    if (typeof items !== 'function') {
      throw new TypeError(
        `KarafkaValidationPipe needs { items: DtoClass }, the class every payload is validated against; got ${String(items)}`,
      );
    }
    try {
      this.validator = new DtoValidator(items, validatorOptions);
    } catch (error) {
      if ((error as NodeJS.ErrnoException)?.code !== 'MODULE_NOT_FOUND') throw error;
      throw new Error(
        `KarafkaValidationPipe needs the class-validator and class-transformer packages (npm i class-validator class-transformer): ${(error as Error).message}`,
        { cause: error },
      );
    }
    if (validatorOptions.forbidUnknownValues !== false && !this.validator.hasRules()) {
      throw new TypeError(
        `KarafkaValidationPipe: ${items.name} has no class-validator decorators${validatorOptions.groups ? ` in groups ${validatorOptions.groups.join(', ')}` : ''}, so every payload would be rejected as an unknown value; decorate its properties, or pass forbidUnknownValues: false`,
      );
    }
    this.transformToInstances = transform;
  }

  /** Validates its argument; under `@UsePipes`, `@Messages()` and `@Ctx()` pass untouched. */
  async transform(value: unknown, metadata?: ArgumentMetadata): Promise<unknown> {
    if (PASSED_THROUGH.has(metadata?.data)) return value;
    const batch = Array.isArray(value);
    const payloads = batch ? (value as unknown[]) : [value];
    const { instances, failures } = await this.validator.validateAll(payloads);
    if (failures.length > 0) {
      const dto = this.validator.dto.name;
      const invalid = failures.map((failure): InvalidPayload => ({
        index: failure.index,
        ...describeDtoFailure(failure, dto),
        errors: failure.errors,
      }));
      throw new PayloadValidationError(dto, invalid, payloads.length);
    }
    if (!this.transformToInstances) return value;
    return batch ? instances : instances[0];
  }
}
