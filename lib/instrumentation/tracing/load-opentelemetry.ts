import type * as OpenTelemetry from '@opentelemetry/api';
import { KarafkaConfigurationError } from '../../config/karafka-configuration.error';

export type OpenTelemetryApi = typeof OpenTelemetry;

const PACKAGE = '@opentelemetry/api';

/**
 * Requires `@opentelemetry/api`, an optional peer dependency: only when tracing is on, so an app without
 * tracing never loads it. Missing, it fails the start with what to install.
 */
export function loadOpenTelemetry(load: (id: string) => unknown = require): OpenTelemetryApi {
  try {
    return load(PACKAGE) as OpenTelemetryApi;
  } catch (error) {
    const notInstalled =
      (error as NodeJS.ErrnoException)?.code === 'MODULE_NOT_FOUND' &&
      String((error as Error).message).includes(PACKAGE);
    if (!notInstalled) throw error;
    throw new KarafkaConfigurationError([
      {
        where: 'forRoot.tracing',
        message: `tracing is on but ${PACKAGE} is not installed: npm install ${PACKAGE}`,
      },
    ]);
  }
}
