import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost, type AbstractHttpAdapter } from '@nestjs/core';
import { errorMessage } from '../../common/error-message';
import { html, type SafeHtml } from '../html/html';
import { layout } from '../html/layout';
import { heading, notice } from '../html/widgets';
import type { ResolvedWebUiOptions } from '../karafka-web-options.interface';
import type { PageRequest, WebAction, WebPage } from '../pages/web-page.interface';
import type { ReportingClusterInfo } from '../reporting/web-report.interface';
import { WebState } from '../reporting/web-state';
import { plainErrorPage, WEB_MESSAGES as M } from '../web.messages';
import { WEB_ACTIONS, WEB_PAGES, WEB_UI_OPTIONS } from '../web.tokens';
import { CsrfTokens } from './csrf';
import { SECURITY_HEADERS } from './security-headers';
import { loadStaticAssets } from './static-assets';
import { WebAuthenticator } from './web-authenticator';
import { WebHttpError, type WebRequest, type WebResponse } from './web-exchange.interface';

const HTML = 'text/html; charset=utf-8';

/**
 * Mounts the UI in the app's own HTTP server (Express or Fastify, through Nest's HTTP adapter, so the app
 * needs no extra port): one GET route per page, one POST route per action, and the static assets. Routes
 * are added in `onModuleInit`, after the app's controllers and before Nest's not-found handler.
 */
