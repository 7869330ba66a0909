/** Every text the Web UI's set-up and HTTP layer say, in one place. */
import { escapeHtml } from './html/html';

const describe = (value: unknown): string => {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : typeof value === 'object' ? 'an object' : String(value);
};

export const WEB_MESSAGES = {
  optionsNotObject: (value: unknown): string => `expected an options object, got ${describe(value)}`,
  unknownOption: (key: string, near: string | undefined): string =>
    `unknown option '${key}'${near ? `; did you mean '${near}'?` : ''}`,
  authMissing: (): string =>
    "'auth' is required: the pages show your messages and errors. Set auth: { username: 'ops', password: " +
    'process.env.KARAFKA_WEB_PASSWORD } for basic auth, auth: { guard: YourAuthGuard } for your own ' +
    'CanActivate guard (JWT, sessions), or auth: false to serve the pages to anyone who reaches them',
  authShape: (value: unknown): string =>
    `'auth' must be { username, password }, { guard } or false, got ${describe(value)}`,
  authBoth: (): string => "'auth' takes either { username, password } or { guard }, not both",
  authField: (field: string, value: unknown): string =>
    `auth.${field} must be a non-empty string, got ${describe(value)}` +
    (value === undefined && field === 'password' ? ' (is the environment variable you pass set?)' : ''),
  authColon: (): string =>
    "auth.username cannot contain ':' (basic auth separates user and password with it)",
  guardNotClass: (value: unknown): string =>
    `auth.guard must be a guard class (implementing CanActivate), got ${describe(value)}`,
  pathInvalid: (value: unknown): string =>
    `'path' must start with '/', not end with '/', and hold only letters, digits and - _ . ~ /, got ${describe(value)}`,
  readOnlyInvalid: (value: unknown): string => `'readOnly' must be true or false, got ${describe(value)}`,
  maskedTopicsInvalid: (value: unknown): string =>
    `'maskedTopics' must be an array of topic patterns ('pii.*' or 'secondary:pii.*'), got ${describe(value)}`,
  visibilityInvalid: (value: unknown): string =>
    `'visibility' must be a function ({ cluster, topic }) => boolean, got ${describe(value)}`,
  healthInvalid: (value: unknown): string =>
    `'health' must be an object { lagGrowingForMs? }, got ${describe(value)}`,
  lagGrowingInvalid: (value: unknown): string =>
    `'health.lagGrowingForMs' must be an integer from 1000 to 86400000 (ms), got ${describe(value)}`,
  refreshInvalid: (value: unknown): string =>
    `'refreshIntervalMs' must be 0 (off) or an integer from 1000 to 3600000, got ${describe(value)}`,

  authOff: (path: string): string =>
    `auth: false: the pages at ${path} are served to anyone who can reach this HTTP server ` +
    '(set auth: { username, password } or { guard } to protect them)',
  noHttpServer: (): string =>
    'no HTTP server in this app (NestFactory.createApplicationContext): the pages are not served from this process',
  mounted: (path: string, platform: string, auth: string): string =>
    `Web UI at ${path} (${platform}, auth: ${auth})`,

  unauthorized: (): string => 'Sign in to see the Karafka Web UI.',
  forbidden: (): string => 'You are not allowed to see the Karafka Web UI.',
  csrfRejected: (): string =>
    'This form was not sent from the Web UI (its CSRF token is missing or wrong). Reload the page and try again.',
  bodyNotParsed: (): string =>
    "The form's body was not parsed: keep Nest's body parser on (NestFactory.create(AppModule, { bodyParser: true }), the default).",
  badQuery: (name: string, value: string, expected: string): string =>
    `The query parameter '${name}' must be ${expected}, got '${value}'.`,
  stateStale: (message: string): string =>
    `The reported data could not be refreshed (${message}): showing what was read last.`,
  unknownCluster: (name: string, names: string[]): string =>
    `No cluster '${name}' in this app; its clusters are ${names.map((n) => `'${n}'`).join(', ')}.`,
  readOnly: (): string => 'The Web UI is read-only (readOnly: true): replay is turned off.',
  readOnlyOffsets: (): string => 'The Web UI is read-only (readOnly: true): offsets cannot be moved.',
  pageFailed: (message: string): string => `The page could not be rendered: ${message}`,
};

/** The body of an error answered outside the layout (auth, CSRF): no data, so no page chrome needed. */
export function plainErrorPage(status: number, message: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${status} · Karafka Web</title></head>` +
    `<body><h1>${status}</h1><p>${escapeHtml(message)}</p></body></html>`
  );
}
