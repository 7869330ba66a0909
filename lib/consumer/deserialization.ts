/**
 * How a message value becomes `message.payload`.
 * `json` (default): JSON.parse of the UTF-8 text; a value that is not JSON fails with a `DeserializationError`
 * (non-retriable: dead-lettered at once). `string` or `raw` for topics that are not JSON.
 * `string`: UTF-8 text. `raw`: the Buffer itself. A function: your own decoder.
 */
export type PayloadDeserializer =
  | 'json'
  | 'string'
  | 'raw'
  | ((value: Buffer | null, meta: { topic: string; headers: Record<string, string | undefined> }) => unknown);

/** A deserializer resolved once per topic at bootstrap, so decoding a message needs no lookup. */
export type PayloadDecoder = (value: Buffer | null, headers: Record<string, string | undefined>) => unknown;

/** Throws on a value that is not JSON: the builder turns that into a `DeserializationError` (dead-lettered). */
function decodeJson(value: Buffer | null): unknown {
  return value === null ? null : JSON.parse(value.toString('utf8'));
}

function decodeString(value: Buffer | null): unknown {
  return value === null ? null : value.toString('utf8');
}

function decodeRaw(value: Buffer | null): unknown {
  return value;
}

/** Turns a topic's `deserializer` option into the function that decodes its messages. */
export function compilePayloadDecoder(deserializer: PayloadDeserializer, topic: string): PayloadDecoder {
  switch (deserializer) {
    case 'json':
      return decodeJson;
    case 'string':
      return decodeString;
    case 'raw':
      return decodeRaw;
    default: {
      if (typeof deserializer !== 'function') {
        throw new Error(
          `Topic '${topic}': unknown deserializer ${JSON.stringify(deserializer)} (use 'json', 'string', 'raw' or a function)`,
        );
      }
      return (value, headers) => deserializer(value, { topic, headers });
    }
  }
}

/**
 * Like `compilePayloadDecoder`, but a value that is not JSON stays the raw Buffer: for reading a topic to look at
 * it (`KarafkaAdmin.readTopic`), where one undecodable message (a dead-letter topic is full of them) must not fail
 * the whole read.
 */
export function compileInspectionDecoder(deserializer: PayloadDeserializer, topic: string): PayloadDecoder {
  if (deserializer !== 'json') return compilePayloadDecoder(deserializer, topic);
  return (value) => {
    try {
      return decodeJson(value);
    } catch {
      return value;
    }
  };
}
