import { Hono } from 'hono';
import { field, type AppEnv, type Ctx } from '../web/env.js';
import { notFound } from '../web/errorPage.js';
import { setFlash } from '../web/flash.js';
import type { FieldErrors } from '../result.js';
import { chrome, send } from '../web/render.js';
import { requireUser, type SignedInViewer } from '../web/session.js';
import { idParam } from '../works/readRoutes.js';
import { ExclusionsPage } from './views/exclusionsPage.js';

export function exclusionRoutes() {
  const app = new Hono<AppEnv>();

  async function page(c: Ctx, user: SignedInViewer, values: Record<string, string>, errors: FieldErrors, status: 200 | 422) {
    const tags = await c.get('services').exclusions.list(user.id);
    return send(c, <ExclusionsPage chrome={{ ...chrome(c), csrf: c.get('csrf')() }} tags={tags} state={{ values, errors }} />, status);
  }

  app.get('/settings/filters', (c) => {
    const user = requireUser(c);
    return user instanceof Response ? user : page(c, user, {}, {}, 200);
  });

  app.post('/settings/filters', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const name = field(c.get('form'), 'name') ?? '';
    const result = await c.get('services').exclusions.add(user.id, name);
    if (!result.ok) return page(c, user, { name }, result.errors, 422);
    setFlash(c, `Works tagged “${result.value.name}” are now left out of your listings.`);
    return c.redirect('/settings/filters', 303);
  });

  app.post('/settings/filters/:tagId/delete', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const tagId = idParam(c.req.param('tagId'));
    if (tagId === null) return notFound(c);
    await c.get('services').exclusions.remove(user.id, tagId);
    return c.redirect('/settings/filters', 303);
  });

  return app;
}
