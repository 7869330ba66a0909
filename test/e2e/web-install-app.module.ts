/**
 * The app module that web-install.e2e-spec.ts hands to `npx nestjs-karafka web install --module`: two clusters
 * and a KarafkaWebModule whose Web producer is `secondary`, so its reporting cluster is secondary. The reporting
 * topics' names carry WEB_INSTALL_E2E_PREFIX (unique per test run).
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { KarafkaModule } from '../../lib/karafka.module';
import { KarafkaWebModule } from '../../lib/web';
import { primaryBrokers, secondaryBrokers } from '../support/kafka-env';

const prefix = process.env.WEB_INSTALL_E2E_PREFIX ?? 'web-install-local';

export const WEB_INSTALL_E2E = {
  topics: {
    reports: `${prefix}.reports`,
    states: `${prefix}.states`,
    metrics: `${prefix}.metrics`,
    errors: `${prefix}.errors`,
  },
  group: `${prefix}-processing`,
};

@Module({
  imports: [
    KarafkaModule.forRoot({
      kafka: { 'bootstrap.servers': primaryBrokers().join(','), 'client.id': 'web-install-e2e' },
      clusters: { secondary: { 'bootstrap.servers': secondaryBrokers().join(',') } },
      producers: { secondary: { cluster: 'secondary' } },
      consumerGroup: `${prefix}-app`,
      logRoutingTable: false,
    }),
    KarafkaWebModule.forRoot({
      auth: { username: 'ops', password: 'install-s3cret' },
      producer: 'secondary',
      processing: true,
      topics: WEB_INSTALL_E2E.topics,
      consumerGroup: WEB_INSTALL_E2E.group,
    }),
  ],
})
export class WebInstallAppModule {}
