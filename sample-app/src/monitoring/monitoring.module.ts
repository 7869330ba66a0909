import { Module } from '@nestjs/common';
import { KarafkaHealthModule } from 'nestjs-karafka/health';
import { KarafkaMetricsModule } from 'nestjs-karafka/metrics';
import { Registry } from 'prom-client';
import { MonitoringServer } from './monitoring-server';

/** The app's own Prometheus registry, so the demo's figures are only the library's. */
const registry = new Registry();

/** Health (terminus) and Prometheus metrics for every cluster, group and producer, with no per-producer wiring. */
@Module({
  imports: [KarafkaHealthModule.register(), KarafkaMetricsModule.forRoot({ registry })],
  providers: [MonitoringServer, { provide: Registry, useValue: registry }],
  exports: [MonitoringServer],
})
export class MonitoringModule {}
