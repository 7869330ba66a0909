/** The message of anything thrown: an Error's message, or the thrown value as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Anything thrown, as an Error (a thrown string or object becomes an Error with its text). */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
