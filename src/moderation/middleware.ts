import { createMiddleware } from 'hono/factory';
import { isSuspended, suspendedMaySend } from '../policy/accounts.js';
import { asksAiCrawlersOff } from '../policy/works.js';
import type { AppEnv } from '../web/env.js';
import { errorPage } from '../web/errorPage.js';
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

const WORK_PATH = /^\/(?:works|downloads)\/(\d{1,15})(?:\/|$)/;
const META = `<meta name="robots" content="${NOAI}">`;

/**
 * Tells AI crawlers to keep out: `X-Robots-Tag` on a work's pages and downloads, and a robots
 * meta tag in its pages, wherever the policy asks it (restricted works, works whose writer asked,
 * and every page when the site-wide setting is on).
 */
export const aiSignals = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (c.req.method !== 'GET' || c.res.status !== 200) return;
  const html = (c.res.headers.get('content-type') ?? '').startsWith('text/html');
  const work = WORK_PATH.exec(c.req.path);
  if (!html && !work) return;
  const { moderation, aiChoice } = c.get('services');
  const facts = (work && await aiChoice.workFacts(Number(work[1]))) || { restricted: false, anonymous: false, creatorAsked: false };
  if (!asksAiCrawlersOff(await moderation.aiCrawlersBlocked(), facts)) return;
  const headers = new Headers(c.res.headers);
  headers.set('X-Robots-Tag', NOAI);
  if (!html) {
    c.res = new Response(c.res.body, { status: 200, headers });
    return;
  }
  const page = (await c.res.text()).replace('<head>', `<head>${META}`);
  headers.delete('content-length');
  c.res = new Response(page, { status: 200, headers });
});
