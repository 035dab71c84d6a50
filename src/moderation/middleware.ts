import { createMiddleware } from 'hono/factory';
import { isSuspended, suspendedMaySend } from '../policy/accounts.js';
import type { AppEnv } from '../web/env.js';
import { errorPage } from '../web/errorPage.js';
import { workState } from '../works/store.js';
import { NOAI } from './aiCrawlers.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A suspended user may read, but every change they send is refused here, before any route:
 * posting, editing, comments, kudos, bookmarks, and whatever is added later.
 */
export const suspensionGuard = createMiddleware<AppEnv>(async (c, next) => {
  const viewer = c.get('viewer');
  if (UNSAFE.has(c.req.method) && viewer.kind === 'user' && isSuspended(viewer) && !suspendedMaySend(c.req.path)) {
    const until = viewer.suspendedUntil?.slice(0, 10) ?? '';
    return errorPage(c, 403, 'Your account is suspended', `An archive admin has suspended your account until ${until}. You can still sign in and read, but not post, comment or leave kudos until then.`);
  }
  await next();
});

const WORK_PAGE = /^\/works\/(\d{1,15})(?:\/|$)/;
const META = `<meta name="robots" content="${NOAI}">`;

/**
 * Tells AI crawlers to keep out: `X-Robots-Tag` and a robots meta tag on restricted works'
 * pages always, and on every page when the site-wide setting is on. Guests never get a
 * restricted work, so the work check runs only for signed-in readers.
 */
export const aiSignals = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (c.req.method !== 'GET' || c.res.status !== 200 || !(c.res.headers.get('content-type') ?? '').startsWith('text/html')) return;
  const { moderation, database } = c.get('services');
  let mark = await moderation.aiCrawlersBlocked();
  const work = WORK_PAGE.exec(c.req.path);
  if (!mark && work && c.get('viewer').kind === 'user') mark = (await workState(database.db, Number(work[1])))?.restricted === true;
  if (!mark) return;
  const html = (await c.res.text()).replace('<head>', `<head>${META}`);
  const headers = new Headers(c.res.headers);
  headers.set('X-Robots-Tag', NOAI);
  headers.delete('content-length');
  c.res = new Response(html, { status: 200, headers });
});
