/** The pages' shared building blocks: headings, cards, tiles, badges, tables, times, pagers. */
import { formatAgo, formatTime } from './format';
import { html, type HtmlValue, type SafeHtml } from './html';

export type Tone = 'ok' | 'bad' | 'warn' | 'muted' | 'info';

export function heading(title: HtmlValue, subtitle?: HtmlValue): SafeHtml {
  return html`<header class="page-head">
    <h1>${title}</h1>
    ${subtitle ? html`<p class="sub">${subtitle}</p>` : ''}
  </header>`;
}

export function card(title: HtmlValue, body: HtmlValue, aside?: HtmlValue): SafeHtml {
  return html`<section class="card">
    <div class="card-head">
      <h2>${title}</h2>
      ${aside ? html`<div class="aside">${aside}</div>` : ''}
    </div>
    ${body}
  </section>`;
}

export function tile(label: string, value: HtmlValue, hint?: HtmlValue, tone?: Tone): SafeHtml {
  return html`<div class="tile${tone ? ` tone-${tone}` : ''}">
    <div class="tile-label">${label}</div>
    <div class="tile-value">${value}</div>
    ${hint ? html`<div class="tile-hint">${hint}</div>` : ''}
  </div>`;
}

export function badge(text: string, tone: Tone): SafeHtml {
  return html`<span class="badge badge-${tone}">${text}</span>`;
}

export function empty(text: HtmlValue): SafeHtml {
  return html`<p class="empty">${text}</p>`;
}

export function notice(tone: Tone, body: HtmlValue): SafeHtml {
  return html`<div class="notice notice-${tone}">${body}</div>`;
}

/** A table with a header row; `numeric` columns (by index) are right-aligned. */
export function table(columns: string[], rows: SafeHtml[], numeric: number[] = []): SafeHtml {
  const th = columns.map(
    (column, index) => html`<th${numeric.includes(index) ? html` class="num"` : ''}>${column}</th>`,
  );
  return html`<div class="table-wrap">
    <table>
      <thead>
        <tr>
          ${th}
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </div>`;
}

/** A time as "12 s ago" with the exact UTC time on hover (and for machines, in `datetime`). */
export function ago(epochMs: number | undefined, now: number): SafeHtml {
  if (epochMs === undefined) return html`<span class="muted">never</span>`;
  const iso = new Date(epochMs).toISOString();
  return html`<time datetime="${iso}" title="${formatTime(epochMs)}">${formatAgo(epochMs, now)}</time>`;
}

/** Previous/next links and where we are; pages are numbered from 1. */
export function pager(href: (page: number) => string, page: number, pages: number, total: number): SafeHtml {
  if (pages <= 1) return html``;
  return html`<nav class="pager" aria-label="pages">
    ${page > 1 ? html`<a href="${href(page - 1)}" rel="prev">← Newer</a>` : html`<span class="disabled">← Newer</span>`}
    <span>Page ${page} of ${pages} · ${total} in all</span>
    ${page < pages ? html`<a href="${href(page + 1)}" rel="next">Older →</a>` : html`<span class="disabled">Older →</span>`}
  </nav>`;
}

/** A small line of `values` (oldest first), drawn on the server: no script needed for a table cell. */
export function sparkline(values: readonly number[], width = 80, height = 18): SafeHtml {
  if (values.length < 2) return html``;
  const max = Math.max(...values, 1);
  const points = values
    .map((value, index) => {
      const x = (index / (values.length - 1)) * width;
      const y = height - 1 - (value / max) * (height - 2);
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
  return html`<svg
    class="sparkline"
    width="${width}"
    height="${height}"
    viewBox="0 0 ${width} ${height}"
    aria-hidden="true"
  >
    <polyline points="${points}" fill="none" stroke="currentColor" stroke-width="1.5" />
  </svg>`;
}
