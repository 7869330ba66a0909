import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KarafkaHealthIndicator } from 'nestjs-karafka/health';
import { Registry } from 'prom-client';

/**
 * What a Kubernetes probe and a Prometheus scrape would call, on plain node:http (the sample app has no HTTP
 * platform): `/health/ready` (readiness: brokers, groups, producers), `/health/live` (liveness only) and
 * `/metrics`. It serves once main.ts calls `listen` (tests of the app open no port).
 */
@Injectable()
export class MonitoringServer implements OnApplicationShutdown {
  private readonly logger = new Logger('Monitoring');
  private server: Server | undefined;

  constructor(
    private readonly health: HealthCheckService,
    private readonly kafka: KarafkaHealthIndicator,
    private readonly registry: Registry,
  ) {}

  /** `http://127.0.0.1:<port>` once listening. */
  url = '';

  /** Serves on `port` of 127.0.0.1 (0 = any free one). */
  async listen(port: number): Promise<void> {
    const server = createServer((request, response) => void this.route(request, response));
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    this.logger.log(`Serving ${this.url}/health/ready, ${this.url}/health/live and ${this.url}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve) ?? resolve(undefined));
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      if (request.url === '/metrics') {
        response.writeHead(200, { 'content-type': this.registry.contentType });
        response.end(await this.registry.metrics());
      } else if (request.url === '/health/ready' || request.url === '/health/live') {
        const ready = request.url === '/health/ready';
        const result = await this.check(() =>
          ready ? this.kafka.isHealthy('kafka') : this.kafka.isAlive('kafka'),
        );
        response.writeHead(result.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' });
        response.end(JSON.stringify(result));
      } else {
        response.writeHead(404).end();
      }
    } catch (error) {
      response.writeHead(500).end(String(error));
    }
  }

  /** terminus throws when a check is down; the body it carries is what a probe gets with the 503. */
  private async check(
    indicator: Parameters<HealthCheckService['check']>[0][number],
  ): Promise<HealthCheckResult> {
    try {
      return await this.health.check([indicator]);
    } catch (error) {
      const body = (error as { getResponse?: () => unknown }).getResponse?.();
      if (body) return body as HealthCheckResult;
      throw error;
    }
  }
}
