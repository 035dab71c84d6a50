import { Hono } from 'hono';
import { chrome, send } from '../web/render.js';
import { field, type AppEnv, type Ctx, type FormData } from '../web/env.js';
import { errorPage, notFound } from '../web/errorPage.js';
import { setFlash } from '../web/flash.js';
import { requireUser, type SignedInViewer } from '../web/session.js';
import type { Denied, PostAction } from './posting.js';
import { idParam } from './readRoutes.js';
import { ChapterFormPage, chapterFormValues } from './views/chapterForm.js';
import { DeleteWorkPage } from './views/deletePage.js';
import { WorkListPage } from './views/blurb.js';
import { WorkFormPage, workFormValues } from './views/workForm.js';
import type { FieldErrors } from '../result.js';
import { canPostWorks } from '../policy/works.js';

const withCsrf = (c: Ctx) => ({ ...chrome(c), csrf: c.get('csrf')() });
const action = (form: FormData): PostAction => (field(form, 'action') === 'post' ? 'post' : 'draft');

function deniedPage(c: Ctx, d: Denied) {
  return d.denied === 'forbidden'
    ? errorPage(c, 403, 'Not yours to change', 'Only the creators of a work can change it.')
    : notFound(c);
}

/** Signed-in user and a numeric work id, or the response that says why not. */
function userAndWork(c: Ctx): { user: SignedInViewer; workId: number } | Response {
  const user = requireUser(c);
  if (user instanceof Response) return user;
  const workId = idParam(c.req.param('id'));
  return workId === null ? notFound(c) : { user, workId };
}

