import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { WebRequest } from './web-exchange.interface';

export const CSRF_COOKIE = 'karafka_web_csrf';
export const CSRF_FIELD = '_csrf';

/**
 * CSRF protection of the UI's POST actions, stateless so it works with several app processes behind one
 * address: a random token in an HttpOnly, SameSite=Strict cookie limited to the UI's path, repeated in each
 * form as a hidden field. A POST is accepted only when both are present and equal (compared in constant
 * time) and, when the browser says where it comes from (`Origin`), it comes from this host.
 */
export class CsrfTokens {
  constructor(private readonly mountPath: string) {}

  /** The request's token, or a new one with the `Set-Cookie` header that stores it. */
  tokenFor(request: WebRequest): { token: string; setCookie?: string } {
    const existing = readCookie(request.headers.cookie, CSRF_COOKIE);
    if (existing && /^[A-Za-z0-9_-]{32,}$/.test(existing)) return { token: existing };
    const token = randomBytes(24).toString('base64url');
    return {
      token,
      setCookie: `${CSRF_COOKIE}=${token}; Path=${this.mountPath}; HttpOnly; SameSite=Strict`,
    };
  }

  accepts(request: WebRequest): boolean {
    const cookie = readCookie(request.headers.cookie, CSRF_COOKIE);
    const field = request.form?.[CSRF_FIELD];
    if (!cookie || !field || cookie.length !== field.length) return false;
    if (!timingSafeEqual(Buffer.from(cookie), Buffer.from(field))) return false;
    const origin = request.headers.origin;
    if (origin === undefined) return true;
    const host = request.headers.host;
    try {
      return host !== undefined && new URL(origin).host === host;
    } catch {
      return false;
    }
  }
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
