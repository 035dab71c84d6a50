import { Hono } from 'hono';
import { chrome, send } from '../web/render.js';
import { field, type AppEnv, type Ctx, type FormData } from '../web/env.js';
import { errorPage, notFound } from '../web/errorPage.js';
import { setFlash } from '../web/flash.js';
import { requireUser, type SignedInViewer } from '../web/session.js';
import type { FieldErrors } from '../result.js';
import { idParam } from '../works/readRoutes.js';
import { SubscribeButton } from '../subscriptions/views/subscribeButton.js';
import type { Denied } from './service.js';
import { SeriesFormPage, seriesFormValues } from './views/seriesForm.js';
import { SeriesPageView, UserSeriesPage } from './views/seriesPage.js';

const withCsrf = (c: Ctx) => ({ ...chrome(c), csrf: c.get('csrf')() });

const denied = (c: Ctx, d: Denied) =>
  d.denied === 'forbidden' ? errorPage(c, 403, 'Not yours to change', 'Only the creator of a series can change it.') : notFound(c);

function userAndSeries(c: Ctx): { user: SignedInViewer; seriesId: number } | Response {
  const user = requireUser(c);
  if (user instanceof Response) return user;
  const seriesId = idParam(c.req.param('id'));
  return seriesId === null ? notFound(c) : { user, seriesId };
}

export function seriesRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/series/new', (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    return send(c, <SeriesFormPage chrome={withCsrf(c)} state={{ values: {}, errors: {} }} />);
  });

  app.post('/series', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const form = c.get('form');
    const result = await c.get('services').series.create(user, form);
    if (!result.ok) return send(c, <SeriesFormPage chrome={withCsrf(c)} state={{ values: form, errors: result.errors }} />, 422);
    setFlash(c, 'Series created. Add your works to it below.');
    return c.redirect(`/series/${result.value}`, 303);
  });

  app.get('/series/:id{[0-9]+}', async (c) => {
    const id = idParam(c.req.param('id'));
    const { series, bookmarks, subscriptions } = c.get('services');
    const viewer = c.get('viewer');
    const data = id === null ? null : await series.page(viewer, id);
    if (id === null || !data) return notFound(c);
    const ch = chrome(c);
    const target = { kind: 'series' as const, id };
    const actions = ch.csrf ? (
      <div class="actions">
        <SubscribeButton target={target} current={await subscriptions.current(viewer, target)} csrf={ch.csrf} back={`/series/${id}`} />
        {' '}<a href={`/series/${id}/bookmarks/new`}>{(await bookmarks.mine(viewer, { kind: 'series', id })) ? 'Edit Bookmark' : 'Bookmark'}</a>
      </div>
    ) : null;
    c.header('Cache-Control', 'private, no-cache');
    return send(c, <SeriesPageView data={data} chrome={ch} actions={actions} bookmarks={await bookmarks.publicCount(target)} />);
  });

  async function editForm(c: Ctx, user: SignedInViewer, seriesId: number, values: FormData | null, errors: FieldErrors, status: 200 | 422) {
    const data = await c.get('services').series.page(user, seriesId);
    if (!data) return notFound(c);
    if (!data.isOwner) return denied(c, { ok: false, denied: 'forbidden' });
    return send(c, <SeriesFormPage chrome={withCsrf(c)} state={{ values: values ?? seriesFormValues(data.series), errors }} series={data.series} />, status);
  }

  app.get('/series/:id{[0-9]+}/edit', (c) => {
    const us = userAndSeries(c);
    return us instanceof Response ? us : editForm(c, us.user, us.seriesId, null, {}, 200);
  });

  app.post('/series/:id{[0-9]+}', async (c) => {
    const us = userAndSeries(c);
    if (us instanceof Response) return us;
    const form = c.get('form');
    const result = await c.get('services').series.update(us.user, us.seriesId, form);
    if ('denied' in result) return denied(c, result);
    if (!result.ok) return editForm(c, us.user, us.seriesId, form, result.errors, 422);
    setFlash(c, 'Series updated.');
    return c.redirect(`/series/${us.seriesId}`, 303);
  });

  app.post('/series/:id{[0-9]+}/delete', async (c) => {
    const us = userAndSeries(c);
    if (us instanceof Response) return us;
    const result = await c.get('services').series.remove(us.user, us.seriesId);
    if ('denied' in result) return denied(c, result);
    setFlash(c, 'Series deleted. Its works are still here.');
    return c.redirect(`/users/${us.user.login}/series`, 303);
  });

  app.post('/series/:id{[0-9]+}/parts', async (c) => {
    const us = userAndSeries(c);
    if (us instanceof Response) return us;
    const result = await c.get('services').series.addWork(us.user, us.seriesId, field(c.get('form'), 'work_id'));
    if ('denied' in result) return denied(c, result);
    if (!result.ok) return errorPage(c, 422, 'Not added', `${Object.values(result.errors)[0]} Go back to the series and choose another.`);
    setFlash(c, 'Work added to the series.');
    return c.redirect(`/series/${us.seriesId}`, 303);
  });

  app.post('/series/:id{[0-9]+}/parts/:workId{[0-9]+}/delete', async (c) => {
    const us = userAndSeries(c);
    if (us instanceof Response) return us;
    const workId = idParam(c.req.param('workId'));
    if (workId === null) return notFound(c);
    const result = await c.get('services').series.removeWork(us.user, us.seriesId, workId);
    if ('denied' in result) return denied(c, result);
    setFlash(c, 'Work removed from the series.');
    return c.redirect(`/series/${us.seriesId}`, 303);
  });

  app.post('/series/:id{[0-9]+}/parts/:workId{[0-9]+}/move', async (c) => {
    const us = userAndSeries(c);
    if (us instanceof Response) return us;
    const workId = idParam(c.req.param('workId'));
    const direction = field(c.get('form'), 'direction');
    if (workId === null) return notFound(c);
    if (direction !== 'up' && direction !== 'down') return errorPage(c, 400, 'Not moved', 'A work moves up or down.');
    const result = await c.get('services').series.move(us.user, us.seriesId, workId, direction);
    if ('denied' in result) return denied(c, result);
    if (!result.ok) return notFound(c);
    return c.redirect(`/series/${us.seriesId}`, 303);
  });

  app.get('/users/:login/series', async (c) => {
    const { accounts, series } = c.get('services');
    const owner = await accounts.findUser(c.req.param('login'));
    if (!owner) return notFound(c);
    return send(c, <UserSeriesPage chrome={chrome(c)} login={owner.login} list={await series.ofUser(c.get('viewer'), owner.id)} />);
  });

  return app;
}
