import 'reflect-metadata';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Injectable, type INestApplicationContext, type Provider } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { SpanKind, SpanStatusCode, context, trace, type Span } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  InjectProducer,
  KafkaJob,
  KafkaJobs,
  KafkaProducer,
  KafkaTopic,
  KarafkaModule,
  type KafkaMessage,
  type KarafkaModuleOptions,
} from '../../lib';
import { registerInMemoryTracing, type InMemoryTracing } from '../support/in-memory-tracing';
import { createTopic, primaryBrokers, secondaryBrokers, uniqueName, waitFor } from '../support/kafka-env';

/**
 * Tracing on the two real clusters, with the OpenTelemetry SDK registered globally and spans kept in memory:
 * a chain across clusters (produce on primary, consume, re-produce to secondary from the handler, consume
 * there), each retry its own process span, jobs traced from `enqueue` to `perform`, and nothing at all when
 * the option is off.
 */

const BOOTSTRAP_FIXTURE = path.join(__dirname, '..', 'fixtures', 'tracing-bootstrap.ts');

/** Boots the module in a fresh process (see the fixture) and returns what it printed. */
async function bootInFreshProcess(env: Record<string, string>): Promise<Record<string, unknown>> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', BOOTSTRAP_FIXTURE],
    { env: { ...process.env, ...env } },
  );
  return JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

const primary = () => primaryBrokers();
const secondary = () => secondaryBrokers();

function moduleOptions(groupId: string, extra: Partial<KarafkaModuleOptions> = {}): KarafkaModuleOptions {
  return {
    kafka: { 'bootstrap.servers': primary().join(','), 'client.id': 'tracing-e2e' },
    clusters: { secondary: { 'bootstrap.servers': secondary().join(','), 'client.id': 'tracing-e2e' } },
    producers: { secondary: { cluster: 'secondary' } },
    consumerGroup: groupId,
    consumer: { maxWaitTime: 200, retry: { backoffMs: 50, maxBackoffMs: 100 } },
    statisticsInterval: 0,
    shutdownTimeout: 10_000,
    logRoutingTable: false,
    tracing: true,
    ...extra,
  };
}

/** Runs `work` inside a span of the app (an HTTP request, say), and returns that span. */
async function inRequest(work: () => Promise<unknown>): Promise<Span> {
  const span = trace.getTracer('app').startSpan('request');
  await context.with(trace.setSpan(context.active(), span), work);
  span.end();
  return span;
}

const spanId = (span: Span | ReadableSpan) => span.spanContext().spanId;
const traceId = (span: Span | ReadableSpan) => span.spanContext().traceId;
const linkedSpanIds = (span: ReadableSpan) => span.links.map((link) => link.context.spanId);
const [primaryHost, primaryPort] = primaryBrokers()[0].split(':');
const [secondaryHost, secondaryPort] = secondaryBrokers()[0].split(':');

