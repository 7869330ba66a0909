import { randomBytes } from 'node:crypto';

/** The demo UI's login: KARAFKA_WEB_PASSWORD if set, otherwise a fresh one per run (printed at start). */
export const WEB_CREDENTIALS = {
  username: 'ops',
  password: process.env.KARAFKA_WEB_PASSWORD ?? randomBytes(9).toString('base64url'),
};
