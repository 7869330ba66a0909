import type { Registry } from 'prom-client';

export interface KarafkaMetricsModuleOptions {
  /** Where the metrics are registered at bootstrap; prom-client's global `register` when omitted. */
  registry?: Registry;
}
