import { Module, type DynamicModule } from '@nestjs/common';
import { ConsumerManager } from '../consumer/consumer-manager';
import { KarafkaMonitor } from '../instrumentation/karafka-monitor';
import type { KarafkaMetricsModuleOptions } from './karafka-metrics-module-options.interface';
import { KarafkaMetrics } from './karafka-metrics';

/**
 * `KarafkaMetricsModule.forRoot({ registry? })` next to `KarafkaModule.forRoot(...)`: registers the library's
 * metrics when the app is built, before any consumer or producer starts, and exports `KarafkaMetrics` to
 * register them on more registries.
 */
@Module({})
export class KarafkaMetricsModule {
  static forRoot(options: KarafkaMetricsModuleOptions = {}): DynamicModule {
    return {
      module: KarafkaMetricsModule,
      providers: [
        {
          provide: KarafkaMetrics,
          useFactory: (monitor: KarafkaMonitor, consumers: ConsumerManager) => {
            const metrics = new KarafkaMetrics(monitor, consumers);
            metrics.register(options.registry);
            return metrics;
          },
          inject: [KarafkaMonitor, ConsumerManager],
        },
      ],
      exports: [KarafkaMetrics],
    };
  }
}
