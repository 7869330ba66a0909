/**
 * nestjs-karafka/web mounted in a real Nest HTTP app, on Express and on Fastify, with real clusters: auth
 * (basic in constant time, a user's guard, refused without or with wrong credentials, a start without `auth`
 * refused), the security headers on every answer, every page served with this app's routing and the
 * clusters' real topics, the assets from the UI's own path.
 */
import 'reflect-metadata';
import {
  Injectable,
  Logger,
  Module,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
  type INestApplication,
} from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { KafkaTopic, KarafkaConfigurationError, KarafkaModule } from 'nestjs-karafka';
import { KarafkaWebModule, type KarafkaWebModuleOptions } from 'nestjs-karafka/web';
import { CONTENT_SECURITY_POLICY } from '../../lib/web/http/security-headers';
import { webTestReporting } from '../fixtures/web-test-reporting';
import { createTopic, primaryBrokers, secondaryBrokers, uniqueName } from '../support/kafka-env';
import { textOf } from '../support/web-text';

const PRIMARY = primaryBrokers().join(',');
const SECONDARY = secondaryBrokers().join(',');
const PLATFORMS = { express: () => new ExpressAdapter(), fastify: () => new FastifyAdapter() };
type Platform = keyof typeof PLATFORMS;

const topic = uniqueName('web-http.orders');
const audit = uniqueName('web-http.audit');

@KafkaTopic(topic, { deadLetterQueue: { topic: `${topic}.dlq`, maxRetries: 1 } })
@KafkaTopic(audit, { cluster: 'secondary' })
class OrdersConsumer {
  async consume(): Promise<void> {}
}

/** Reporting topics and processing group of this spec's own, shared by its apps (created by the first). */
const REPORTING = webTestReporting(uniqueName('web-http.reporting'), uniqueName('web-http-processing'));

@Injectable()
class OpsTokens {
  readonly valid = 'let-me-in';
}

@Module({ providers: [OpsTokens], exports: [OpsTokens] })
class TokensModule {}

/** A user's guard with a dependency of its own: the UI resolves it as Nest would for a controller. */
@Injectable()
class TokenGuard implements CanActivate {
  constructor(private readonly tokens: OpsTokens) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>();
    if (request.headers['x-ops-token'] !== this.tokens.valid) throw new UnauthorizedException('no ops token');
    return true;
  }
}

async function startApp(platform: Platform, web: KarafkaWebModuleOptions): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      KarafkaModule.forRoot({
        kafka: { 'bootstrap.servers': PRIMARY, 'client.id': 'web-http-e2e' },
        clusters: { secondary: { 'bootstrap.servers': SECONDARY, 'client.id': 'web-http-e2e' } },
        consumerGroup: uniqueName('web-http'),
        logRoutingTable: false,
        autoStartConsumers: false,
      }),
      KarafkaWebModule.forRoot({ ...REPORTING, ...web }),
    ],
    providers: [OrdersConsumer, OpsTokens, TokenGuard],
  }).compile();
  const app = moduleRef.createNestApplication(PLATFORMS[platform](), { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  return app;
}

/** What a reader sees of the markup: tags removed, whitespace collapsed. */

const basic = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});

beforeAll(async () => {
  await createTopic(primaryBrokers(), topic, 3);
  await createTopic(secondaryBrokers(), audit, 1);
});

