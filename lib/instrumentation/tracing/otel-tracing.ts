import type {
  Attributes,
  Context,
  Link,
  Span,
  TextMapGetter,
  TextMapSetter,
  Tracer,
} from '@opentelemetry/api';
import type { DriverFetchedMessage, DriverRecord, Headers } from '../../driver/kafka-driver.port';
import type { ConsumerTracer, KarafkaTracing, ProducerTracer, SendSpan } from '../karafka-tracing.interface';
import { errorType } from './error-type';
import type { OpenTelemetryApi } from './load-opentelemetry';
import { serverAddress } from './server-address';
import { TRACING_ATTRIBUTES as A } from './tracing-attributes';

/** Header values are Buffers when fetched, strings when the user wrote them. */
const headersGetter: TextMapGetter<Headers> = {
  keys: (headers) => Object.keys(headers),
  get: (headers, key) => {
    const value = headers[key];
    return value === undefined ? undefined : value.toString();
  },
};

const headersSetter: TextMapSetter<Headers> = {
  set: (headers, key, value) => {
    headers[key] = value;
  },
};

/**
 * Tracing with OpenTelemetry, following its messaging conventions for Kafka: a PRODUCER span `send {topic}`
 * per message, whose context travels in the message's headers (global propagator), and a CONSUMER span
 * `process {topic}` per `consume` call, linked to the context of each message it got.
 */
export class OtelTracing implements KarafkaTracing {
  private readonly tracer: Tracer;

  constructor(
    private readonly api: OpenTelemetryApi,
    tracerName: string,
  ) {
    // A tracer of the global provider's proxy: a provider registered after the module started is still used.
    this.tracer = api.trace.getTracer(tracerName);
  }

  producer(identity: { producer: string; cluster: string; brokers: readonly string[] }): ProducerTracer {
    const { api, tracer } = this;
    const shared: Attributes = {
      [A.system]: 'kafka',
      [A.operationName]: 'send',
      [A.operationType]: 'send',
      ...serverAttributes(identity.brokers),
      [A.cluster]: identity.cluster,
      [A.producer]: identity.producer,
    };
    return {
      start(topic: string, record: DriverRecord): SendSpan {
        const attributes: Attributes = { ...shared, [A.destination]: topic };
        if (record.partition !== undefined) attributes[A.partition] = String(record.partition);
        const span = tracer.startSpan(`send ${topic}`, { kind: api.SpanKind.PRODUCER, attributes });
        // A copy: the user's headers object may be reused for other messages.
        const headers: Headers = { ...record.headers };
        api.propagation.inject(api.trace.setSpan(api.context.active(), span), headers, headersSetter);
        record.headers = headers;
        return new OtelSendSpan(api, span);
      },
    };
  }

  consumer(identity: {
    cluster: string;
    brokers: readonly string[];
    groupId: string;
    subscriptionGroup: string;
  }): ConsumerTracer {
    const { api, tracer } = this;
    const shared: Attributes = {
      [A.system]: 'kafka',
      [A.operationName]: 'process',
      [A.operationType]: 'process',
      [A.consumerGroup]: identity.groupId,
      ...serverAttributes(identity.brokers),
      [A.cluster]: identity.cluster,
      [A.subscriptionGroup]: identity.subscriptionGroup,
    };
    return {
      async process<T>(
        topic: string,
        partition: number,
        messages: ReadonlyArray<DriverFetchedMessage>,
        handle: () => Promise<T>,
      ): Promise<T> {
        const attributes: Attributes = {
          ...shared,
          [A.destination]: topic,
          [A.partition]: String(partition),
        };
        // The conventions: the batch size on batch operations, the offset on single-message ones.
        if (messages.length === 1) attributes[A.offset] = Number(messages[0].offset);
        else attributes[A.batchCount] = messages.length;
        const links = producerLinks(api, messages);
        // Not the runner's ambient context: whatever was active when the consumer started is no parent of
        // the messages it fetches. Producers are linked, as the conventions ask for batches.
        const span = tracer.startSpan(
          `process ${topic}`,
          { kind: api.SpanKind.CONSUMER, attributes, links },
          api.ROOT_CONTEXT,
        );
        try {
          return await api.context.with(api.trace.setSpan(api.ROOT_CONTEXT, span), handle);
        } catch (error) {
          recordFailure(api, span, error);
          throw error;
        } finally {
          span.end();
        }
      },
    };
  }
}

class OtelSendSpan implements SendSpan {
  constructor(
    private readonly api: OpenTelemetryApi,
    private readonly span: Span,
  ) {}

  delivered(partition: number, offset: string | undefined): void {
    this.span.setAttribute(A.partition, String(partition));
    if (offset !== undefined) this.span.setAttribute(A.offset, Number(offset));
    this.span.end();
  }

  failed(error: unknown): void {
    recordFailure(this.api, this.span, error);
    this.span.end();
  }
}

function recordFailure(api: OpenTelemetryApi, span: Span, error: unknown): void {
  span.setAttribute(A.errorType, errorType(error));
  if (error instanceof Error) span.recordException(error);
  span.setStatus({
    code: api.SpanStatusCode.ERROR,
    message: error instanceof Error ? error.message : String(error),
  });
}

/** One link per message that carries a valid producer context, with the message's offset. */
function producerLinks(api: OpenTelemetryApi, messages: ReadonlyArray<DriverFetchedMessage>): Link[] {
  const links: Link[] = [];
  for (const message of messages) {
    const extracted: Context = api.propagation.extract(api.ROOT_CONTEXT, message.headers, headersGetter);
    const spanContext = api.trace.getSpanContext(extracted);
    if (spanContext && api.trace.isSpanContextValid(spanContext)) {
      links.push({ context: spanContext, attributes: { [A.offset]: Number(message.offset) } });
    }
  }
  return links;
}

/** The first broker of the cluster's list: the one the conventions' `server.*` attributes describe. */
function serverAttributes(brokers: readonly string[]): Attributes {
  const { address, port } = serverAddress(brokers[0]);
  const attributes: Attributes = {};
  if (address !== undefined) attributes[A.serverAddress] = address;
  if (port !== undefined) attributes[A.serverPort] = port;
  return attributes;
}
