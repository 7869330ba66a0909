import { Injectable } from '@nestjs/common';
import { plural } from '../html/format';
import { html, type SafeHtml } from '../html/html';
import { link } from '../html/links';
import { ago, badge, card, empty, heading, pager } from '../html/widgets';
import { WebHttpError } from '../http/web-exchange.interface';
import type { ErrorReport } from '../reporting/web-report.interface';
import { WebState } from '../reporting/web-state';
import { WEB_MESSAGES as M } from '../web.messages';
import type { PageRequest, WebPage } from './web-page.interface';

const ERRORS_PER_PAGE = 25;

/** Errors of every consumer, producer and job, newest first, paginated, each with its stack. */
@Injectable()
export class ErrorsPage implements WebPage {
  readonly path = '/errors';
  readonly title = 'Errors';
  readonly nav = true;

  constructor(private readonly model: WebState) {}

  render(request: PageRequest): SafeHtml {
    const page = readPage(request.query.get('page'));
    const { total, items } = this.model.errors({
      offset: (page - 1) * ERRORS_PER_PAGE,
      limit: ERRORS_PER_PAGE,
    });
    const pages = Math.max(1, Math.ceil(total / ERRORS_PER_PAGE));
    const nav = pager((n) => link(request.base, ['errors'], { page: n }), page, pages, total);
    const body =
      items.length === 0
        ? empty(total === 0 ? 'No errors reported. ' : `Page ${page} is past the last one (${pages}).`)
        : html`<ol class="errors">
              ${items.map((error) => errorItem(error, request.now))}
            </ol>
            ${nav}`;
    return html`${heading(this.title, `${plural(total, 'error')} reported, newest first`)}${card('Errors', body)}`;
  }
}

function readPage(value: string | null): number {
  if (value === null) return 1;
  const page = Number(value);
  if (!/^\d+$/.test(value) || page < 1 || !Number.isSafeInteger(page))
    throw new WebHttpError(400, M.badQuery('page', value, 'a page number from 1'));
  return page;
}

function errorItem(error: ErrorReport, now: number): SafeHtml {
  const where = [
    error.cluster && html`<span>cluster <strong>${error.cluster}</strong></span>`,
    error.producer && html`<span>producer <span class="mono">${error.producer}</span></span>`,
    error.groupId && html`<span>group <span class="mono">${error.groupId}</span></span>`,
    error.topic &&
      html`<span class="mono"
        >${error.topic}${error.partition !== undefined ? `/${error.partition}` : ''}${error.offset !== undefined ? `@${error.offset}` : ''}</span
      >`,
    html`<span>process <span class="mono">${error.processId}</span></span>`,
  ];
  return html`<li class="error" data-error-id="${error.id}">
    <div class="error-head">
      ${badge(error.type, 'bad')} <strong class="mono">${error.name}</strong> ${ago(error.at, now)}
    </div>
    <p class="error-text">${error.message}</p>
    <div class="where">${where}</div>
    ${
      error.stack
        ? html`<details>
            <summary>Stack</summary>
            <pre>${error.stack}</pre>
          </details>`
        : ''
    }
  </li>`;
}