describe.each(Object.keys(PLATFORMS) as Platform[])('Web UI over HTTP on %s (e2e)', (platform) => {
  let app: INestApplication;
  let base: string;
  const get = (path: string, headers: Record<string, string> = basic('ops', 's3cret')) =>
    fetch(`${base}${path}`, { headers, redirect: 'manual' });

  beforeAll(async () => {
    app = await startApp(platform, { path: '/karafka', auth: { username: 'ops', password: 's3cret' } });
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(() => app?.close());

  it('refuses a request without credentials or with wrong ones, asking for basic auth', async () => {
    for (const headers of [
      {},
      basic('ops', 'wrong'),
      basic('root', 's3cret'),
      { authorization: 'Bearer x' },
    ]) {
      const response = await get('/karafka', headers);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Basic realm="Karafka Web", charset="UTF-8"');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      const body = await response.text();
      expect(body).toContain('Sign in to see the Karafka Web UI.');
      expect(body).not.toContain('Reporting on');
    }
  });

  it('serves every page to the right user, each naming the reporting cluster, with strict security headers', async () => {
    for (const path of [
      '',
      '/processes',
      '/routing',
      '/producers',
      '/jobs',
      '/errors',
      '/clusters',
      '/explorer',
      '/dead-letters',
      '/offsets',
      '/status',
    ]) {
      const response = await get(`/karafka${path}`);
      const body = await response.text();
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(textOf(body)).toContain(`Reporting on primary · ${PRIMARY} via producer default`);
      // No inline script anywhere: every <script> has a src under the UI's own path.
      for (const [tag] of body.matchAll(/<script[^>]*>/g))
        expect(tag).toMatch(/src="\/karafka\/assets\/[^"]+"/);
    }
  });

  it("Routing: this app's clusters, groups, topics, consumer class, DLQ and producers", async () => {
    const body = await (await get('/karafka/routing')).text();
    expect(body).toContain(topic);
    expect(body).toContain(audit);
    expect(body).toContain('OrdersConsumer');
    expect(body).toContain(`${topic}.dlq`);
    expect(body).toMatch(/<td class="mono">default<\/td>\s*<td><strong>primary<\/strong><\/td>/);
  });

  it("Clusters: each cluster's brokers, controller and real topics with their partitions", async () => {
    const body = await (await get('/karafka/clusters')).text();
    expect(body).toContain(PRIMARY);
    expect(body).toContain(SECONDARY);
    expect(body).toMatch(new RegExp(`data-topic="${topic}"[^]*?<td class="num">3</td>`));
    expect(body).toMatch(new RegExp(`data-topic="${audit}"[^]*?<td class="num">1</td>`));
    expect(body).toContain('controller');
    expect(body).not.toContain('unreachable');
  });

  it("runs a POST action only with the page's CSRF token, from the UI's own origin", async () => {
    const action = `${base}/karafka/status/install-topics`;
    const post = (headers: Record<string, string>, form: Record<string, string>) =>
      fetch(action, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          ...basic('ops', 's3cret'),
          'content-type': 'application/x-www-form-urlencoded',
          ...headers,
        },
        body: new URLSearchParams(form).toString(),
      });
    const page = await get('/karafka/status');
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0];
    const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    expect(cookie).toBe(`karafka_web_csrf=${token}`);

    for (const [headers, form] of [
      [{}, {}],
      [{}, { _csrf: token }],
      [{ cookie }, {}],
      [{ cookie }, { _csrf: `${token}x` }],
      [{ cookie, origin: 'http://evil.test' }, { _csrf: token }],
    ] as Array<[Record<string, string>, Record<string, string>]>) {
      const refused = await post(headers, form);
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('its CSRF token is missing or wrong');
    }
    // The reporting topics exist already (autoMigrate): the action creates none and says so.
    const done = await post({ cookie, origin: new URL(base).origin }, { _csrf: token });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/karafka/status?installed=0');
    expect(textOf(await (await get('/karafka/status?installed=0')).text())).toContain(
      'Every reporting topic already existed.',
    );
  });

  it('serves the scripts and styles from the UI path, and says which query parameter is wrong', async () => {
    const script = await get('/karafka/assets/uPlot.iife.min.js', {});
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain('uPlot');
    const css = await get('/karafka/assets/karafka-web.css', {});
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');

    const bad = await get('/karafka/errors?page=abc');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain(
      'The query parameter &#39;page&#39; must be a page number from 1, got &#39;abc&#39;.',
    );
  });
});

describe('Web UI auth options (e2e)', () => {
  it('fails the start without auth, saying how to configure it', async () => {
    const error = await startApp('express', {} as KarafkaWebModuleOptions).then(
      (app) => app.close().then(() => undefined),
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(KarafkaConfigurationError);
    expect((error as Error).message).toContain("KarafkaWebModule.forRoot.auth: 'auth' is required");
  });

  it.each(Object.keys(PLATFORMS) as Platform[])(
    'runs a user guard with its own dependencies on %s',
    async (platform) => {
      const app = await startApp(platform, { auth: { guard: TokenGuard } });
      try {
        const url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/karafka/status`;
        const refused = await fetch(url);
        expect(refused.status).toBe(401);
        expect(await refused.text()).toContain('no ops token');
        const allowed = await fetch(url, { headers: { 'x-ops-token': 'let-me-in' } });
        expect(allowed.status).toBe(200);
        expect(await allowed.text()).toContain('Is the Web UI itself working?');
      } finally {
        await app.close();
      }
    },
  );

  it('takes its options from DI with forRootAsync', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        KarafkaModule.forRoot({
          kafka: { 'bootstrap.servers': PRIMARY, 'client.id': 'web-http-e2e' },
          consumerGroup: uniqueName('web-http-async'),
          logRoutingTable: false,
          autoStartConsumers: false,
        }),
        KarafkaWebModule.forRootAsync({
          imports: [TokensModule],
          inject: [OpsTokens],
          useFactory: (tokens: OpsTokens) => ({
            path: '/async',
            auth: { username: 'ops', password: tokens.valid },
          }),
        }),
      ],
    }).compile();
    const app = moduleRef.createNestApplication(new ExpressAdapter(), { logger: ['error'] });
    await app.listen(0, '127.0.0.1');
    try {
      const url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/async/status`;
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: basic('ops', 'let-me-in') })).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('serves the pages to anyone with auth: false, and warns about it at start', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const app = await startApp('express', { path: '/ops/kafka', auth: false });
    try {
      expect(warn).toHaveBeenCalledWith(
        expect.stringContaining('auth: false: the pages at /ops/kafka are served to anyone'),
      );
      const response = await fetch(
        `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/ops/kafka/processes`,
      );
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('href="/ops/kafka/errors"');
    } finally {
      warn.mockRestore();
      await app.close();
    }
  });
});