export function postRoutes() {
  const app = new Hono<AppEnv>();

  async function newWorkForm(c: Ctx, user: SignedInViewer, values: FormData, errors: FieldErrors, status: 200 | 422) {
    const pseuds = await c.get('services').accounts.pseudsOf(user.id);
    return send(c, <WorkFormPage chrome={withCsrf(c)} state={{ values, errors }} pseuds={pseuds} />, status);
  }

  app.get('/works/new', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    // Suspended users are told before they write, not when they send (moderation/middleware.ts).
    if (!canPostWorks(user)) return errorPage(c, 403, 'Your account is suspended', `You can post again after ${user.suspendedUntil?.slice(0, 10) ?? 'your suspension ends'}.`);
    const pseuds = await c.get('services').accounts.pseudsOf(user.id);
    const defaults = { pseud_ids: pseuds.filter((p) => p.isDefault).map((p) => String(p.id)), language: 'en', expected_chapters: '1', text_format: 'html' };
    return newWorkForm(c, user, defaults, {}, 200);
  });

  app.post('/works', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const form = c.get('form');
    const spam = await c.get('services').moderation.spamCheck(user.id, form, 'new work');
    if (spam) return newWorkForm(c, user, form, spam, 422);
    const result = await c.get('services').posting.createWork(user, form, form, action(form));
    if (!result.ok) return newWorkForm(c, user, form, result.errors, 422);
    const verb = field(form, 'action');
    setFlash(c, verb === 'post' ? 'Work was successfully posted.' : verb === 'preview' ? 'Preview: this draft is saved. Post it when it looks right.' : 'Draft saved. Only you can see it.');
    return c.redirect(`/works/${result.value}`, 303);
  });

  async function editForm(c: Ctx, user: SignedInViewer, workId: number, values: FormData | null, errors: FieldErrors, status: 200 | 422) {
    const { reading, accounts } = c.get('services');
    const found = await reading.forEditing(user, workId);
    if (!found) return notFound(c);
    const pseuds = await accounts.pseudsOf(user.id);
    return send(c, <WorkFormPage chrome={withCsrf(c)} state={{ values: values ?? workFormValues(found.work), errors }} pseuds={pseuds} work={found.work} />, status);
  }

  app.get('/works/:id/edit', (c) => {
    const uw = userAndWork(c);
    return uw instanceof Response ? uw : editForm(c, uw.user, uw.workId, null, {}, 200);
  });

  app.post('/works/:id', async (c) => {
    const uw = userAndWork(c);
    if (uw instanceof Response) return uw;
    const form = c.get('form');
    const spam = await c.get('services').moderation.spamCheck(uw.user.id, form, 'edit');
    if (spam) return editForm(c, uw.user, uw.workId, form, spam, 422);
    const result = await c.get('services').posting.updateWork(uw.user, uw.workId, form);
    if ('denied' in result) return deniedPage(c, result);
    if (!result.ok) return editForm(c, uw.user, uw.workId, form, result.errors, 422);
    setFlash(c, 'Work was successfully updated.');
    return c.redirect(`/works/${uw.workId}`, 303);
  });

  app.post('/works/:id/post', async (c) => {
    const uw = userAndWork(c);
    if (uw instanceof Response) return uw;
    const result = await c.get('services').posting.postDraft(uw.user, uw.workId);
    if ('denied' in result) return deniedPage(c, result);
    setFlash(c, 'Work was successfully posted.');
    return c.redirect(`/works/${uw.workId}`, 303);
  });

  app.post('/works/:id/tags', async (c) => {
    const uw = userAndWork(c);
    if (uw instanceof Response) return uw;
    const tagId = idParam(field(c.get('form'), 'tag_id'));
    if (tagId === null) return errorPage(c, 400, 'No tag chosen', 'Choose a tag to add.');
    const result = await c.get('services').posting.addTag(uw.user, uw.workId, tagId);
    if ('denied' in result) return deniedPage(c, result);
    if (!result.ok) return errorPage(c, 422, 'Tag not added', result.errors.form ?? 'That tag could not be added.');
    setFlash(c, 'Tag added.');
    return c.redirect(`/works/${uw.workId}`, 303);
  });

  app.get('/works/:id/delete', async (c) => {
    const uw = userAndWork(c);
    if (uw instanceof Response) return uw;
    const found = await c.get('services').reading.forEditing(uw.user, uw.workId);
    return found ? send(c, <DeleteWorkPage chrome={withCsrf(c)} work={found.work} />) : notFound(c);
  });

  app.post('/works/:id/delete', async (c) => {
    const uw = userAndWork(c);
    if (uw instanceof Response) return uw;
    const result = await c.get('services').posting.deleteWork(uw.user, uw.workId);
    if ('denied' in result) return deniedPage(c, result);
    setFlash(c, 'Your work was deleted.');
    return c.redirect(`/users/${uw.user.login}/works`, 303);
  });

  async function chapterForm(c: Ctx, user: SignedInViewer, workId: number, chapterId: number | null, values: FormData | null, errors: FieldErrors, status: 200 | 422) {
    const { reading } = c.get('services');
    if (chapterId === null) {
      const found = await reading.forEditing(user, workId);
      if (!found) return notFound(c);
      return send(c, <ChapterFormPage chrome={withCsrf(c)} state={{ values: values ?? { text_format: 'html' }, errors }} work={found.work} />, status);
    }
    const found = await reading.chapterForEditing(user, workId, chapterId);
    if (!found) return notFound(c);
    return send(c, <ChapterFormPage chrome={withCsrf(c)} state={{ values: values ?? chapterFormValues(found.chapter), errors }} work={found.work} chapter={found.chapter} />, status);
  }

  app.get('/works/:id/chapters/new', (c) => {
    const uw = userAndWork(c);
    return uw instanceof Response ? uw : chapterForm(c, uw.user, uw.workId, null, null, {}, 200);
  });

  app.post('/works/:id/chapters', async (c) => {
    const uw = userAndWork(c);
    if (uw instanceof Response) return uw;
    const form = c.get('form');
    const result = await c.get('services').posting.addChapter(uw.user, uw.workId, form, action(form));
    if ('denied' in result) return deniedPage(c, result);
    if (!result.ok) return chapterForm(c, uw.user, uw.workId, null, form, result.errors, 422);
    setFlash(c, action(form) === 'post' ? 'Chapter was successfully posted.' : 'Chapter saved as a draft.');
    return c.redirect(`/works/${uw.workId}/chapters/${result.value}`, 303);
  });

  app.get('/works/:id/chapters/:chapterId{[0-9]+}/edit', (c) => {
    const uw = userAndWork(c);
    if (uw instanceof Response) return uw;
    const chapterId = idParam(c.req.param('chapterId'));
    return chapterId === null ? notFound(c) : chapterForm(c, uw.user, uw.workId, chapterId, null, {}, 200);
  });

  app.post('/works/:id/chapters/:chapterId{[0-9]+}', async (c) => {
    const uw = userAndWork(c);
    if (uw instanceof Response) return uw;
    const chapterId = idParam(c.req.param('chapterId'));
    if (chapterId === null) return notFound(c);
    const form = c.get('form');
    const result = await c.get('services').posting.updateChapter(uw.user, uw.workId, chapterId, form, action(form));
    if ('denied' in result) return deniedPage(c, result);
    if (!result.ok) return chapterForm(c, uw.user, uw.workId, chapterId, form, result.errors, 422);
    setFlash(c, 'Chapter was successfully updated.');
    return c.redirect(`/works/${uw.workId}/chapters/${chapterId}`, 303);
  });

  app.post('/works/:id/chapters/:chapterId{[0-9]+}/delete', async (c) => {
    const uw = userAndWork(c);
    if (uw instanceof Response) return uw;
    const chapterId = idParam(c.req.param('chapterId'));
    if (chapterId === null) return notFound(c);
    const result = await c.get('services').posting.deleteChapter(uw.user, uw.workId, chapterId);
    if ('denied' in result) return deniedPage(c, result);
    if (!result.ok) return errorPage(c, 422, 'Chapter not deleted', result.errors.form ?? 'This chapter cannot be deleted.');
    setFlash(c, 'Chapter was deleted.');
    return c.redirect(`/works/${uw.workId}`, 303);
  });

  app.post('/works/:id/chapters/order', async (c) => {
    const uw = userAndWork(c);
    if (uw instanceof Response) return uw;
    const positions = Object.entries(c.get('form'))
      .flatMap(([k, v]) => {
        const m = /^position_(\d+)$/.exec(k);
        return m ? [{ id: Number(m[1]), position: Number(Array.isArray(v) ? v[0] : v) }] : [];
      })
      .sort((a, b) => a.position - b.position || a.id - b.id);
    const result = await c.get('services').posting.reorderChapters(uw.user, uw.workId, positions.map((p) => p.id));
    if ('denied' in result) return deniedPage(c, result);
    if (!result.ok) return errorPage(c, 422, 'Order not changed', result.errors.form ?? 'Check the positions and try again.');
    setFlash(c, 'Chapter order updated.');
    return c.redirect(`/works/${uw.workId}/navigate`, 303);
  });

  app.get('/users/:login/works/drafts', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    if (user.login.toLowerCase() !== c.req.param('login').toLowerCase()) return notFound(c);
    const works = await c.get('services').reading.drafts(user);
    return send(c, <WorkListPage title="Your drafts" listing={{ works, total: works.length, page: 1, perPage: Math.max(works.length, 1), facets: {}, excludedBySettings: 0 }}
      path={`/users/${user.login}/works/drafts`} chrome={chrome(c)} />);
  });

  return app;
}
