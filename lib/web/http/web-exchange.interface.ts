import type { IncomingHttpHeaders } from 'node:http';

/** One request to the Web UI, the same for Express and Fastify. */
export interface WebRequest {
  method: 'GET' | 'POST';
  /** The path below the mount path, e.g. `/processes` (`''` for the dashboard). */
  path: string;
  query: URLSearchParams;
  /** The route's `:name` parameters. */
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** A POST's parsed form fields (empty for GET); undefined when the app's body parser is off. */
  form: Record<string, string> | undefined;
  /** The platform's own request and response, for a user's guard. */
  raw: { request: unknown; response: unknown };
}

/** What the Web UI answers; the server adds the security headers to every one. */
export interface WebResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Thrown by a page or action for bad input or a missing thing: answered with this status and message. */
export class WebHttpError extends Error {
  override readonly name = 'WebHttpError';

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
