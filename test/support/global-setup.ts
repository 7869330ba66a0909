/**
 * e2e global setup: every cluster without KAFKA_PRIMARY_BROKERS / KAFKA_SECONDARY_BROKERS / KAFKA_SECURE_BROKERS is taken
 * from the test bed; if it is not running, it is started fresh here and stopped by global-teardown.ts
 * (or on Ctrl-C / SIGTERM). The brokers' addresses are exported in those variables for the tests.
 */
import type { TestbedClusterName } from './kafka-env';
import { stopOnSignals } from '../../lib/testbed/stop-on-signals';
import { BROKER_ENV, STARTED_ENV, runKafkaScript, stopStartedClusters } from './testbed-control';

export default async function globalSetup(): Promise<void> {
  const needed = (Object.keys(BROKER_ENV) as TestbedClusterName[]).filter(
    (name) => !process.env[BROKER_ENV[name]],
  );
  const toStart: TestbedClusterName[] = [];
  for (const name of needed) {
    const status = runKafkaScript('status.sh', [name]);
    if (status.ok && status.bootstrap[name]) process.env[BROKER_ENV[name]] = status.bootstrap[name];
    else toStart.push(name);
  }
  if (toStart.length === 0) return;

  const started = runKafkaScript('up.sh', toStart, { KAFKA_FRESH: '1' });
  process.env[STARTED_ENV] = toStart.join(',');
  stopOnSignals(stopStartedClusters);
  const missing = toStart.filter((name) => !started.bootstrap[name]);
  if (!started.ok || missing.length > 0) {
    stopStartedClusters();
    throw new Error(
      `could not start the Kafka test bed (${missing.join(', ') || toStart.join(', ')}); see the messages above. ` +
        'Fix the cause, or point the tests at running clusters with KAFKA_PRIMARY_BROKERS, KAFKA_SECONDARY_BROKERS and KAFKA_SECURE_BROKERS.',
    );
  }
  for (const name of toStart) process.env[BROKER_ENV[name]] = started.bootstrap[name];
}