@Injectable()
export class KarafkaWebServer implements OnModuleInit {
  private readonly logger = new Logger('KarafkaWeb');
  private readonly csrf: CsrfTokens;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly auth: WebAuthenticator,
    @Inject(WEB_UI_OPTIONS) private readonly options: ResolvedWebUiOptions,
    @Inject(WEB_PAGES) private readonly pages: WebPage[],
    @Inject(WEB_ACTIONS) private readonly actions: WebAction[],
    private readonly state: WebState,
  ) {
    this.csrf = new CsrfTokens(options.path);
  }

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter as AbstractHttpAdapter | undefined;
    if (!adapter) {
      this.logger.log(M.noHttpServer());
      return;
    }
    const base = this.options.path;
    for (const [name, asset] of loadStaticAssets()) {
      adapter.get(`${base}/assets/${name}`, (_request: unknown, response: unknown) =>
        this.send(adapter, response, {
          status: 200,
          headers: { 'Content-Type': asset.contentType, 'Cache-Control': 'public, max-age=300' },
          body: asset.body,
        }),
      );
    }
    for (const page of this.pages) {
      const handler = (request: unknown, response: unknown) =>
        void this.handle(adapter, 'GET', page.path, request, response, (web) => this.renderPage(page, web));
      adapter.get(`${base}${page.path}`, handler);
    }
    for (const action of this.actions) {
      const handler = (request: unknown, response: unknown) =>
        void this.handle(adapter, 'POST', action.path, request, response, (web) => this.perform(action, web));
      adapter.post(`${base}${action.path}`, handler);
    }
    const auth = this.options.auth;
    if (auth.kind === 'off') this.logger.warn(M.authOff(base));
    const authText =
      auth.kind === 'basic'
        ? `basic, user '${auth.username}'`
        : auth.kind === 'guard'
          ? auth.guard.name
          : 'off';
    this.logger.log(M.mounted(base, adapter.getType(), authText));
  }

  private async handle(
    adapter: AbstractHttpAdapter,
    method: WebRequest['method'],
    path: string,
    rawRequest: unknown,
    rawResponse: unknown,
    respond: (request: WebRequest) => Promise<WebResponse>,
  ): Promise<void> {
    const request = readRequest(adapter, method, path, rawRequest, rawResponse);
    let response: WebResponse;
    try {
      const outcome = await this.auth.authenticate(request, respond);
      response = outcome.allowed
        ? await respond(request)
        : plain(outcome.status, outcome.message, outcome.headers);
    } catch (error) {
      this.logger.error(`${method} ${this.options.path}${path} failed: ${errorMessage(error)}`);
      response = plain(500, M.pageFailed(errorMessage(error)));
    }
    this.send(adapter, rawResponse, response);
  }

  private async renderPage(page: WebPage, request: WebRequest): Promise<WebResponse> {
    const { token, setCookie } = this.csrf.tokenFor(request);
    const pageRequest = this.pageRequest(request, token);
    const now = pageRequest.now;
    let status = 200;
    let body: SafeHtml;
    try {
      body = html`${await this.refreshState()}${await page.render(pageRequest)}`;
    } catch (error) {
      status = error instanceof WebHttpError ? error.status : 500;
      if (status === 500)
        this.logger.error(`page ${page.title} failed: ${(error as Error)?.stack ?? errorMessage(error)}`);
      body = html`${heading(page.title)}${notice('bad', status === 500 ? M.pageFailed(errorMessage(error)) : errorMessage(error))}`;
    }
    const markup = layout({
      base: this.options.path,
      pages: this.pages,
      current: page,
      title: page.title,
      body,
      reporting: this.reportingCluster(),
      refreshMs: this.options.refreshIntervalMs,
      user: this.options.auth.kind === 'basic' ? this.options.auth.username : undefined,
      now,
    });
    const headers: Record<string, string> = { 'Content-Type': HTML, 'Cache-Control': 'no-store' };
    if (setCookie) headers['Set-Cookie'] = setCookie;
    return { status, headers, body: markup.toString() };
  }

  private async perform(action: WebAction, request: WebRequest): Promise<WebResponse> {
    if (request.form === undefined) return plain(400, M.bodyNotParsed());
    if (!this.csrf.accepts(request)) return plain(403, M.csrfRejected());
    const { token } = this.csrf.tokenFor(request);
    try {
      const { redirect } = await action.perform({ ...this.pageRequest(request, token), form: request.form });
      return { status: 303, headers: { Location: `${this.options.path}${redirect}` }, body: '' };
    } catch (error) {
      // Bad input or a refused action (read-only) answers its own status and says why.
      if (error instanceof WebHttpError) return plain(error.status, error.message);
      throw error;
    }
  }

  private pageRequest(request: WebRequest, csrfToken: string): PageRequest {
    return {
      base: this.options.path,
      query: request.query,
      params: request.params,
      csrfToken,
      now: Date.now(),
      user: this.userOf(request),
    };
  }

  private userOf(request: WebRequest): string | undefined {
    const auth = this.options.auth;
    if (auth.kind === 'basic') return auth.username;
    if (auth.kind === 'off') return undefined;
    // Passport and most guards put the user on the request; its name, else its id, else 'guard user'.
    const user = (request.raw.request as { user?: unknown }).user;
    if (typeof user === 'string') return user;
    if (typeof user === 'object' && user !== null) {
      const { username, name, email, id, sub } = user as Record<string, unknown>;
      const named = [username, name, email, id, sub].find(
        (v) => typeof v === 'string' || typeof v === 'number',
      );
      if (named !== undefined) return String(named);
    }
    return 'guard user';
  }

  /** Brings the read model up to date; when the reporting cluster cannot say, the page shows what was read last. */
  private async refreshState(): Promise<SafeHtml | undefined> {
    try {
      await this.state.refresh();
      return undefined;
    } catch (error) {
      this.logger.warn(M.stateStale(errorMessage(error)));
      return notice('warn', M.stateStale(errorMessage(error)));
    }
  }

  /** The header's "Reporting on ..." line; a read model that cannot say yet leaves it to the Status page. */
  private reportingCluster(): ReportingClusterInfo | undefined {
    try {
      return this.state.reportingCluster();
    } catch (error) {
      this.logger.warn(`the reporting cluster is unknown: ${errorMessage(error)}`);
      return undefined;
    }
  }

  private send(
    adapter: AbstractHttpAdapter,
    response: unknown,
    { status, headers, body }: WebResponse,
  ): void {
    for (const [name, value] of Object.entries({ ...SECURITY_HEADERS, ...headers }))
      adapter.setHeader(response, name, value);
    adapter.reply(response, body, status);
  }
}

/** An answer outside the layout (auth, CSRF, a failure before any page ran). */
function plain(status: number, message: string, headers: Record<string, string> = {}): WebResponse {
  return { status, headers: { 'Content-Type': HTML, ...headers }, body: plainErrorPage(status, message) };
}

/** The platform's request as a `WebRequest`: Express and Fastify both expose `headers`, `params` and a parsed `body`. */
function readRequest(
  adapter: AbstractHttpAdapter,
  method: WebRequest['method'],
  path: string,
  request: unknown,
  response: unknown,
): WebRequest {
  const {
    headers = {},
    params = {},
    body,
  } = request as Partial<Pick<WebRequest, 'headers' | 'params'>> & { body?: unknown };
  const url = String(adapter.getRequestUrl(request) ?? '');
  const queryStart = url.indexOf('?');
  return {
    method,
    path,
    query: new URLSearchParams(queryStart < 0 ? '' : url.slice(queryStart + 1)),
    params: params as Record<string, string>,
    headers,
    form: method === 'POST' ? readForm(body) : {},
    raw: { request, response },
  };
}

/** A parsed urlencoded body as strings (a repeated field keeps its first value); undefined when unparsed. */
function readForm(body: unknown): Record<string, string> | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const form: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') form[name] = first;
  }
  return form;
}
