import { createHmac, randomFillSync, timingSafeEqual } from 'node:crypto';
import { getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { SESSION_COOKIE } from '../accounts/service.js';
import type { AppEnv, Ctx, FormData } from './env.js';
import { isUrlEncoded } from './formBody.js';
import { errorPage } from './errorPage.js';

const COOKIE = 'quire_csrf';
const NONCE_BYTES = 18;

// Every guest page without the cookie needs a new nonce: they come from a buffer of random bytes
// filled 256 nonces at a time, instead of one system call each (12% of a guest page's CPU time).
const pool = Buffer.alloc(NONCE_BYTES * 256);
let taken = pool.length;
function freshNonce(): string {
  if (taken === pool.length) {
    randomFillSync(pool);
    taken = 0;
  }
  const nonce = pool.subarray(taken, taken + NONCE_BYTES).toString('base64url');
  taken += NONCE_BYTES;
  return nonce;
}
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * An API call without a session cookie carries no ambient authority: it is anonymous or made with
 * a bearer token, which a browser never adds on its own, so another site cannot forge it. With a
 * session cookie present the check applies as everywhere else.
 */
const sessionlessApiCall = (c: Ctx) => c.req.path.startsWith('/api/') && !getCookie(c, SESSION_COOKIE);

/**
 * Double-submit tokens: a random cookie, and in each form an HMAC of it under the site secret.
 * A page from another site can make the browser send the cookie, but cannot read it to sign it.
 */
export function csrfProtection(secret: string, secureCookies: boolean) {
  const sign = (nonce: string) => createHmac('sha256', secret).update(nonce).digest('base64url');

  return createMiddleware<AppEnv>(async (c, next) => {
    let nonce = getCookie(c, COOKIE);
    c.set('csrf', () => {
      if (!nonce) {
        nonce = freshNonce();
        setCookie(c, COOKIE, nonce, { httpOnly: true, sameSite: 'Lax', secure: secureCookies, path: '/', maxAge: 365 * 86_400 });
      }
      return sign(nonce);
    });

    if (UNSAFE.has(c.req.method) && !sessionlessApiCall(c)) {
      const type = c.req.header('content-type') ?? '';
      // Url-encoded forms were read with the body limit (formBody.ts).
      const form: FormData = isUrlEncoded(c) ? c.get('form') : type.startsWith('multipart/form-data') ? (await c.req.parseBody({ all: true })) as FormData : {};
      const given = c.req.header('x-csrf-token') ?? (typeof form._csrf === 'string' ? form._csrf : '');
      const expected = nonce ? sign(nonce) : '';
      const good = expected.length > 0 && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
      if (!good) {
        if (c.req.path.startsWith('/api/')) {
          return c.json({ error: { code: 'csrf_failed', message: 'Requests with a session cookie need a CSRF token; tools should send Authorization: Bearer TOKEN without cookies.' } }, 403);
        }
        return errorPage(c, 403, 'This form has expired', 'Your form could not be checked (it may be old, or cookies may be blocked). Go back, reload the page, and send it again.');
      }
      c.set('form', form);
    }
    await next();
  });
}
