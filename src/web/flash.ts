import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv, Ctx } from './env.js';

const COOKIE = 'quire_flash';

/** A one-line message shown on the next page after a redirect ("Work posted."). */
export function setFlash(c: Ctx, message: string) {
  setCookie(c, COOKIE, encodeURIComponent(message), { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 60 });
}

/**
 * Only a page the browser navigates to takes the message: a script's background request (tag
 * suggestions still on their way as the form is posted) must not eat it before the page loads.
 */
export const readFlash = createMiddleware<AppEnv>(async (c, next) => {
  const mode = c.req.header('sec-fetch-mode');
  const raw = mode === undefined || mode === 'navigate' ? getCookie(c, COOKIE) : undefined;
  if (raw) {
    deleteCookie(c, COOKIE, { path: '/' });
    try {
      c.set('flash', decodeURIComponent(raw).slice(0, 300));
    } catch {
      c.set('flash', undefined);
    }
  }
  await next();
});
