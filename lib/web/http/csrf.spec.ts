import { CSRF_COOKIE, CSRF_FIELD, CsrfTokens } from './csrf';
import type { WebRequest } from './web-exchange.interface';

const request = (headers: WebRequest['headers'], form: Record<string, string> = {}): WebRequest => ({
  method: 'POST',
  path: '/x',
  query: new URLSearchParams(),
  params: {},
  headers,
  form,
  raw: { request: undefined, response: undefined },
});

describe('CsrfTokens', () => {
  const csrf = new CsrfTokens('/karafka');

  it('issues a token in an HttpOnly, SameSite=Strict cookie on the mount path, then reuses it', () => {
    const first = csrf.tokenFor(request({}));
    expect(first.setCookie).toBe(`${CSRF_COOKIE}=${first.token}; Path=/karafka; HttpOnly; SameSite=Strict`);
    const again = csrf.tokenFor(request({ cookie: `other=1; ${CSRF_COOKIE}=${first.token}` }));
    expect(again).toEqual({ token: first.token });
  });

  it('accepts a form whose field repeats the cookie, from the same origin or without one', () => {
    const { token } = csrf.tokenFor(request({}));
    const cookie = `${CSRF_COOKIE}=${token}`;
    expect(csrf.accepts(request({ cookie, host: 'h:3000' }, { [CSRF_FIELD]: token }))).toBe(true);
    expect(
      csrf.accepts(request({ cookie, host: 'h:3000', origin: 'http://h:3000' }, { [CSRF_FIELD]: token })),
    ).toBe(true);
  });

  it('refuses a missing or wrong field, a missing cookie, and another origin', () => {
    const { token } = csrf.tokenFor(request({}));
    const cookie = `${CSRF_COOKIE}=${token}`;
    expect(csrf.accepts(request({ cookie }, {}))).toBe(false);
    expect(
      csrf.accepts(
        request({ cookie }, { [CSRF_FIELD]: token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a') }),
      ),
    ).toBe(false);
    expect(csrf.accepts(request({}, { [CSRF_FIELD]: token }))).toBe(false);
    expect(
      csrf.accepts(request({ cookie, host: 'h:3000', origin: 'http://evil.test' }, { [CSRF_FIELD]: token })),
    ).toBe(false);
  });

  it('replaces a cookie that is not one of its tokens', () => {
    expect(csrf.tokenFor(request({ cookie: `${CSRF_COOKIE}=<script>` })).setCookie).toBeDefined();
  });
});
