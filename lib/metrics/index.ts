// The public face of nestjs-karafka/metrics: Prometheus metrics through the optional peer prom-client.
export { KarafkaMetrics } from './karafka-metrics';
export { KarafkaMetricsModule } from './karafka-metrics.module';
export type { KarafkaMetricsModuleOptions } from './karafka-metrics-module-options.interface';
export { COUNTERS, GAUGES, HISTOGRAMS } from './metric-definitions';
