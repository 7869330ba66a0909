import type { ValidationError } from 'class-validator';

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

/** What a validator threw, for a message: `TypeError: ...`. */
export function describeThrown(thrown: unknown): string {
  return thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
}
