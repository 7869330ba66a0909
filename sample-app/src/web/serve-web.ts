import { NestFactory } from '@nestjs/core';
import { DemoRunner } from '../demo-runner';
import { MonitoringServer } from '../monitoring/monitoring-server';
import { WebAppModule } from './web-app.module';
import { WEB_CREDENTIALS } from './web-credentials';

/** Pause between two rounds of the use cases, so the dashboard shows traffic on both clusters. */
const ROUND_PAUSE_MS = 3_000;

/**
 * Runs the use cases once with their printout, then keeps the app (and its Web UI) up, replaying them
 * quietly so both clusters keep traffic, until Ctrl-C.
 */
export async function serveWeb(): Promise<void> {
  const app = await NestFactory.create(WebAppModule, {
    logger: process.env.DEMO_VERBOSE ? undefined : ['log', 'error', 'warn'],
  });
  app.enableShutdownHooks();
  const port = Number(process.env.WEB_PORT ?? 3000);
  await app.listen(port, '127.0.0.1');
  // The probes and /metrics the runner prints, on their own port as in main.ts (MONITORING_PORT: 0 = any free one).
  await app.get(MonitoringServer).listen(Number(process.env.MONITORING_PORT ?? 0));
  const runner = app.get(DemoRunner);
  await runner.run();
  console.log(
    `\n▶ Web UI: http://127.0.0.1:${port}/karafka  (user '${WEB_CREDENTIALS.username}', password '${WEB_CREDENTIALS.password}')` +
      '\n  Replaying the use cases every few seconds; Ctrl-C stops the app.',
  );
  let stopping = false;
  process.once('SIGINT', () => (stopping = true));
  process.once('SIGTERM', () => (stopping = true));
  while (!stopping) {
    await runner.run(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, ROUND_PAUSE_MS));
  }
  await app.close();
}
