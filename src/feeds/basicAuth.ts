import { createHash } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { Viewer } from '../policy/viewer.js';
import { clientAddress } from '../web/clientAddress.js';
import type { AppEnv, Ctx } from '../web/env.js';
import { RateLimiter } from '../web/rateLimit.js';

export const BASIC_CHALLENGE = 'Basic realm="Quire", charset="UTF-8"';

/** Over TLS: the public address is https, or the proxy in front says the request came that way. */
export const overTls = (c: Ctx) =>
  c.get('services').config.baseUrl.startsWith('https:') || c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';

/** Login and password of an Authorization: Basic header, or null when there is none or it is malformed. */
export function basicCredentials(header: string | undefined): { login: string; password: string } | null {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 ? { login: decoded.slice(0, colon), password: decoded.slice(colon + 1) } : null;
}

// The sign-in form's limits (per address and per login, 15 minutes), counting failures only:
// an e-reader sends the header with every request.
const WINDOW_MS = 15 * 60_000;
const byAddress = new RateLimiter(20, WINDOW_MS, 'login-address'); // shared with the sign-in form, so the two together allow no more
const byLogin = new RateLimiter(10, WINDOW_MS, 'login-name');
// A right password is remembered briefly, so browsing a catalog is not an argon2 hash per request.
const REMEMBER_MS = 60_000;
const remembered = new Map<string, { viewer: Viewer; until: number }>();

/**
 * Signed-in reading for apps that cannot keep a session cookie: HTTP Basic, honoured only over
 * TLS (a password must never cross the network in the clear; over plain HTTP it is ignored).
 * A wrong password is a 401 with a challenge, so the app asks again.
 */
export const basicAuthOverTls = createMiddleware<AppEnv>(async (c, next) => {
  const credentials = basicCredentials(c.req.header('authorization'));
  if (!credentials || c.get('viewer').kind === 'user' || !overTls(c)) return next();
  const now = Date.now();
  const key = createHash('sha256').update(`${credentials.login}\u0000${credentials.password}`).digest('base64');
  const known = remembered.get(key);
  if (known && known.until > now) {
    c.set('viewer', known.viewer);
    return next();
  }
  const address = clientAddress(c);
  const login = credentials.login.trim().toLowerCase();
  const wait = Math.max(await byAddress.waitFor(address, now), await byLogin.waitFor(login, now));
  if (wait > 0) return c.text(`Too many sign-in attempts. Try again in ${Math.ceil(wait / 60)} minutes.`, 429, { 'Retry-After': String(wait) });
  const viewer = await c.get('services').accounts.verifyPassword(credentials.login.trim(), credentials.password);
  if (!viewer) {
    await Promise.all([byAddress.hit(address, now), byLogin.hit(login, now)]);
    return c.text('The login or password is not right.', 401, { 'WWW-Authenticate': BASIC_CHALLENGE });
  }
  if (remembered.size > 10_000) remembered.clear();
  remembered.set(key, { viewer, until: now + REMEMBER_MS });
  c.set('viewer', viewer);
  return next();
});