describe('tracing (e2e)', () => {
  let otel: InMemoryTracing;
  const apps: INestApplicationContext[] = [];

  beforeAll(() => (otel = registerInMemoryTracing()));
  afterAll(() => otel.disable());
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
    otel.exporter.reset();
  });

  async function start(
    options: KarafkaModuleOptions,
    providers: Provider[],
  ): Promise<INestApplicationContext> {
    const moduleRef = await Test.createTestingModule({
      imports: [KarafkaModule.forRoot(options)],
      providers,
    }).compile();
    moduleRef.useLogger(['error']);
    await moduleRef.init();
    apps.push(moduleRef);
    return moduleRef;
  }

  it('follows a message from primary to secondary: send, process, send from the handler, process', async () => {
    const group = uniqueName('tracing-chain');
    const orders = uniqueName('tracing.orders');
    const invoices = uniqueName('tracing.invoices');
    await Promise.all([createTopic(primary(), orders, 1), createTopic(secondary(), invoices, 1)]);
    const invoiced: string[] = [];

    @Injectable()
    @KafkaTopic(orders)
    class Orders {
      constructor(@InjectProducer('secondary') private readonly invoicesProducer: KafkaProducer) {}
      async consume(messages: KafkaMessage[]) {
        for (const message of messages)
          await this.invoicesProducer.produceSync({ topic: invoices, payload: message.payload });
      }
    }

    @Injectable()
    @KafkaTopic(invoices, { cluster: 'secondary' })
    class Invoices {
      async consume(messages: KafkaMessage[]) {
        invoiced.push(...messages.map((message) => String((message.payload as { id: string }).id)));
      }
    }

    const app = await start(moduleOptions(group), [Orders, Invoices]);
    const request = await inRequest(() =>
      app.get(KafkaProducer).produceSync({ topic: orders, payload: { id: 'o-1' } }),
    );
    await waitFor(() => invoiced.length === 1 && otel.spans(`process ${invoices}`).length === 1, {
      description: 'the invoice to be consumed on secondary',
    });

    const [sendOrder] = otel.spans(`send ${orders}`);
    const [processOrder] = otel.spans(`process ${orders}`);
    const [sendInvoice] = otel.spans(`send ${invoices}`);
    const [processInvoice] = otel.spans(`process ${invoices}`);

    // The send is a child of the request; each process span links to the send of its message; the
    // handler's send is a child of the process span it ran in.
    expect(sendOrder.parentSpanContext?.spanId).toBe(spanId(request));
    expect(traceId(sendOrder)).toBe(traceId(request));
    expect(linkedSpanIds(processOrder)).toEqual([spanId(sendOrder)]);
    expect(sendInvoice.parentSpanContext?.spanId).toBe(spanId(processOrder));
    expect(traceId(sendInvoice)).toBe(traceId(processOrder));
    expect(linkedSpanIds(processInvoice)).toEqual([spanId(sendInvoice)]);

    expect([sendOrder.kind, processOrder.kind, sendInvoice.kind, processInvoice.kind]).toEqual([
      SpanKind.PRODUCER,
      SpanKind.CONSUMER,
      SpanKind.PRODUCER,
      SpanKind.CONSUMER,
    ]);
    const common = { 'messaging.system': 'kafka', 'messaging.destination.partition.id': '0' };
    expect(sendOrder.attributes).toEqual({
      ...common,
      'messaging.operation.name': 'send',
      'messaging.operation.type': 'send',
      'messaging.destination.name': orders,
      'messaging.kafka.offset': 0,
      'server.address': primaryHost,
      'server.port': Number(primaryPort),
      'karafka.cluster.name': 'primary',
      'karafka.producer.name': 'default',
    });
    expect(processOrder.attributes).toEqual({
      ...common,
      'messaging.operation.name': 'process',
      'messaging.operation.type': 'process',
      'messaging.destination.name': orders,
      'messaging.consumer.group.name': group,
      'messaging.kafka.offset': 0,
      'server.address': primaryHost,
      'server.port': Number(primaryPort),
      'karafka.cluster.name': 'primary',
      'karafka.subscription_group': expect.stringContaining(group),
    });
    expect(sendInvoice.attributes).toMatchObject({
      'messaging.destination.name': invoices,
      'server.address': secondaryHost,
      'server.port': Number(secondaryPort),
      'karafka.cluster.name': 'secondary',
      'karafka.producer.name': 'secondary',
    });
    expect(processInvoice.attributes).toMatchObject({
      'messaging.destination.name': invoices,
      'messaging.consumer.group.name': group,
      'server.address': secondaryHost,
      'server.port': Number(secondaryPort),
      'karafka.cluster.name': 'secondary',
    });
    for (const span of [sendOrder, processOrder, sendInvoice, processInvoice])
      expect(span.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('gives each attempt of a retried batch its own process span, the failed one marked as an error', async () => {
    const group = uniqueName('tracing-retry');
    const topic = uniqueName('tracing.retried');
    await createTopic(primary(), topic, 1);
    let attempts = 0;

    @Injectable()
    @KafkaTopic(topic, { retry: { maxRetries: 3, backoffMs: 50 } })
    class FailsOnce {
      async consume() {
        if (++attempts === 1) throw new TypeError('inventory service unavailable');
      }
    }

    const app = await start(moduleOptions(group), [FailsOnce]);
    await app.get(KafkaProducer).produceSync({ topic, payload: { id: 1 } });
    await waitFor(() => otel.spans(`process ${topic}`).length === 2, { description: 'two attempts' });

    const [send] = otel.spans(`send ${topic}`);
    const [failed, retried] = otel.spans(`process ${topic}`);
    expect(failed.status).toEqual({ code: SpanStatusCode.ERROR, message: 'inventory service unavailable' });
    expect(failed.attributes['error.type']).toBe('TypeError');
    expect(retried.status.code).toBe(SpanStatusCode.UNSET);
    expect(linkedSpanIds(failed)).toEqual([spanId(send)]);
    expect(linkedSpanIds(retried)).toEqual([spanId(send)]);
    expect(spanId(failed)).not.toBe(spanId(retried));
  });

  it('traces a job from enqueue to perform, which runs in the process span', async () => {
    const group = uniqueName('tracing-jobs');
    const topic = uniqueName('tracing.jobs');
    await createTopic(primary(), topic, 1);
    const performedIn: Array<string | undefined> = [];

    @KafkaJob(topic)
    class SendReceipt {
      perform(): void {
        performedIn.push(trace.getActiveSpan()?.spanContext().spanId);
      }
    }

    const app = await start(moduleOptions(group), [SendReceipt]);
    const request = await inRequest(() => app.get(KafkaJobs).enqueue(SendReceipt, { order: 7 }));
    await waitFor(() => otel.spans(`process ${topic}`).length === 1, {
      description: 'the job to be performed',
    });

    const [send] = otel.spans(`send ${topic}`);
    const [processed] = otel.spans(`process ${topic}`);
    expect(send.parentSpanContext?.spanId).toBe(spanId(request));
    expect(linkedSpanIds(processed)).toEqual([spanId(send)]);
    expect(performedIn).toEqual([spanId(processed)]);
  });

  it('creates no span and writes no trace header when the option is off, even with a tracer registered', async () => {
    const group = uniqueName('tracing-off');
    const topic = uniqueName('tracing.off');
    await createTopic(primary(), topic, 1);
    const headers: Array<Record<string, unknown>> = [];

    @Injectable()
    @KafkaTopic(topic)
    class Untraced {
      async consume(messages: KafkaMessage[]) {
        headers.push(...messages.map((message) => message.headers));
      }
    }

    const app = await start(moduleOptions(group, { tracing: false }), [Untraced]);
    await inRequest(() =>
      app.get(KafkaProducer).produceSync({ topic, payload: 1, headers: { tenant: 'acme' } }),
    );
    await waitFor(() => headers.length === 1, { description: 'the message to be consumed' });

    expect(Object.keys(headers[0])).toEqual(['tenant']);
    expect(otel.spans().map((span) => span.name)).toEqual(['request']);
  });

  it('loads no OpenTelemetry code when tracing is off, and fails the start naming the package when it is missing', async () => {
    // One after the other: each compiles the library afresh, and the test machine has few cores.
    const off = await bootInFreshProcess({ TRACING: 'off' });
    const on = await bootInFreshProcess({ TRACING: 'on' });
    const missing = await bootInFreshProcess({ TRACING: 'on', HIDE_OTEL: '1' });
    expect(off).toEqual({ otelModulesLoaded: 0, tracing: false });
    // The same count sees OpenTelemetry when it is loaded: the zero above is not a blind spot.
    expect(on).toEqual({ otelModulesLoaded: expect.any(Number), tracing: true });
    expect(on.otelModulesLoaded).toBeGreaterThan(0);
    expect(missing.error).toContain(
      'forRoot.tracing: tracing is on but @opentelemetry/api is not installed: npm install @opentelemetry/api',
    );
  });
});
