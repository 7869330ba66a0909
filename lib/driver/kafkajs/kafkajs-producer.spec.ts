import type { Kafka } from 'kafkajs';
import type { DriverProducerEvents } from '../kafka-driver.port';
import { KafkajsProducer } from './kafkajs-producer';

/** A kafkajs client whose producer records event listeners, so a test can fire kafkajs-shaped events. */
function fakeKafka() {
  const listeners = new Map<string, (event: unknown) => void>();
  const removed: string[] = [];
  const producer = {
    on: (name: string, listener: (event: unknown) => void) => {
      listeners.set(name, listener);
      return () => removed.push(name);
    },
  };
  const kafka = { producer: () => producer } as unknown as Kafka;
  const fire = (name: string, event: unknown) => listeners.get(name)!(event);
  return { kafka, fire, removed };
}

describe('KafkajsProducer events', () => {
  it('maps kafkajs producer events to the port event shapes', () => {
    const { kafka, fire, removed } = fakeKafka();
    const producer = new KafkajsProducer(kafka, {});
    const seen: Array<DriverProducerEvents[keyof DriverProducerEvents]> = [];

    producer.on('connect', (event) => seen.push(event));
    producer.on('disconnect', (event) => seen.push(event));
    const off = producer.on('request_timeout', (event) => seen.push(event));

    fire('producer.connect', { id: '1', type: 'producer.connect', timestamp: 100, payload: null });
    fire('producer.network.request_timeout', {
      id: '2',
      type: 'producer.network.request_timeout',
      timestamp: 200,
      payload: {
        apiKey: 0,
        apiName: 'Produce',
        apiVersion: 7,
        broker: '127.0.0.1:19092',
        clientId: 'shop',
        correlationId: 42,
        createdAt: 150,
        pendingDuration: 12,
        sentAt: 162,
      },
    });
    fire('producer.disconnect', { id: '3', type: 'producer.disconnect', timestamp: 300, payload: null });
    off();

    expect(seen).toEqual([
      { timestamp: 100 },
      {
        timestamp: 200,
        broker: '127.0.0.1:19092',
        apiName: 'Produce',
        correlationId: 42,
        pendingDurationMs: 12,
      },
      { timestamp: 300 },
    ]);
    expect(removed).toEqual(['producer.network.request_timeout']);
  });
});
