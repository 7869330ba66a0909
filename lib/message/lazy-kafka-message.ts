import type { DriverFetchedMessage } from '../driver/kafka-driver.port';
import type { KafkaMessage } from './kafka-message.interface';

type Fields = Omit<KafkaMessage, 'payload'>;

// The eager message's fields, copied in by the constructor: typed by this interface, not listed twice.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface LazyKafkaMessage extends Fields {}

/**
 * A consumed message whose `payload` is decoded at its first read (`@KafkaTopic({ lazyPayload: true })`), as
 * Karafka's messages are. `payload` is an accessor of the class, not an own property: V8 keeps every instance
 * on one shape this way, where an accessor per object (in a literal, or by `defineProperty`) made reading a
 * payload 3-4× slower than eager decoding (bench/message-build.bench.ts, when this was chosen). So
 * `{ ...message }` and deep equality do not see `payload`; `JSON.stringify` does (`toJSON`).
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class LazyKafkaMessage implements KafkaMessage {
  /** The fetched message until its payload is decoded or assigned. */
  #pending: DriverFetchedMessage | undefined;
  #payload: unknown;
  readonly #decode: (fetched: DriverFetchedMessage) => unknown;

  constructor(
    fields: Fields,
    fetched: DriverFetchedMessage,
    decode: (fetched: DriverFetchedMessage) => unknown,
  ) {
    Object.assign(this, fields);
    this.#pending = fetched;
    this.#decode = decode;
  }

  get payload(): unknown {
    const fetched = this.#pending;
    if (fetched !== undefined) {
      // Marked done only once decoded: a value that does not decode fails again at the next read.
      this.#payload = this.#decode(fetched);
      this.#pending = undefined;
    }
    return this.#payload;
  }

  set payload(value: unknown) {
    this.#payload = value;
    this.#pending = undefined;
  }

  /** Serialised as an eager message is. */
  toJSON(): KafkaMessage {
    // Its own fields, then `payload`, in an eager message's order.
    return Object.assign({}, this, { payload: this.payload });
  }
}
