import { Hono } from 'hono';
import type { FieldErrors } from '../result.js';
import { type AppEnv, type Ctx, type FormData } from '../web/env.js';
import { errorPage } from '../web/errorPage.js';
import { setFlash } from '../web/flash.js';
import { chrome, send } from '../web/render.js';
import { requireUser, type SignedInViewer } from '../web/session.js';
import { idParam } from '../works/readRoutes.js';
import { TokensPage } from './views/tokensPage.js';

/** The settings page where a user creates and revokes personal access tokens. */
export function tokenRoutes() {
  const app = new Hono<AppEnv>();

  async function page(c: Ctx, user: SignedInViewer, values: FormData, errors: FieldErrors, created?: { name: string; token: string }) {
    const tokens = await c.get('services').tokens.list(user.id);
    // The page that shows a new token must not be kept by any cache.
    c.header('Cache-Control', 'no-store');
    return send(c, <TokensPage chrome={{ ...chrome(c), csrf: c.get('csrf')() }} tokens={tokens} state={{ values, errors }} created={created} />,
      Object.keys(errors).length ? 422 : 200);
  }

  app.get('/settings/tokens', (c) => {
    const user = requireUser(c);
    return user instanceof Response ? user : page(c, user, { scope: 'read' }, {});
  });

  app.post('/settings/tokens', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const form = c.get('form');
    const result = await c.get('services').tokens.create(user.id, form);
    if (!result.ok) return page(c, user, form, result.errors);
    return page(c, user, { scope: 'read' }, {}, { name: result.value.name, token: result.value.token });
  });

  app.post('/settings/tokens/:id/revoke', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const id = idParam(c.req.param('id'));
    if (id === null || !(await c.get('services').tokens.revoke(user.id, id))) {
      return errorPage(c, 404, 'Token not found', 'You have no live token with that number; it may already be revoked.');
    }
    setFlash(c, 'Token revoked. Tools using it can no longer reach your account.');
    return c.redirect('/settings/tokens', 303);
  });

  return app;
}
