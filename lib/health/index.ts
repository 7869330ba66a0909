// The public face of nestjs-karafka/health (`@nestjs/terminus` is an optional peer, checked first).
import './assert-terminus-installed';

export { KarafkaHealthModule } from './karafka-health.module';
export { KarafkaHealthIndicator, type KafkaHealthResult } from './karafka-health.indicator';
export type { HealthCheckOptions, KarafkaHealthOptions } from './health-options.interface';
export type {
  ClusterHealth,
  HealthEntry,
  HealthStatus,
  KafkaHealthDetails,
  ProducerHealth,
  SubscriptionGroupHealth,
} from './health-report';
