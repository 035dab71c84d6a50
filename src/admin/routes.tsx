import { Hono } from 'hono';
import { canAdmin } from '../policy/tags.js';
import { field, type AppEnv, type Ctx } from '../web/env.js';
import { errorPage } from '../web/errorPage.js';
import { setFlash } from '../web/flash.js';
import { chrome, send } from '../web/render.js';
import { requireUser, type SignedInViewer } from '../web/session.js';
import { adminModerationRoutes } from './moderationRoutes.js';
import { adminService } from './service.js';
import { AdminUsersPage } from './views.js';

const withCsrf = (c: Ctx) => ({ ...chrome(c), csrf: c.get('csrf')() });
// Built per request from the shared database until services.ts exposes one (see the wiring note).
const admin = (c: Ctx) => adminService(c.get('services').database.db);

function adminOnly(c: Ctx): SignedInViewer | Response {
  const user = requireUser(c);
  if (user instanceof Response) return user;
  return canAdmin(user) ? user : errorPage(c, 403, 'For admins', 'Only archive admins can manage users.');
}

async function usersPage(c: Ctx, q: string, errors: Record<string, string> = {}) {
  const users = await admin(c).findUsers(q);
  return send(c, <AdminUsersPage chrome={withCsrf(c)} q={q} users={users} errors={errors} />, Object.keys(errors).length > 0 ? 404 : 200);
}

/** Admin pages. */
export function adminRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/admin/users', (c) => {
    const user = adminOnly(c);
    return user instanceof Response ? user : usersPage(c, (c.req.query('q') ?? '').trim().slice(0, 100));
  });

  app.post('/admin/users/:login/wrangler', async (c) => {
    const user = adminOnly(c);
    if (user instanceof Response) return user;
    const login = c.req.param('login');
    const on = field(c.get('form'), 'wrangler') === '1';
    const result = await admin(c).setWrangler(login, on, (action, fn) => c.get('services').moderation.logged(user, action, `user ${login}`, '', fn));
    const q = (c.req.query('q') ?? login).trim().slice(0, 100);
    if (!result.ok) return usersPage(c, q, result.errors);
    setFlash(c, on ? `${login} is now a tag wrangler.` : `${login} is no longer a tag wrangler.`);
    return c.redirect(`/admin/users?q=${encodeURIComponent(q)}`, 303);
  });

  app.route('/', adminModerationRoutes());
  return app;
}
