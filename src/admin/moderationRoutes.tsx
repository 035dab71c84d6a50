import { Hono } from 'hono';
import { NO_COMMENT, type NotAdmin } from '../moderation/service.js';
import { canAdmin } from '../policy/tags.js';
import { rowId } from '../responses/routes.js';
import type { Result } from '../result.js';
import { field, type AppEnv, type Ctx } from '../web/env.js';
import { errorPage, notFound } from '../web/errorPage.js';
import { setFlash } from '../web/flash.js';
import { chrome, send } from '../web/render.js';
import { requireUser, safeReturnPath, type SignedInViewer } from '../web/session.js';
import { idParam } from '../works/readRoutes.js';
import { MODERATION, worksMeta } from '../works/store.js';
import { AdminUserPage, AdminWorkPage, LogPage, NewsAdminPage, ReportsPage, SiteSettingsPage } from './moderationViews.js';

const withCsrf = (c: Ctx) => ({ ...chrome(c), csrf: c.get('csrf')() });

export function adminOnly(c: Ctx): SignedInViewer | Response {
  const user = requireUser(c);
  if (user instanceof Response) return user;
  return canAdmin(user) ? user : errorPage(c, 403, 'For admins', 'Only archive admins can do this.');
}

const forbidden = (c: Ctx) => errorPage(c, 403, 'For admins', 'Only archive admins can do this.');
const isDenied = <T,>(r: Result<T> | NotAdmin): r is NotAdmin => !r.ok && 'denied' in r;

