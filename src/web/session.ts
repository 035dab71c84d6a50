import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { SESSION_COOKIE } from '../accounts/service.js';
import { GUEST, type Viewer } from '../policy/viewer.js';
import type { AppEnv, Ctx } from './env.js';

export const loadViewer = createMiddleware<AppEnv>(async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE);
  const session = token ? await c.get('services').accounts.sessionFor(token) : null;
  if (token && !session) deleteCookie(c, SESSION_COOKIE, { path: '/' });
  c.set('viewer', session?.viewer ?? GUEST);
  c.set('sessionToken', session ? token : undefined);
  // A one-time password opens only the page that replaces it (and the way out).
  if (session?.mustChangePassword && !['/settings/password', '/logout'].includes(c.req.path)) {
    return c.redirect('/settings/password', 303);
  }
  await next();
});

export function startSessionCookie(c: Ctx, token: string) {
  const secure = c.get('services').config.baseUrl.startsWith('https:');
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure, path: '/', maxAge: 30 * 86_400 });
}

export const endSessionCookie = (c: Ctx) => deleteCookie(c, SESSION_COOKIE, { path: '/' });

// The code step of a two-factor sign-in is bound to the browser that gave the password.
const CODE_STEP_COOKIE = 'quire_signin';
export function startCodeStep(c: Ctx, challenge: string) {
  const secure = c.get('services').config.baseUrl.startsWith('https:');
  setCookie(c, CODE_STEP_COOKIE, challenge, { httpOnly: true, sameSite: 'Lax', secure, path: '/login', maxAge: 600 });
}
export const codeStepChallenge = (c: Ctx) => getCookie(c, CODE_STEP_COOKIE);
export const endCodeStep = (c: Ctx) => deleteCookie(c, CODE_STEP_COOKIE, { path: '/login' });

/** Only local paths, so a crafted link cannot send someone elsewhere after signing in. */
export function safeReturnPath(raw: string | undefined): string {
  return raw && raw.startsWith('/') && !raw.startsWith('//') && !raw.includes('\\') ? raw : '/';
}

export type SignedInViewer = Extract<Viewer, { kind: 'user' }>;

/** The signed-in viewer, or a redirect to sign in that comes back here afterwards. */
export function requireUser(c: Ctx): SignedInViewer | Response {
  const viewer = c.get('viewer');
  if (viewer.kind === 'user') return viewer;
  const back = c.req.method === 'GET' ? new URL(c.req.url).pathname + new URL(c.req.url).search : '/';
  return c.redirect(`/login?return_to=${encodeURIComponent(back)}`, 302);
}
