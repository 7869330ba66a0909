import * as api from '@opentelemetry/api';
import { registerInMemoryTracing, type InMemoryTracing } from '../../../test/support/in-memory-tracing';
import { DriverError } from '../../driver/driver-error';
import type { DriverFetchedMessage, DriverRecord } from '../../driver/kafka-driver.port';
import { OtelTracing } from './otel-tracing';

describe('OtelTracing', () => {
  let otel: InMemoryTracing;
  const tracing = new OtelTracing(api, 'nestjs-karafka');
  const producer = tracing.producer({
    producer: 'default',
    cluster: 'primary',
    brokers: ['kafka-a:9092', 'b:9092'],
  });
  const consumer = tracing.consumer({
    cluster: 'secondary',
    brokers: ['[::1]:29092'],
    groupId: 'shop',
    subscriptionGroup: 'shop#secondary',
  });

  beforeAll(() => (otel = registerInMemoryTracing()));
  afterAll(() => otel.disable());
  afterEach(() => otel.exporter.reset());

  const fetched = (offset: string, headers: DriverFetchedMessage['headers']): DriverFetchedMessage => ({
    key: null,
    value: null,
    headers,
    offset,
    timestamp: '0',
  });

  describe('send spans', () => {
    it("start as a PRODUCER child of the caller's context and put theirs in a copy of the headers", () => {
      const userHeaders = { tenant: 'acme' };
      const record: DriverRecord = { value: 'v', headers: userHeaders };
      const caller = api.trace.getTracer('app').startSpan('request');
      const send = api.context.with(api.trace.setSpan(api.context.active(), caller), () =>
        producer.start('orders', record),
      );
      caller.end();
      send.delivered(2, '41');

      const [span] = otel.spans('send orders');
      expect(span.kind).toBe(api.SpanKind.PRODUCER);
      expect(span.parentSpanContext?.spanId).toBe(caller.spanContext().spanId);
      expect(span.attributes).toEqual({
        'messaging.system': 'kafka',
        'messaging.operation.name': 'send',
        'messaging.operation.type': 'send',
        'messaging.destination.name': 'orders',
        'messaging.destination.partition.id': '2',
        'messaging.kafka.offset': 41,
        'server.address': 'kafka-a',
        'server.port': 9092,
        'karafka.cluster.name': 'primary',
        'karafka.producer.name': 'default',
      });
      const { traceId, spanId } = span.spanContext();
      expect(record.headers).toEqual({ tenant: 'acme', traceparent: `00-${traceId}-${spanId}-01` });
      expect(userHeaders).toEqual({ tenant: 'acme' });
    });

    it("end as errors typed by the driver's kind of error", () => {
      const send = producer.start('orders', { value: 'v', partition: 1 });
      send.failed(
        new DriverError('This server does not host this topic-partition', {
          kind: 'unknown-topic',
          retriable: true,
        }),
      );

      const [span] = otel.spans('send orders');
      expect(span.status).toEqual({
        code: api.SpanStatusCode.ERROR,
        message: 'This server does not host this topic-partition',
      });
      expect(span.attributes).toMatchObject({
        'error.type': 'unknown-topic',
        'messaging.destination.partition.id': '1',
      });
      expect(span.events.map((event) => event.name)).toEqual(['exception']);
    });
  });

  describe('process spans', () => {
    it('are CONSUMER roots linked to each message producer, and the handler runs in their context', async () => {
      const sends = ['a', 'b'].map((value) => {
        const record: DriverRecord = { value };
        producer.start('orders', record).delivered(0, '0');
        return record;
      });
      const messages = [
        fetched('7', { traceparent: Buffer.from(String(sends[0].headers!.traceparent)) }),
        fetched('8', {}),
        fetched('9', { traceparent: String(sends[1].headers!.traceparent) }),
      ];

      let active: api.Span | undefined;
      const ambient = api.trace.getTracer('app').startSpan('bootstrap');
      const result = await api.context.with(api.trace.setSpan(api.context.active(), ambient), () =>
        consumer.process('orders', 3, messages, async () => {
          active = api.trace.getActiveSpan();
          return 'done';
        }),
      );
      ambient.end();

      expect(result).toBe('done');
      const [span] = otel.spans('process orders');
      const [first, second] = otel.spans('send orders');
      expect(span.kind).toBe(api.SpanKind.CONSUMER);
      expect(span.parentSpanContext).toBeUndefined();
      expect(active?.spanContext().spanId).toBe(span.spanContext().spanId);
      expect(span.links.map((link) => [link.context.spanId, link.attributes])).toEqual([
        [first.spanContext().spanId, { 'messaging.kafka.offset': 7 }],
        [second.spanContext().spanId, { 'messaging.kafka.offset': 9 }],
      ]);
      expect(span.attributes).toEqual({
        'messaging.system': 'kafka',
        'messaging.operation.name': 'process',
        'messaging.operation.type': 'process',
        'messaging.consumer.group.name': 'shop',
        'messaging.destination.name': 'orders',
        'messaging.destination.partition.id': '3',
        'messaging.batch.message_count': 3,
        'server.address': '::1',
        'server.port': 29092,
        'karafka.cluster.name': 'secondary',
        'karafka.subscription_group': 'shop#secondary',
      });
    });

    it('of one message carry its offset, and end as errors when the handler throws', async () => {
      class PaymentDeclined extends Error {
        override readonly name = 'PaymentDeclined';
      }
      const failing = consumer.process('orders', 0, [fetched('12', {})], async () => {
        throw new PaymentDeclined('card expired');
      });
      await expect(failing).rejects.toThrow('card expired');

      const [span] = otel.spans('process orders');
      expect(span.attributes['messaging.kafka.offset']).toBe(12);
      expect(span.attributes['messaging.batch.message_count']).toBeUndefined();
      expect(span.attributes['error.type']).toBe('PaymentDeclined');
      expect(span.status).toEqual({ code: api.SpanStatusCode.ERROR, message: 'card expired' });
    });
  });
});