/** The moderation half of the admin pages: reports, works, accounts, the log, news, settings. */
export function adminModerationRoutes() {
  const app = new Hono<AppEnv>();

  async function reportsPage(c: Ctx, admin: SignedInViewer, errors: Record<string, string> = {}) {
    const lists = await c.get('services').moderation.reports(admin);
    if (!lists) return forbidden(c);
    return send(c, <ReportsPage chrome={withCsrf(c)} open={lists.open} handled={lists.handled} errors={errors} />, Object.keys(errors).length ? 422 : 200);
  }

  app.get('/admin/reports', (c) => {
    const admin = adminOnly(c);
    return admin instanceof Response ? admin : reportsPage(c, admin);
  });
  app.post('/admin/reports/:id{[0-9]+}', async (c) => {
    const admin = adminOnly(c);
    if (admin instanceof Response) return admin;
    const status = field(c.get('form'), 'status') === 'resolved' ? 'resolved' : 'dismissed';
    const result = await c.get('services').moderation.handleReport(admin, idParam(c.req.param('id'))!, status, field(c.get('form'), 'reason'));
    if (isDenied(result)) return forbidden(c);
    if (!result.ok) return reportsPage(c, admin, result.errors);
    setFlash(c, `Report ${status}.`);
    return c.redirect('/admin/reports', 303);
  });

  async function workPage(c: Ctx, workId: number, errors: Record<string, string> = {}) {
    const [work] = await worksMeta(c.get('services').database.db, MODERATION, [workId]);
    if (!work) return notFound(c);
    return send(c, <AdminWorkPage chrome={withCsrf(c)} work={work} errors={errors} />, Object.keys(errors).length ? 422 : 200);
  }
  app.get('/admin/works/:id{[0-9]+}', (c) => {
    const admin = adminOnly(c);
    return admin instanceof Response ? admin : workPage(c, idParam(c.req.param('id'))!);
  });
  for (const verb of ['hide', 'unhide'] as const) {
    app.post(`/admin/works/:id{[0-9]+}/${verb}`, async (c) => {
      const admin = adminOnly(c);
      if (admin instanceof Response) return admin;
      const workId = idParam(c.req.param('id'))!;
      const { moderation } = c.get('services');
      const reason = field(c.get('form'), 'reason');
      const result = verb === 'hide' ? await moderation.hideWork(admin, workId, reason) : await moderation.unhideWork(admin, workId, reason);
      if (isDenied(result)) return forbidden(c);
      if (!result.ok) return workPage(c, workId, result.errors);
      setFlash(c, verb === 'hide' ? 'The work is hidden. Its creators have been told.' : 'The work is visible again.');
      return c.redirect(`/admin/works/${workId}`, 303);
    });
  }

  for (const verb of ['hide', 'unhide'] as const) {
    app.post(`/admin/comments/:id{[0-9]+}/${verb}`, async (c) => {
      const admin = adminOnly(c);
      if (admin instanceof Response) return admin;
      const commentId = rowId(c.req.param('id'));
      if (commentId === null) return notFound(c);
      const { moderation } = c.get('services');
      const form = c.get('form');
      const reason = field(form, 'reason');
      const result = verb === 'hide' ? await moderation.hideComment(admin, commentId, reason) : await moderation.unhideComment(admin, commentId, reason);
      if (isDenied(result)) return forbidden(c);
      if (!result.ok) {
        const missing = result.errors.form === NO_COMMENT;
        return errorPage(c, missing ? 404 : 409, missing ? 'No such comment' : 'Comment not changed', Object.values(result.errors).join(' '));
      }
      setFlash(c, verb === 'hide' ? 'The comment is hidden: only its author and the admins see it.' : 'The comment is visible again.');
      const to = safeReturnPath(field(form, 'return_to'));
      return c.redirect(`${to === '/' ? `/works/${result.value.workId}` : to}#comment-${commentId}`, 303);
    });
  }

  async function userPage(c: Ctx, login: string, state = { values: {}, errors: {} as Record<string, string> }) {
    const user = await c.get('services').moderation.findUser(login);
    if (!user) return errorPage(c, 404, 'No such user', `There is no user called “${login}”.`);
    return send(c, <AdminUserPage chrome={withCsrf(c)} state={state}
      user={{ login: user.login, email: user.email, createdAt: user.created_at, suspendedUntil: user.suspended_until, bannedAt: user.banned_at }} />,
    Object.keys(state.errors).length ? 422 : 200);
  }
  app.get('/admin/users/:login', (c) => {
    const admin = adminOnly(c);
    return admin instanceof Response ? admin : userPage(c, c.req.param('login'));
  });
  const accountActions: Record<string, (c: Ctx, admin: SignedInViewer, login: string) => Promise<Result<unknown> | NotAdmin>> = {
    suspend: (c, admin, login) => c.get('services').moderation.suspend(admin, login, field(c.get('form'), 'until'), field(c.get('form'), 'reason')),
    unsuspend: (c, admin, login) => c.get('services').moderation.unsuspend(admin, login, field(c.get('form'), 'reason')),
    ban: (c, admin, login) => c.get('services').moderation.setBanned(admin, login, true, field(c.get('form'), 'reason')),
    unban: (c, admin, login) => c.get('services').moderation.setBanned(admin, login, false, field(c.get('form'), 'reason')),
  };
  const done: Record<string, string> = { suspend: 'is suspended', unsuspend: 'is no longer suspended', ban: 'is banned', unban: 'is no longer banned' };
  for (const [verb, run] of Object.entries(accountActions)) {
    app.post(`/admin/users/:login/${verb}`, async (c) => {
      const admin = adminOnly(c);
      if (admin instanceof Response) return admin;
      const login = c.req.param('login');
      const result = await run(c, admin, login);
      if (isDenied(result)) return forbidden(c);
      if (!result.ok) return userPage(c, login, { values: c.get('form'), errors: result.errors });
      setFlash(c, `${login} ${done[verb]}.`);
      return c.redirect(`/admin/users/${encodeURIComponent(login)}`, 303);
    });
  }

  app.get('/admin/log', async (c) => {
    const admin = adminOnly(c);
    if (admin instanceof Response) return admin;
    const page = Math.max(1, Math.min(10_000, Number(c.req.query('page')) || 1));
    const entries = await c.get('services').moderation.log(admin, page);
    return entries ? send(c, <LogPage chrome={withCsrf(c)} entries={entries} page={page} />) : forbidden(c);
  });

  app.get('/admin/news', async (c) => {
    const admin = adminOnly(c);
    if (admin instanceof Response) return admin;
    return send(c, <NewsAdminPage chrome={withCsrf(c)} news={await c.get('services').moderation.news()} state={{ values: {}, errors: {} }} />);
  });
  app.post('/admin/news', async (c) => {
    const admin = adminOnly(c);
    if (admin instanceof Response) return admin;
    const form = c.get('form');
    const { moderation } = c.get('services');
    const result = await moderation.postNews(admin, { title: field(form, 'title'), body: field(form, 'body') });
    if (isDenied(result)) return forbidden(c);
    if (!result.ok) return send(c, <NewsAdminPage chrome={withCsrf(c)} news={await moderation.news()} state={{ values: form, errors: result.errors }} />, 422);
    setFlash(c, 'The news is on the front page.');
    return c.redirect('/admin/news', 303);
  });
  app.post('/admin/news/:id{[0-9]+}/retire', async (c) => {
    const admin = adminOnly(c);
    if (admin instanceof Response) return admin;
    const result = await c.get('services').moderation.retireNews(admin, idParam(c.req.param('id'))!);
    if (isDenied(result)) return forbidden(c);
    if (!result.ok) return errorPage(c, 404, 'No such news', Object.values(result.errors).join(' '));
    setFlash(c, 'The news is taken down.');
    return c.redirect('/admin/news', 303);
  });

  app.get('/admin/settings', async (c) => {
    const admin = adminOnly(c);
    if (admin instanceof Response) return admin;
    return send(c, <SiteSettingsPage chrome={withCsrf(c)} aiBlocked={await c.get('services').moderation.aiCrawlersBlocked()} />);
  });
  app.post('/admin/settings', async (c) => {
    const admin = adminOnly(c);
    if (admin instanceof Response) return admin;
    const result = await c.get('services').moderation.setAiCrawlersBlocked(admin, field(c.get('form'), 'ai_blocked') === '1');
    if (isDenied(result)) return forbidden(c);
    setFlash(c, 'Settings saved.');
    return c.redirect('/admin/settings', 303);
  });

  return app;
}
