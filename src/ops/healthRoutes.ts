import { sql } from 'kysely';
import { Hono } from 'hono';
import type { AppEnv } from '../web/env.js';

const READY_TIMEOUT_MS = 2000;

/**
 * For load balancers and supervisors. /healthz: the process answers (no database), so a
 * restart is never triggered by a database outage. /readyz: the database answers in time, so a
 * proxy stops sending traffic while it is away.
 */
export function healthRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/healthz', (c) => c.text('ok\n', 200, { 'cache-control': 'no-store' }));
  app.get('/readyz', async (c) => {
    const db = c.get('services').database.db;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS); });
    const ping = sql`select 1 as ok`.execute(db).then(() => true, () => false);
    const ok = await Promise.race([ping, timeout]);
    clearTimeout(timer);
    return c.text(ok ? 'ready\n' : 'database unavailable\n', ok ? 200 : 503, { 'cache-control': 'no-store' });
  });
  return app;
}
