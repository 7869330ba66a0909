import type { AssetName } from '../http/static-assets';
import type { ReportingClusterInfo } from '../reporting/web-report.interface';
import type { WebPage } from '../pages/web-page.interface';
import { formatTime } from './format';
import { html, type SafeHtml } from './html';

export interface LayoutParams {
  base: string;
  /** The navigation. */
  pages: readonly WebPage[];
  /** Highlighted in the navigation. */
  current?: WebPage;
  title: string;
  body: SafeHtml;
  /** Undefined when the read model cannot say (the header says that instead). */
  reporting?: ReportingClusterInfo;
  /** 0: no live refresh. */
  refreshMs: number;
  /** The basic-auth user, shown in the header. */
  user?: string;
  now: number;
}

/** Assets the layout loads, all from the UI's own path (the CSP allows nothing else). */
const LAYOUT_STYLES = ['uPlot.min.css', 'karafka-web.css'] satisfies AssetName[];
const LAYOUT_SCRIPTS = ['uPlot.iife.min.js', 'charts.js', 'live-refresh.js'] satisfies AssetName[];

/**
 * Every page's frame: the header names the reporting cluster (where every process's reports go, and
 * so what the numbers below are materialised from), the navigation, and `#content`, which the live
 * refresh script replaces with the same region of a fresh copy of the page.
 */
export function layout(params: LayoutParams): SafeHtml {
  const { base, pages, current, title, body, reporting, refreshMs, user, now } = params;
  const nav = pages
    .filter((page) => page.nav)
    .map((page) => {
      const active = page === current;
      return html`<a href="${base}${page.path}" ${active ? html` class="active" aria-current="page"` : ''}
        >${page.title}</a
      >`;
    });
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <!-- An empty icon, so the browser asks for no /favicon.ico (a 404 in the console); img-src allows data:. -->
        <link rel="icon" href="data:," />
        <title>${title} · Karafka Web</title>
        ${LAYOUT_STYLES.map((file) => html`<link rel="stylesheet" href="${base}/assets/${file}" />`)}
        ${LAYOUT_SCRIPTS.map((file) => html`<script src="${base}/assets/${file}" defer></script>`)}
      </head>
      <body data-refresh-ms="${refreshMs}">
        <header class="top">
          <div class="top-row">
            <a class="brand" href="${base}">Karafka <span>Web</span></a>
            ${reportingLine(reporting)}
            <div class="top-right">
              ${refreshMs > 0 ? html`<button type="button" class="live" id="live-toggle" hidden>Live</button>` : ''}
              ${user ? html`<span class="user">${user}</span>` : ''}
            </div>
          </div>
          <nav class="nav">${nav}</nav>
        </header>
        <main id="content" data-generated="${now}">
          ${body}
          <footer class="foot">Rendered ${formatTime(now)} by nestjs-karafka</footer>
        </main>
      </body>
    </html>`;
}

function reportingLine(reporting: ReportingClusterInfo | undefined): SafeHtml {
  if (!reporting) return html`<div class="reporting unknown">Reporting cluster unknown: see Status</div>`;
  return html`<div class="reporting" title="${reporting.reason}">
    Reporting on <strong>${reporting.name}</strong> ·
    <span class="mono">${reporting.brokers.join(', ')}</span>
    <span class="via">via producer ${reporting.producer}</span>
  </div>`;
}
