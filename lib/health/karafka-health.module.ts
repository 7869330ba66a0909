import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { KARAFKA_HEALTH_OPTIONS } from './health.constants';
import type { KarafkaHealthOptions } from './health-options.interface';
import { KarafkaHealthIndicator } from './karafka-health.indicator';
import { readHealthOptions } from './read-health-options';

/**
 * Provides `KarafkaHealthIndicator` (and re-exports `TerminusModule` for `HealthCheckService`). Needs
 * `KarafkaModule`, global by default, whose registries the indicator reads.
 */
@Module({})
export class KarafkaHealthModule {
  /** With the defaults (Karafka's 5 min TTLs, a 3 s broker probe). */
  static register(): DynamicModule {
    return KarafkaHealthModule.forRoot();
  }

  /** With TTLs and thresholds of your own; every bad option is a `KarafkaConfigurationError` naming it. */
  static forRoot(options?: KarafkaHealthOptions): DynamicModule {
    return {
      module: KarafkaHealthModule,
      imports: [TerminusModule],
      providers: [
        { provide: KARAFKA_HEALTH_OPTIONS, useValue: readHealthOptions(options) },
        KarafkaHealthIndicator,
      ],
      exports: [KarafkaHealthIndicator, TerminusModule],
    };
  }
}
