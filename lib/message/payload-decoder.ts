import type { PayloadDeserializer } from '../routing/payload-deserializer.interface';

/** A deserializer resolved once per topic at bootstrap, so decoding a message needs no lookup. */
export type PayloadDecoder = (value: Buffer | null, headers: Record<string, string | undefined>) => unknown;

/** Throws on a value that is not JSON (as Karafka's JSON deserializer raises): the message builder turns it
 * into a `DeserializationError`, which dead-letters that message instead of handing `consume` a Buffer. */
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
