/** How a payload that is not already a Buffer or string becomes bytes. Default: JSON. */
export type PayloadSerializer = 'json' | ((payload: unknown, meta: { topic: string }) => Buffer | string);

/** A message value as the driver takes it; `null` is a tombstone. */
export type EncodedPayload = Buffer | string | null;

/** Turns one payload into its wire value; throws a plain Error whose message says what is wrong. */
export type PayloadEncoder = (payload: unknown, topic: string) => EncodedPayload;

/**
 * Builds the encoder for one serializer, once per producer (and topic override), so the per-message
 * path is a couple of `typeof` checks plus the serializer itself.
 * Buffers and strings pass through, `null` is a tombstone, anything else goes to the serializer.
 */
export function createPayloadEncoder(serializer: PayloadSerializer = 'json'): PayloadEncoder {
  const serialize =
    serializer === 'json'
      ? (payload: unknown): string | undefined => JSON.stringify(payload)
      : (payload: unknown, topic: string): Buffer | string => serializer(payload, { topic });

  return (payload, topic) => {
    if (typeof payload === 'string' || payload === null || Buffer.isBuffer(payload)) return payload;
    if (payload === undefined) throw new Error('payload is undefined (use null for a tombstone)');
    const encoded = serialize(payload, topic);
    if (typeof encoded !== 'string' && !Buffer.isBuffer(encoded)) {
      throw new Error(
        serializer === 'json'
          ? `payload of type ${typeof payload} has no JSON form`
          : `the serializer returned ${encoded === null ? 'null' : typeof encoded} instead of a Buffer or string`,
      );
    }
    return encoded;
  };
}
