import { createHash, timingSafeEqual } from 'node:crypto';

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Checks an `Authorization: Basic ...` header against one user. Both sides are hashed first, so
 * `timingSafeEqual` compares equal lengths and the time taken says nothing about how much matched; the
 * user and password are both compared every time (no early exit on a wrong user).
 */
export class BasicAuthCheck {
  private readonly username: Buffer;
  private readonly password: Buffer;

  constructor(username: string, password: string) {
    this.username = sha256(username);
    this.password = sha256(password);
  }

  /** The user name when the header carries the right credentials, otherwise undefined. */
  verify(authorization: string | undefined): string | undefined {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
    if (!match) return undefined;
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    const user = decoded.slice(0, colon);
    const userOk = timingSafeEqual(sha256(user), this.username);
    const passwordOk = timingSafeEqual(sha256(decoded.slice(colon + 1)), this.password);
    return userOk && passwordOk ? user : undefined;
  }
}
