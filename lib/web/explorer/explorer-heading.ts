import { html, type SafeHtml } from '../html/html';
import { link } from '../html/links';

/** The explorer's breadcrumb: Explorer · cluster · topic · partition · offset, each a link but the last. */
export function explorerCrumbs(base: string, parts: Array<string | number>): SafeHtml {
  const crumbs = parts.map((part, index) => {
    const href = link(base, ['explorer', ...parts.slice(0, index + 1)]);
    // The cluster alone has no page of its own: the Explorer lists every cluster.
    if (index === parts.length - 1 || index === 0) return html`<span class="mono">${part}</span>`;
    return html`<a class="mono" href="${href}">${part}</a>`;
  });
  return html`<a href="${link(base, ['explorer'])}">Explorer</a>${crumbs.map((crumb) => html` · ${crumb}`)}`;
}
