import { isNonEmptyString } from '../../common/is-non-empty-string';
import { isPlainObject } from '../../common/is-plain-object';
import { KarafkaConfigurationError } from '../../config/karafka-configuration.error';
import type { KarafkaTracing } from '../karafka-tracing.interface';
import { loadOpenTelemetry, type OpenTelemetryApi } from './load-opentelemetry';
import { OtelTracing } from './otel-tracing';
import type { TracingOptions } from './tracing-options.interface';

export const DEFAULT_TRACER_NAME = 'nestjs-karafka';

/** The tracing `forRoot({ tracing })` asks for, or none (and nothing loaded) when it is off. */
export function createTracing(
  option: TracingOptions['tracing'],
  load: () => OpenTelemetryApi = loadOpenTelemetry,
): KarafkaTracing | undefined {
  if (option === undefined || option === false) return undefined;
  if (option === true) return new OtelTracing(load(), DEFAULT_TRACER_NAME);
  if (!isPlainObject(option) || (option.tracerName !== undefined && !isNonEmptyString(option.tracerName))) {
    throw new KarafkaConfigurationError([
      {
        where: 'forRoot.tracing',
        message: `must be true, false or { tracerName?: a non-empty string }, got ${JSON.stringify(option)}`,
      },
    ]);
  }
  return new OtelTracing(load(), option.tracerName ?? DEFAULT_TRACER_NAME);
}
