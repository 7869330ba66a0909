/**
 * Drives scripts/kafka from jest's global setup/teardown: finds or starts the test bed's clusters
 * and remembers which ones this run started, so only those are stopped afterwards.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { KAFKA_SCRIPTS_DIR, PROJECT_ROOT, type TestbedClusterName } from './kafka-env';

export const BROKER_ENV: Record<TestbedClusterName, string> = {
  primary: 'KAFKA_PRIMARY_BROKERS',
  secondary: 'KAFKA_SECONDARY_BROKERS',
  secure: 'KAFKA_SECURE_BROKERS',
};

/** Comma-separated names of the clusters this jest run started (read by the global teardown). */
export const STARTED_ENV = 'KAFKA_TESTBED_STARTED_BY_JEST';

interface ScriptResult {
  ok: boolean;
  bootstrap: Partial<Record<TestbedClusterName, string>>;
}

/** Runs scripts/kafka/<script> <clusters...>; its log lines go straight to the terminal (stderr). */
export function runKafkaScript(
  script: string,
  clusters: string[],
  extraEnv: NodeJS.ProcessEnv = {},
): ScriptResult {
  const result = spawnSync('bash', [path.join(KAFKA_SCRIPTS_DIR, script), ...clusters], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (result.error) throw new Error(`could not run scripts/kafka/${script}: ${result.error.message}`);
  if (script === 'up.sh') process.stderr.write(result.stdout ?? '');
  const bootstrap: ScriptResult['bootstrap'] = {};
  for (const match of (result.stdout ?? '').matchAll(/^(primary|secondary|secure) bootstrap: (\S+)$/gm)) {
    bootstrap[match[1] as TestbedClusterName] = match[2];
  }
  return { ok: result.status === 0, bootstrap };
}

export function startedClusters(): TestbedClusterName[] {
  return (process.env[STARTED_ENV] ?? '')
    .split(',')
    .filter((name): name is TestbedClusterName => name in BROKER_ENV);
}

/** Stops the clusters this run started (synchronously, so it also works from a signal handler). */
export function stopStartedClusters(): void {
  const started = startedClusters();
  if (started.length === 0) return;
  runKafkaScript('down.sh', started);
  delete process.env[STARTED_ENV];
}
