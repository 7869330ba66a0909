import type { SafeHtml } from '../html/html';

/** What a page or action gets of its request. */
export interface PageRequest {
  /** The UI's mount path (`/karafka`): links are `${base}/processes`, made with `link`. */
  base: string;
  query: URLSearchParams;
  /** The route's `:name` parameters, decoded. */
  params: Record<string, string>;
  /** For forms: `csrfField(request)` puts it in a hidden field. */
  csrfToken: string;
  /** Time of the request (epoch ms): one "now" for every "12 s ago" of a page. */
  now: number;
  /** Who is signed in: the basic-auth user, or what a user's guard put on `request.user`; undefined with auth off. */
  user?: string;
}

/**
 * One page of the UI. A page is a Nest provider (so it injects what it reads) listed in `WEB_PAGE_TYPES`;
 * the server mounts it at `base + path`, runs auth, and wraps what it renders in the layout.
 */
export interface WebPage {
  /** Below the mount path: `''` for the dashboard, `/processes`, or with parameters: `/explorer/:cluster`. */
  readonly path: string;
  /** The navigation's label and the document title. */
  readonly title: string;
  /** Listed in the navigation (pages reached only through links from other pages say false). */
  readonly nav: boolean;
  /** Bad input is a `WebHttpError` naming it; any other error is shown as the page's failure. */
  render(request: PageRequest): Promise<SafeHtml> | SafeHtml;
}

/** A POST of the UI: CSRF-checked before `perform` runs, then the browser is sent to `redirect`. */
export interface WebAction {
  /** Below the mount path, e.g. `/status/install`. */
  readonly path: string;
  perform(request: PageRequest & { form: Record<string, string> }): Promise<{ redirect: string }>;
}
