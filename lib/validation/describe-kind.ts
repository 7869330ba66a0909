/** Kind of a value, for "got …" in messages. */
export function describeKind(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (Buffer.isBuffer(value)) return 'a Buffer (not JSON)';
  return `a ${typeof value}`;
}
