import type { RdkafkaModule } from './load-librdkafka';
import { LibrdkafkaProducer, toRdkafkaProducerConfig } from './librdkafka-producer';

describe('toRdkafkaProducerConfig', () => {
  it("writes the library's producer settings as librdkafka keys, with Java's partitioner", () => {
    expect(
      toRdkafkaProducerConfig({
        acks: -1,
        compression: 'zstd',
        lingerMs: 5,
        transactionalId: 'tx-1',
        deliveryTimeoutMs: 30000,
        messageMaxBytes: 1000000,
      }),
    ).toEqual({
      partitioner: 'murmur2_random',
      dr_cb: true,
      acks: -1,
      'enable.idempotence': true,
      'compression.codec': 'zstd',
      'linger.ms': 5,
      'transactional.id': 'tx-1',
      'message.timeout.ms': 30000,
      'message.max.bytes': 1000000,
    });
    expect(toRdkafkaProducerConfig({ idempotent: false })['enable.idempotence']).toBe(false);
    expect('enable.idempotence' in toRdkafkaProducerConfig({})).toBe(false);
  });
});

/**
 * A stand-in for the native producer with a queue of `capacity` records: `produce` throws librdkafka's
 * QUEUE_FULL when it holds that many. `deliver()` frees the oldest one's slot, as librdkafka's own thread does
 * before JavaScript hears of it; `report()` then hands its delivery report over, as the background poll would.
 */
class QueueOfCapacity {
  readonly produced: string[] = [];
  private readonly queued: unknown[] = [];
  private readonly delivered: unknown[] = [];
  private readonly listeners = new Map<string, (error: unknown, report: unknown) => void>();
  private offset = 0;

  constructor(private readonly capacity: number) {}

  on(event: string, listener: (error: unknown, report: unknown) => void): this {
    this.listeners.set(event, listener);
    return this;
  }

  produce(_topic: string, _partition: number | null, value: Buffer | null, ...rest: unknown[]): void {
    if (this.queued.length >= this.capacity)
      throw Object.assign(new Error('Local: Queue full'), { code: -184 });
    this.produced.push(String(value));
    this.queued.push(rest[2]);
  }

  deliver(): void {
    if (this.queued.length > 0) this.delivered.push(this.queued.shift());
  }

  report(): void {
    if (this.delivered.length === 0) this.deliver();
    const opaque = this.delivered.shift();
    this.listeners.get('delivery-report')?.(null, { partition: 0, offset: this.offset++, opaque });
  }
}

describe('LibrdkafkaProducer sending while librdkafka’s queue is full', () => {
  const record = (value: string) => ({ value });
  const send = (producer: LibrdkafkaProducer, values: string[]) =>
    producer.sendBatch({ topicMessages: [{ topic: 't', messages: values.map(record) }] });

  it('queues the records of later sends behind those still waiting for room, so none overtakes', async () => {
    const natives: QueueOfCapacity[] = [];
    const rdkafka = {
      Producer: class extends QueueOfCapacity {
        constructor() {
          super(2);
          natives.push(this);
        }
      },
    } as unknown as RdkafkaModule;
    const producer = new LibrdkafkaProducer(rdkafka, {}, {}, () => undefined);
    const [native] = natives;

    const first = send(producer, ['a1', 'a2', 'a3']);
    expect(native.produced).toEqual(['a1', 'a2']);
    // Room again, but the waiting send has not heard of it yet: a later send must not take that slot.
    native.deliver();
    const second = send(producer, ['b1']);
    expect(native.produced).toEqual(['a1', 'a2']);

    while (native.produced.length < 4) {
      native.report();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(native.produced).toEqual(['a1', 'a2', 'a3', 'b1']);
    native.report();
    native.report();
    await expect(first).resolves.toEqual([{ topic: 't', partition: 0, baseOffset: '0', errorCode: 0 }]);
    await expect(second).resolves.toEqual([{ topic: 't', partition: 0, baseOffset: '3', errorCode: 0 }]);
  });
});
