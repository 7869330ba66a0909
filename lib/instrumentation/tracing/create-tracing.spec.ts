import * as api from '@opentelemetry/api';
import { KarafkaConfigurationError } from '../../config/karafka-configuration.error';
import { createTracing } from './create-tracing';
import { loadOpenTelemetry } from './load-opentelemetry';
import { OtelTracing } from './otel-tracing';

describe('createTracing', () => {
  it('loads nothing when tracing is off', () => {
    const load = jest.fn(() => api);
    expect(createTracing(undefined, load)).toBeUndefined();
    expect(createTracing(false, load)).toBeUndefined();
    expect(load).not.toHaveBeenCalled();
  });

  it('creates the OpenTelemetry tracing for true and for settings', () => {
    const load = jest.fn(() => api);
    expect(createTracing(true, load)).toBeInstanceOf(OtelTracing);
    expect(createTracing({ tracerName: 'orders' }, load)).toBeInstanceOf(OtelTracing);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('refuses settings it does not understand, naming the option', () => {
    for (const option of [{ tracerName: '' }, { tracerName: 42 }, 'yes']) {
      expect(() => createTracing(option as never, () => api)).toThrow(KarafkaConfigurationError);
    }
    expect(() => createTracing({ tracerName: '' }, () => api)).toThrow(/forRoot\.tracing: must be true/);
  });
});

describe('loadOpenTelemetry', () => {
  it('says what to install when @opentelemetry/api is missing', () => {
    const missing = () => {
      throw Object.assign(new Error("Cannot find module '@opentelemetry/api'"), { code: 'MODULE_NOT_FOUND' });
    };
    expect(() => loadOpenTelemetry(missing)).toThrow(KarafkaConfigurationError);
    expect(() => loadOpenTelemetry(missing)).toThrow(
      'forRoot.tracing: tracing is on but @opentelemetry/api is not installed: npm install @opentelemetry/api',
    );
  });

  it('lets any other failure of the package through as it is', () => {
    const broken = new Error("Cannot find module './platform'");
    expect(() =>
      loadOpenTelemetry(() => {
        throw Object.assign(broken, { code: 'MODULE_NOT_FOUND' });
      }),
    ).toThrow(broken);
  });

  it('returns the installed API', () => {
    expect(loadOpenTelemetry().trace).toBe(api.trace);
  });
});
