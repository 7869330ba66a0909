import { CSRF_FIELD } from '../http/csrf';
import { html, type SafeHtml } from './html';

/**
 * A link below the UI's mount path: every path segment and query value is URL-encoded, so a topic name
 * can be a segment. `link('/karafka', ['explorer', 'primary', 'orders'], { page: 2 })`.
 */
export function link(
  base: string,
  segments: ReadonlyArray<string | number> = [],
  query: Record<string, string | number | undefined> = {},
): string {
  const path = segments.map((segment) => `/${encodeURIComponent(String(segment))}`).join('');
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) search.set(name, String(value));
  const text = search.toString();
  return `${base}${path}${text ? `?${text}` : ''}`;
}

/** The hidden field a POST form of the UI needs (see CsrfTokens). */
export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${token}" />`;
}
