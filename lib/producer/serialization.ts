/** How a payload that is not already a Buffer or string becomes bytes. Default: JSON. */
export type PayloadSerializer = 'json' | ((payload: unknown, meta: { topic: string }) => Buffer | string);
