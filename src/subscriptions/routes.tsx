import { Hono } from 'hono';
import { z } from 'zod';
import { chrome, send } from '../web/render.js';
import { field, type AppEnv } from '../web/env.js';
import { errorPage, notFound } from '../web/errorPage.js';
import { setFlash } from '../web/flash.js';
import { requireUser, safeReturnPath } from '../web/session.js';
import { valuesOf } from '../web/fields.js';
import { idParam } from '../works/readRoutes.js';
import { SubscriptionsPage } from './views/subscriptionsPage.js';
import { UpdatesPage } from './views/updates.js';

const targetSchema = z.object({
  kind: z.enum(['work', 'user', 'series'], { message: 'Choose a work, a series or a user to subscribe to.' }),
  id: z.string().regex(/^\d{1,12}$/, 'Choose a work, a series or a user to subscribe to.').transform(Number),
});

export function subscriptionRoutes() {
  const app = new Hono<AppEnv>();

  app.post('/subscriptions', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const form = c.get('form');
    const t = targetSchema.safeParse({ kind: field(form, 'kind'), id: field(form, 'id') });
    if (!t.success) return errorPage(c, 400, 'Nothing to subscribe to', t.error.issues[0]!.message);
    const result = await c.get('services').subscriptions.subscribe(user, t.data);
    if ('denied' in result) return notFound(c);
    if (!result.ok) return errorPage(c, 422, 'Not subscribed', result.errors.form ?? 'That subscription could not be made.');
    setFlash(c, 'You are subscribed. New chapters and works will show in your updates and be mailed to you.');
    return c.redirect(safeReturnPath(field(form, 'return_to')), 303);
  });

  app.post('/subscriptions/:id{[0-9]+}/delete', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const result = await c.get('services').subscriptions.unsubscribe(user, id);
    if (!result.ok) return notFound(c);
    setFlash(c, 'You are unsubscribed.');
    return c.redirect(safeReturnPath(field(c.get('form'), 'return_to')), 303);
  });

  app.get('/users/:login/subscriptions', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const { accounts, subscriptions } = c.get('services');
    const owner = await accounts.findUser(c.req.param('login'));
    const items = owner ? await subscriptions.list(user, owner.id) : null;
    // Someone else's subscriptions are not theirs to see, nor to know of.
    if (!owner || !items) return notFound(c);
    return send(c, <SubscriptionsPage chrome={chrome(c)} login={owner.login} items={items} csrf={c.get('csrf')()} />);
  });

  app.get('/inbox/updates', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const items = (await c.get('services').subscriptions.updates(user)) ?? [];
    c.header('Cache-Control', 'private, no-store');
    return send(c, <UpdatesPage chrome={chrome(c)} items={items} csrf={c.get('csrf')()} />);
  });

  app.post('/inbox/updates/read', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const form = c.get('form');
    const ids = valuesOf(form, 'id');
    if (field(form, 'all') !== '1' && (ids.length === 0 || !ids.every((v) => /^\d{1,12}$/.test(v)))) {
      return errorPage(c, 400, 'Nothing to mark', 'Choose the updates to mark as read.');
    }
    await c.get('services').subscriptions.markRead(user, field(form, 'all') === '1' ? 'all' : ids.map(Number));
    return c.redirect('/inbox/updates', 303);
  });

  return app;
}
