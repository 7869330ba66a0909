/**
 * How a message value becomes `message.payload`.
 * `json` (default): JSON.parse of the UTF-8 text; if it is not JSON, the raw Buffer is kept as payload.
 * `string`: UTF-8 text. `raw`: the Buffer itself. A function: your own decoder.
 */
export type PayloadDeserializer =
  | 'json'
  | 'string'
  | 'raw'
  | ((value: Buffer | null, meta: { topic: string; headers: Record<string, string | undefined> }) => unknown);
