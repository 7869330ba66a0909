import { DriverError } from '../../driver/driver-error';

/**
 * The `error.type` of a failure: the driver's kind of error when one is behind it (`timeout`,
 * `unknown-topic`, ...), which says more than the library's wrapper; otherwise the error's name.
 */
export function errorType(error: unknown): string {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    if (cause instanceof DriverError) return cause.kind;
  }
  return error instanceof Error ? error.name : '_OTHER';
}
