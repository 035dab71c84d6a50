import { Hono } from 'hono';
import { z } from 'zod';
import { field, type AppEnv, type Ctx } from '../web/env.js';
import { errorPage, notFound } from '../web/errorPage.js';
import { setFlash } from '../web/flash.js';
import { chrome, send } from '../web/render.js';
import { requireUser, safeReturnPath } from '../web/session.js';
import { idParam } from '../works/readRoutes.js';
import { canSeeReadings } from '../policy/history.js';
import { ClearHistoryPage, readingsPath, ReadingsPage } from './views/readingsPage.js';

const listQuery = z.object({
  show: z.enum(['history', 'to-read']).default('history'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

/** The user named in the address, when the viewer may see their readings; anyone else gets 404 from the caller. */
async function ownerOf(c: Ctx) {
  const owner = await c.get('services').accounts.findUser(c.req.param('login') ?? '');
  return owner && canSeeReadings(c.get('viewer'), owner.id) ? owner : null;
}

/** A reader's history and Marked for Later list (theirs alone), and the toggle on work pages. */
export function historyRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/users/:login/readings', async (c) => {
    const owner = await ownerOf(c);
    if (!owner) return notFound(c);
    const parsed = listQuery.safeParse(c.req.query());
    if (!parsed.success) return errorPage(c, 400, 'This list could not be shown', 'The address asks for a list or page that does not exist. Use the links on your History page.');
    const { show, page } = parsed.data;
    const readings = await c.get('services').history.readings(c.get('viewer'), owner.id, show, page);
    if (!readings) return notFound(c);
    if (page > 1 && readings.entries.length === 0) return errorPage(c, 404, 'No such page', `This list has ${Math.max(1, Math.ceil(readings.total / readings.perPage))} pages.`);
    c.header('Cache-Control', 'private, no-store');
    return send(c, <ReadingsPage chrome={chrome(c)} login={owner.login} readings={readings} csrf={c.get('csrf')()} />);
  });

  app.post('/users/:login/readings/pause', async (c) => {
    const owner = await ownerOf(c);
    const paused = field(c.get('form'), 'paused');
    if (!owner) return notFound(c);
    if (paused !== '0' && paused !== '1') return errorPage(c, 400, 'Nothing was changed', 'Use the Pause History or Resume History button on your History page.');
    await c.get('services').history.setPaused(c.get('viewer'), owner.id, paused === '1');
    setFlash(c, paused === '1' ? 'Your history is paused. Works you open will not be recorded until you resume it.' : 'Your history is recording again.');
    return c.redirect(readingsPath(owner.login), 303);
  });

  app.get('/users/:login/readings/clear', async (c) => {
    const owner = await ownerOf(c);
    if (!owner) return notFound(c);
    return send(c, <ClearHistoryPage chrome={chrome(c)} login={owner.login} csrf={c.get('csrf')()} />);
  });

  app.post('/users/:login/readings/clear', async (c) => {
    const owner = await ownerOf(c);
    if (!owner) return notFound(c);
    await c.get('services').history.clear(c.get('viewer'), owner.id);
    setFlash(c, 'Your history was cleared.');
    return c.redirect(readingsPath(owner.login), 303);
  });

  app.post('/users/:login/readings/:workId{[0-9]+}/delete', async (c) => {
    const owner = await ownerOf(c);
    const workId = idParam(c.req.param('workId'));
    if (!owner || workId === null) return notFound(c);
    await c.get('services').history.remove(c.get('viewer'), owner.id, workId);
    const page = Number(field(c.get('form'), 'page'));
    setFlash(c, 'The work was deleted from your history.');
    return c.redirect(readingsPath(owner.login, 'history', Number.isInteger(page) && page > 1 ? page : 1), 303);
  });

  app.post('/works/:id{[0-9]+}/mark_for_later', async (c) => {
    const viewer = requireUser(c);
    if (viewer instanceof Response) return viewer;
    const id = idParam(c.req.param('id'));
    if (id === null || !(await c.get('services').history.markForLater(viewer, id))) return notFound(c);
    setFlash(c, 'This work was added to your Marked for Later list.');
    return c.redirect(safeReturnPath(field(c.get('form'), 'return_to') ?? `/works/${id}`), 303);
  });

  app.post('/works/:id{[0-9]+}/mark_as_read', async (c) => {
    const viewer = requireUser(c);
    if (viewer instanceof Response) return viewer;
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    await c.get('services').history.markAsRead(viewer, id);
    setFlash(c, 'This work was removed from your Marked for Later list.');
    return c.redirect(safeReturnPath(field(c.get('form'), 'return_to') ?? `/works/${id}`), 303);
  });

  return app;
}
