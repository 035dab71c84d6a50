import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { field, type AppEnv, type Ctx } from '../web/env.js';
import { errorPage, notFound } from '../web/errorPage.js';
import { setFlash } from '../web/flash.js';
import { chrome, send } from '../web/render.js';
import { requireUser, safeReturnPath } from '../web/session.js';
import { ConfirmRelationPage, RelationsPage, type Relation } from './views/relationPages.js';
import { InboxPage } from './views/inboxPage.js';

/** Signed-in page views show the unread count in the header: one small query. */
export const inboxUnread = createMiddleware<AppEnv>(async (c, next) => {
  const viewer = c.get('viewer');
  if (viewer.kind === 'user' && c.req.method === 'GET') c.set('inboxUnread', await c.get('services').responses.unreadCount(viewer));
  await next();
});

const withCsrf = (c: Ctx) => ({ ...chrome(c), csrf: c.get('csrf')() });
const TABLE = { block: 'blocks', mute: 'mutes' } as const;

/** The inbox, and blocking and muting other users. */
export function inboxRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/inbox', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const { items, unread } = await c.get('services').responses.inbox(user);
    c.header('Cache-Control', 'private, no-store');
    return send(c, <InboxPage chrome={withCsrf(c)} items={items} unread={unread} />);
  });

  app.post('/inbox/read', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const form = c.get('form');
    const one = field(form, 'comment_id');
    if (field(form, 'all') === '1') await c.get('services').responses.markRead(user, 'all');
    else if (one && /^\d{1,10}$/.test(one) && Number(one) <= 2 ** 31 - 1) await c.get('services').responses.markRead(user, [Number(one)]);
    else return errorPage(c, 400, 'Nothing to mark', 'Choose a comment to mark as read, or mark them all.');
    return c.redirect('/inbox', 303);
  });

  app.get('/settings/blocked', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const { blocked, muted } = await c.get('services').responses.relations(user);
    return send(c, <RelationsPage chrome={withCsrf(c)} blocked={blocked} muted={muted} />);
  });

  for (const relation of ['block', 'mute'] as const satisfies readonly Relation[]) {
    app.get(`/users/:login/${relation}`, async (c) => {
      const user = requireUser(c);
      if (user instanceof Response) return user;
      const { accounts, responses } = c.get('services');
      const target = await accounts.findUser(c.req.param('login'));
      if (!target) return notFound(c);
      if (target.id === user.id) return errorPage(c, 400, 'That is you', `You can’t ${relation} yourself.`);
      const active = await responses.isRelated(user, TABLE[relation], target.id);
      return send(c, <ConfirmRelationPage chrome={withCsrf(c)} login={target.login} relation={relation} active={active} />);
    });

    for (const on of [true, false]) {
      app.post(`/users/:login/${on ? '' : 'un'}${relation}`, async (c) => {
        const user = requireUser(c);
        if (user instanceof Response) return user;
        const { accounts, responses } = c.get('services');
        const target = await accounts.findUser(c.req.param('login'));
        if (!target) return notFound(c);
        const r = await responses.relate(user, TABLE[relation], { id: target.id, login: target.login }, on);
        if (!r.ok) return errorPage(c, 400, 'Not possible', 'refused' in r ? r.refused : 'That could not be done.');
        const past = relation === 'block' ? 'blocked' : 'muted';
        setFlash(c, on ? `You have ${past} ${target.login}.` : `You have un${past} ${target.login}.`);
        const to = safeReturnPath(field(c.get('form'), 'return_to'));
        return c.redirect(to === '/' ? '/settings/blocked' : to, 303);
      });
    }
  }

  return app;
}
