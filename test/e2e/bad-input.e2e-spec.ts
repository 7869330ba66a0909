/**
 * Bad input never hurts, against a real broker: an oversize message fails alone (refused at the call, or by
 * the broker and then isolated) while the messages around it are delivered; tombstones, binary keys and binary
 * header values arrive intact; a topic name Kafka refuses fails at the call. Nothing is dropped silently.
 */
import 'reflect-metadata';
import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { InjectProducer, KafkaProducer, KafkaTopic, KarafkaModule, type KafkaMessage } from '../../lib';
import { createTopic, primaryBrokers, readWithPeer, uniqueName, waitFor } from '../support/kafka-env';

jest.setTimeout(60_000);

describe('bad input (e2e)', () => {
  const limited = uniqueName('bad-input.limited');
  const binary = uniqueName('bad-input.binary');
  const received: KafkaMessage[] = [];

  @KafkaTopic(binary)
  class Recorder {
    consume(messages: KafkaMessage[]): void {
      received.push(...messages);
    }
  }

  @Injectable()
  class Sender {
    constructor(@InjectProducer() readonly producer: KafkaProducer) {}
  }

  let app: INestApplicationContext | undefined;
  let producer: KafkaProducer;

  beforeAll(async () => {
    // The broker refuses records over 2 KiB on this topic, well under the client's message.max.bytes.
    await createTopic(primaryBrokers(), limited, 1, { 'max.message.bytes': '2048' });
    await createTopic(primaryBrokers(), binary);
    const moduleRef = await Test.createTestingModule({
      imports: [
        KarafkaModule.forRoot({
          kafka: { 'bootstrap.servers': primaryBrokers().join(','), 'client.id': 'bad-input-e2e' },
          consumerGroup: uniqueName('bad-input'),
          consumer: { maxWaitTime: 300 },
          logRoutingTable: false,
        }),
      ],
      providers: [Recorder, Sender],
    }).compile();
    app = await moduleRef.init();
    producer = app.get(Sender).producer;
  });

  afterAll(async () => {
    await app?.close();
  });

  it("a message over the broker's limit fails alone with a clear error; the others of its batch are delivered", async () => {
    const results = await Promise.allSettled([
      producer.produceAsync({ topic: limited, payload: { n: 1 } }),
      producer.produceAsync({ topic: limited, payload: { n: 2, blob: 'x'.repeat(4096) } }),
      producer.produceAsync({ topic: limited, payload: { n: 3 } }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const refusal = (results[1] as PromiseRejectedResult).reason as Error;
    expect(refusal.message).toContain(
      `Producer 'default' (cluster 'primary') could not deliver to topic '${limited}'`,
    );
    expect(refusal.message).toMatch(/larger than the max message size/);

    const peer = await readWithPeer(primaryBrokers(), limited, 2);
    expect(peer.map((m) => JSON.parse(m.value ?? 'null'))).toEqual([{ n: 1 }, { n: 3 }]);
  });

  it("a message over the client's message.max.bytes is refused at the call, before any request", async () => {
    const startedAt = Date.now();
    const results = await Promise.allSettled([
      producer.produceAsync({ topic: binary, key: 'before', payload: { ok: true } }),
      producer.produceAsync({ topic: binary, payload: Buffer.alloc(1_000_001) }),
    ]);
    expect(results[0].status).toBe('fulfilled');
    expect(((results[1] as PromiseRejectedResult).reason as Error).message).toContain(
      `over 'message.max.bytes' (1000000)`,
    );
    expect(Date.now() - startedAt).toBeLessThan(10_000);
  });

  it('tombstones, binary keys and binary header values arrive intact', async () => {
    const key = Buffer.from([0xff, 0x00, 0xfe, 0x80]);
    const header = Buffer.from([0xc3, 0x28, 0x00, 0xff]);
    await producer.produceSync({
      topic: binary,
      key,
      payload: null,
      headers: { blob: header, text: 'plain' },
    });
    const tombstone = await waitFor(() => received.find((m) => m.rawKey?.equals(key)), {
      description: 'the tombstone with the binary key consumed',
    });
    expect(tombstone.payload).toBeNull();
    expect(tombstone.rawPayload).toBeNull();
    expect(Buffer.from(tombstone.rawHeaders.blob as Buffer).equals(header)).toBe(true);
    expect(tombstone.headers.text).toBe('plain');
  });

  it('a topic name Kafka refuses, or none, fails at the call', async () => {
    for (const topic of ['', 'spaces are not allowed', 'x'.repeat(250), '..']) {
      await expect(producer.produceSync({ topic, payload: 1 })).rejects.toThrow(
        topic === '' ? 'it has no topic' : 'is not a valid Kafka topic name',
      );
    }
  });
});
