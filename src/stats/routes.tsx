import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, Ctx } from '../web/env.js';
import { errorPage, notFound } from '../web/errorPage.js';
import { chrome, send } from '../web/render.js';
import { idParam } from '../works/readRoutes.js';
import { RANGES } from './period.js';
import { SORTS, type StatsQuery } from './service.js';
import { STAT_KINDS } from './store.js';
import { UserStatsPage, WorkStatsPage } from './views/statsPages.js';

const querySchema = z.object({
  range: z.enum(RANGES).default('all'),
  sort: z.enum(SORTS).default('hits'),
  dir: z.enum(['asc', 'desc']).optional(),
  chart: z.enum(STAT_KINDS).default('hits'),
});

function parseQuery(c: Ctx): StatsQuery | Response {
  const parsed = querySchema.safeParse(c.req.query());
  if (!parsed.success) {
    return errorPage(c, 400, 'These statistics could not be shown',
      'The address asks for a range, column or chart Quire does not know. Choose one from the links on the statistics page.');
  }
  const { dir, ...rest } = parsed.data;
  return { ...rest, dir: dir ?? (rest.sort === 'title' ? 'asc' : 'desc') };
}

/** Writers' statistics: their own, and nobody else's (anyone else gets 404). */
export function statsRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/users/:login/stats', async (c) => {
    const { accounts, stats } = c.get('services');
    const owner = await accounts.findUser(c.req.param('login'));
    if (!owner) return notFound(c);
    const q = parseQuery(c);
    if (q instanceof Response) return q;
    const result = await stats.forUser(c.get('viewer'), owner.id, q);
    if (!result) return notFound(c);
    c.header('Cache-Control', 'private, no-store');
    return send(c, <UserStatsPage chrome={chrome(c)} login={owner.login} q={q} stats={result} />);
  });

  app.get('/works/:id{[0-9]+}/stats', async (c) => {
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const q = parseQuery(c);
    if (q instanceof Response) return q;
    const result = await c.get('services').stats.forWork(c.get('viewer'), id, q);
    if (!result) return notFound(c);
    c.header('Cache-Control', 'private, no-store');
    return send(c, <WorkStatsPage chrome={chrome(c)} q={q} stats={result} />);
  });

  return app;
}
