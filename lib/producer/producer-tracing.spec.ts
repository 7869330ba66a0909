import * as api from '@opentelemetry/api';
import { registerInMemoryTracing, type InMemoryTracing } from '../../test/support/in-memory-tracing';
import { FakeDriverProducer, testDefinition } from '../../test/unit/producer/fake-driver-producer';
import type { ProducerSettings } from '../config/kafka-config.types';
import { DriverError } from '../driver/driver-error';
import { KarafkaMonitor } from '../instrumentation/karafka-monitor';
import { OtelTracing } from '../instrumentation/tracing/otel-tracing';
import { KafkaProducer } from './kafka-producer';

/** The producer's send spans over the fake driver: when they start, what ends them, what travels in headers. */
describe('KafkaProducer with tracing', () => {
  let otel: InMemoryTracing;
  beforeAll(() => (otel = registerInMemoryTracing()));
  afterAll(() => otel.disable());
  afterEach(() => otel.exporter.reset());

  function setup(settings: ProducerSettings = {}) {
    const driver = new FakeDriverProducer();
    const monitor = new KarafkaMonitor(new OtelTracing(api, 'test'));
    return { driver, producer: new KafkaProducer(testDefinition({ settings }), driver, monitor) };
  }

  /** Runs `work` inside a fresh span named `name`, as an app's request handler would. */
  function within<T>(name: string, work: () => T): { span: api.Span; result: T } {
    const span = api.trace.getTracer('app').startSpan(name);
    const result = api.context.with(api.trace.setSpan(api.context.active(), span), work);
    span.end();
    return { span, result };
  }

  const parentOf = (topic: string) =>
    otel.spans(`send ${topic}`).map((span) => span.parentSpanContext?.spanId);

  it('gives each batched produceAsync the context active when it was called, not when the batch went out', async () => {
    const { driver, producer } = setup({ lingerMs: 20 });
    const first = within('request 1', () => producer.produceAsync({ topic: 'orders', payload: 1 }));
    const second = within('request 2', () => producer.produceAsync({ topic: 'orders', payload: 2 }));
    await Promise.all([first.result, second.result]);

    expect(driver.batches).toHaveLength(1);
    expect(parentOf('orders')).toEqual([first.span.spanContext().spanId, second.span.spanContext().spanId]);
    const sent = driver.batches[0].topicMessages[0].messages.map((record) => record.headers?.traceparent);
    expect(sent).toEqual(
      otel
        .spans('send orders')
        .map((span) => `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`),
    );
  });

  it('ends the spans of produceMany, of a transaction, and of a refused call', async () => {
    const { producer } = setup({ transactionalId: 'tx-1', idempotent: true });
    await producer.produceManySync([
      { topic: 'many', payload: 1 },
      { topic: 'many', payload: 2 },
    ]);
    await producer.transaction(async (tx) => {
      await tx.produceSync({ topic: 'tx', payload: 1 });
    });
    await expect(
      producer.produceManyAsync([
        { topic: 'refused', payload: 1 },
        { topic: '', payload: 2 },
      ]),
    ).rejects.toThrow();

    expect(otel.spans('send many').map((span) => span.attributes['messaging.kafka.offset'])).toEqual([0, 1]);
    expect(otel.spans('send tx')).toHaveLength(1);
    expect(otel.spans('send refused').map((span) => span.status.code)).toEqual([api.SpanStatusCode.ERROR]);
  });

  it('marks the spans of a failed request as errors with the kind of driver error', async () => {
    const { driver, producer } = setup();
    driver.sendError = new DriverError('Broker: Unknown topic or partition', {
      kind: 'unknown-topic',
      retriable: false,
    });
    await expect(producer.produceSync({ topic: 'lost', payload: 1 })).rejects.toThrow();

    const [span] = otel.spans('send lost');
    expect(span.status.code).toBe(api.SpanStatusCode.ERROR);
    expect(span.attributes['error.type']).toBe('unknown-topic');
  });

  it('leaves the user headers object as it was', async () => {
    const { driver, producer } = setup();
    const headers = { tenant: 'acme' };
    await producer.produceSync({ topic: 'orders', payload: 1, headers });
    expect(headers).toEqual({ tenant: 'acme' });
    expect(Object.keys(driver.batches[0].topicMessages[0].messages[0].headers ?? {})).toEqual([
      'tenant',
      'traceparent',
    ]);
  });
});
