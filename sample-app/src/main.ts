import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { DemoRunner } from './demo-runner';
import { MonitoringServer } from './monitoring/monitoring-server';

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule, {
    logger: process.env.DEMO_VERBOSE ? undefined : ['log', 'error', 'warn'],
  });
  try {
    // MONITORING_PORT: 0 = any free one (the demo uses that).
    await app.get(MonitoringServer).listen(Number(process.env.MONITORING_PORT ?? 3000));
    await app.get(DemoRunner).run();
    console.log('\nDemo finished: every message was consumed from the cluster it was produced to.');
  } finally {
    await app.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
