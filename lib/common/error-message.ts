/** The text of anything thrown: an Error's message, otherwise its string form. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Anything thrown, as an Error (a thrown string or object is wrapped, an Error is kept as is). */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
