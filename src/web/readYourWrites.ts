import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env.js';

/** The primary's WAL position after this browser's last write (only with read replicas). */
export const WROTE_COOKIE = 'quire_wrote';
const POSITION = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/;

/**
 * Read-your-writes with replicas: after a form post that wrote, the browser carries the
 * primary's position; its reads go to the primary until its replica has replayed that far.
 * The routing itself is in src/db/readRouting.ts.
 */
export const readYourWrites = createMiddleware<AppEnv>(async (c, next) => {
  const reads = c.get('services').database.reads;
  if (!reads) return next();
  const raw = getCookie(c, WROTE_COOKIE);
  const since = raw && POSITION.test(raw) ? raw : undefined;
  const ctx = reads.context(since);
  await reads.run(ctx, async () => {
    // The listing index of this process may not hold the write yet (it follows the log each
    // second, from a replica): catch up first, from wherever this viewer may read.
    if (since) await c.get('services').index.sync();
    await next();
  });
  const secure = c.get('services').config.baseUrl.startsWith('https:');
  if (ctx.wrote && c.req.method !== 'GET' && c.req.method !== 'HEAD') {
    const position = await reads.primaryPosition().catch(() => undefined);
    if (position) setCookie(c, WROTE_COOKIE, position, { httpOnly: true, sameSite: 'Lax', secure, path: '/', maxAge: 600 });
  } else if (raw && (!since || (ctx.replayed && (await ctx.replayed)))) {
    deleteCookie(c, WROTE_COOKIE, { path: '/' });
  }
});
