import type { ValidationError } from 'class-validator';

/** `field: constraint messages` per dotted path, nested DTOs and arrays included. */
export function describeValidationErrors(
  errors: readonly ValidationError[],
  prefix = '',
): Array<{ field: string; text: string }> {
  return errors.flatMap((error) => {
    const field = `${prefix}${error.property}`;
    const own = error.constraints
      ? [{ field, text: `${field}: ${Object.values(error.constraints).join(', ')}` }]
      : [];
    return [...own, ...describeValidationErrors(error.children ?? [], `${field}.`)];
  });
}

/** What a validator threw, for a message: `TypeError: ...`. */
export function describeThrown(thrown: unknown): string {
  return thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
}
