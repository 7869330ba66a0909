import { NonRetriableError } from '../message/non-retriable.error';

/** One invalid payload of a batch. */
export interface InvalidPayload {
  /** Position of the payload in the batch handed to `consume`. */
  index: number;
  /** `field: constraint messages` lines (nested fields as `items.0.sku`), or why the payload is not an object. */
  messages: string[];
  /** The failing fields, dotted paths included. */
  fields: string[];
  /** class-validator's `ValidationError`s, as it reported them. */
  errors: unknown[];
}

/**
 * Thrown by `KarafkaValidationPipe` when payloads of a batch fail validation. It is non-retriable and says which
 * payloads failed, so the runner sends exactly those to the dead-letter queue and the valid ones to `consume`.
 */
export class PayloadValidationError extends NonRetriableError {
  // Private, behind a getter: logging the error prints its message, not every ValidationError and its target.
  readonly #invalid: InvalidPayload[];

  constructor(
    readonly dto: string,
    invalid: InvalidPayload[],
    readonly batchSize: number,
  ) {
    super(
      `${invalid.length} of ${batchSize} payload(s) failed validation as ${dto}: ` +
        invalid.map((payload) => `#${payload.index}: ${payload.messages.join('; ')}`).join(' | '),
    );
    this.#invalid = invalid;
  }

  /** The invalid payloads, by ascending position. */
  get invalid(): InvalidPayload[] {
    return this.#invalid;
  }

  /** Positions (in the batch handed to `consume`) of the invalid payloads, ascending. */
  get invalidIndexes(): number[] {
    return this.invalid.map((payload) => payload.index);
  }
}
