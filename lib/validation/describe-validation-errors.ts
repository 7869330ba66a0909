import type { ValidationError } from 'class-validator';
import type { DtoFailure } from './dto-validator';

/** `field: constraint messages` per dotted path, nested DTOs and arrays included. */
export function describeValidationErrors(
  errors: readonly ValidationError[],
  prefix = '',
): Array<{ field: string; text: string }> {
  return errors.flatMap((error) => {
    // class-validator leaves `property` undefined on an error about the object itself (an unknown value).
    const field = error.property === undefined ? prefix.replace(/\.$/, '') : `${prefix}${error.property}`;
    const messages = Object.values(error.constraints ?? {}).join(', ');
    const own = error.constraints ? [{ field, text: field ? `${field}: ${messages}` : messages }] : [];
    return [...own, ...describeValidationErrors(error.children ?? [], field ? `${field}.` : '')];
  });
}

/** A failed payload as `field: constraint messages` lines and the failing fields, for error messages. */
export function describeDtoFailure(
  failure: DtoFailure,
  dto: string,
): { messages: string[]; fields: string[] } {
  const described = describeValidationErrors(failure.errors);
  const { notAnObject, thrown } = failure;
  const messages =
    notAnObject !== undefined
      ? [`must be an object matching ${dto}, got ${notAnObject}`]
      : thrown !== undefined
        ? [
            `validation threw ${thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown)}`,
          ]
        : described.map((failure) => failure.text);
  return { messages, fields: [...new Set(described.map((failure) => failure.field))] };
}
