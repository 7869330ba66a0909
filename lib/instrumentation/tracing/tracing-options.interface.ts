/** `forRoot({ tracing: { ... } })`. */
export interface TracingSettings {
  /** Name of the OpenTelemetry tracer the spans are created with. Default `nestjs-karafka`. */
  tracerName?: string;
}

/** The tracing part of `forRoot`. */
export interface TracingOptions {
  /**
   * OpenTelemetry spans for every send and every `consume`, and trace context in the message headers (with the
   * global propagator). Off by default; needs `@opentelemetry/api`, which is only loaded when this is on.
   */
  tracing?: boolean | TracingSettings;
}
