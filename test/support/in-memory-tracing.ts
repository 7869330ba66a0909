import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';

/** OpenTelemetry registered globally, as an app's SDK would, with every ended span kept in memory. */
export interface InMemoryTracing {
  exporter: InMemorySpanExporter;
  /** Ended spans named `name`, oldest first. */
  spans(name?: string): ReadableSpan[];
  /** Undoes the global registration, so other specs see no tracer. */
  disable(): void;
}

export function registerInMemoryTracing(): InMemoryTracing {
  const exporter = new InMemorySpanExporter();
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
  );
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  return {
    exporter,
    spans: (name) => exporter.getFinishedSpans().filter((span) => name === undefined || span.name === name),
    disable: () => {
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
