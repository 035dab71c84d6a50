import { Hono } from 'hono';
import type { Viewer } from '../policy/viewer.js';
import { fieldErrors } from '../result.js';
import { clientAddress } from '../web/clientAddress.js';
import { field, type AppEnv, type Ctx, type FormData } from '../web/env.js';
import { errorPage, notFound } from '../web/errorPage.js';
import { setFlash } from '../web/flash.js';
import { RateLimiter } from '../web/rateLimit.js';
import { chrome, send } from '../web/render.js';
import { requireUser, safeReturnPath } from '../web/session.js';
import { commentSchema, commentSettingsSchema, guestCommentSchema, type CommentInput } from './rules.js';
import { sendCommentNotice } from './mail.js';
import type { CommentNotice, Outcome, Posted } from './service.js';
import type { Services } from '../services.js';
import { CommentFormPage, CommentSettingsPage, KudosListPage } from './views/pages.js';

const withCsrf = (c: Ctx) => ({ ...chrome(c), csrf: c.get('csrf')() });

/** A row id from the URL or a form: ids are 32-bit on both dialects, so anything larger is no row. */
export const rowId = (raw: string | undefined) => (raw && /^\d{1,10}$/.test(raw) && Number(raw) > 0 && Number(raw) <= 2 ** 31 - 1 ? Number(raw) : null);
const back = (form: FormData, fallback: string) => {
  const to = safeReturnPath(field(form, 'return_to'));
  return to === '/' ? fallback : to;
};

/** not-found and refusals become pages; a success becomes the value. */
function settle<T>(c: Ctx, outcome: Outcome<T>): { value: T } | { errors: Record<string, string> } | Response {
  if (outcome.ok) return { value: outcome.value };
  if ('denied' in outcome) return notFound(c);
  if ('refused' in outcome) return errorPage(c, 403, 'Not allowed', outcome.refused);
  return { errors: outcome.errors };
}

const parseComment = (viewer: Viewer, form: FormData) =>
  (viewer.kind === 'guest' ? guestCommentSchema : commentSchema).safeParse({
    body: field(form, 'body'), guest_name: field(form, 'guest_name'), guest_email: field(form, 'guest_email'),
  });

export function responseRoutes() {
  const app = new Hono<AppEnv>();
  // New accounts and guests: 3 comments per 15 minutes. In-process for now (see ARCHITECTURE.md).
  const newcomerComments = new RateLimiter(3, 15 * 60_000, 'comments-newcomer');

  /** Seconds to wait before this viewer may comment again, or 0. */
  async function commentWait(c: Ctx): Promise<number> {
    const viewer = c.get('viewer');
    if (!(await c.get('services').responses.isNewcomer(viewer))) return 0;
    return newcomerComments.hit(viewer.kind === 'user' ? `user:${viewer.id}` : `addr:${clientAddress(c)}`);
  }
  const slowDown = (c: Ctx, wait: number) => errorPage(c, 429, 'Please wait before commenting again',
    `New accounts and guests can post 3 comments every 15 minutes. Try again in ${Math.ceil(wait / 60)} minute${wait > 60 ? 's' : ''}.`);

  /** Emails about a stored comment; one that cannot be sent must not turn the saved comment into an error page (the inbox has it). */
  const notify = (c: Ctx, notice: CommentNotice | null | undefined) =>
    sendCommentNotice(c.get('services').mail, c.get('services').config.baseUrl, notice).catch(() => undefined);

  async function commentPosted(c: Ctx, form: FormData, r: Posted) {
    await notify(c, r.notice);
    setFlash(c, r.held ? 'Your comment was submitted; it will appear once the creator approves it.' : 'Comment posted.');
    return c.redirect(`${back(form, `/works/${r.workId}`)}#comment-${r.id}`, 303);
  }

  app.post('/works/:id{[0-9]+}/kudos', async (c) => {
    const workId = rowId(c.req.param('id'));
    if (workId === null) return notFound(c);
    const form = c.get('form');
    const r = settle(c, await c.get('services').responses.leaveKudos(c.get('viewer'), workId, clientAddress(c)));
    if (r instanceof Response) return r;
    if ('errors' in r) return notFound(c);
    setFlash(c, r.value === 'given' ? 'Thank you for leaving kudos!' : 'You have already left kudos here. :)');
    return c.redirect(`${back(form, `/works/${workId}`)}#responses`, 303);
  });

  app.get('/works/:id{[0-9]+}/kudos', async (c) => {
    const workId = rowId(c.req.param('id'));
    if (workId === null) return notFound(c);
    const kudos = await c.get('services').responses.kudos(c.get('viewer'), workId, true);
    if (!kudos) return notFound(c);
    return send(c, <KudosListPage chrome={chrome(c)} workId={workId} kudos={kudos} />);
  });

  app.post('/works/:id{[0-9]+}/comments', async (c) => {
    const workId = rowId(c.req.param('id'));
    if (workId === null) return notFound(c);
    const viewer = c.get('viewer');
    const form = c.get('form');
    const rawChapter = field(form, 'chapter_id');
    const chapterId = rawChapter ? rowId(rawChapter) : null;
    if (rawChapter && chapterId === null) return notFound(c);
    const page = (errors: Record<string, string>) => send(c, <CommentFormPage chrome={withCsrf(c)} heading="Your comment" action={`/works/${workId}/comments`}
      guest={viewer.kind === 'guest'} state={{ values: form, errors }} returnTo={back(form, `/works/${workId}`)} workId={workId} chapterId={chapterId ?? undefined} />, 400);
    const parsed = parseComment(viewer, form);
    if (!parsed.success) return page(fieldErrors(parsed.error.issues));
    const wait = await commentWait(c);
    if (wait) return slowDown(c, wait);
    const r = settle(c, await c.get('services').responses.comment(viewer, workId, chapterId, parsed.data as CommentInput));
    if (r instanceof Response) return r;
    return 'errors' in r ? page(r.errors) : commentPosted(c, form, r.value);
  });

  async function replyPage(c: Ctx, commentId: number, values: FormData, errors: Record<string, string>, status: 200 | 400) {
    const found = await c.get('services').responses.forReply(c.get('viewer'), commentId);
    if (!found) return notFound(c);
    return send(c, <CommentFormPage chrome={withCsrf(c)} heading={`Reply to a comment on ${found.workTitle}`} action={`/comments/${commentId}/replies`}
      guest={c.get('viewer').kind === 'guest'} state={{ values, errors }} returnTo={back(values, `/works/${found.work.id}`)} workId={found.work.id}
      parent={found.comment} label="Reply" refusal={found.replyRefusal} />, status);
  }

  app.get('/comments/:id{[0-9]+}/reply', (c) => {
    const commentId = rowId(c.req.param('id'));
    return commentId === null ? notFound(c) : replyPage(c, commentId, {}, {}, 200);
  });

  app.post('/comments/:id{[0-9]+}/replies', async (c) => {
    const commentId = rowId(c.req.param('id'));
    if (commentId === null) return notFound(c);
    const viewer = c.get('viewer');
    const form = c.get('form');
    const parsed = parseComment(viewer, form);
    if (!parsed.success) return replyPage(c, commentId, form, fieldErrors(parsed.error.issues), 400);
    const wait = await commentWait(c);
    if (wait) return slowDown(c, wait);
    const r = settle(c, await c.get('services').responses.reply(viewer, commentId, parsed.data as CommentInput));
    if (r instanceof Response) return r;
    return 'errors' in r ? replyPage(c, commentId, form, r.errors, 400) : commentPosted(c, form, r.value);
  });

  async function editPage(c: Ctx, commentId: number, values: FormData | null, errors: Record<string, string>, status: 200 | 400) {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const found = await c.get('services').responses.forReply(user, commentId);
    if (!found) return notFound(c);
    if (found.comment.userId !== user.id) return errorPage(c, 403, 'Not allowed', 'You can only edit your own comments.');
    return send(c, <CommentFormPage chrome={withCsrf(c)} heading="Edit comment" action={`/comments/${commentId}/edit`} guest={false}
      state={{ values: values ?? { body: found.comment.body }, errors }} returnTo={back(values ?? {}, `/works/${found.work.id}`)} workId={found.work.id} label="Comment" />, status);
  }

  app.get('/comments/:id{[0-9]+}/edit', (c) => {
    const commentId = rowId(c.req.param('id'));
    return commentId === null ? notFound(c) : editPage(c, commentId, null, {}, 200);
  });

  app.post('/comments/:id{[0-9]+}/edit', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const commentId = rowId(c.req.param('id'));
    if (commentId === null) return notFound(c);
    const form = c.get('form');
    const parsed = commentSchema.safeParse({ body: field(form, 'body') });
    if (!parsed.success) return editPage(c, commentId, form, fieldErrors(parsed.error.issues), 400);
    const r = settle(c, await c.get('services').responses.edit(user, commentId, parsed.data.body));
    if (r instanceof Response) return r;
    if ('errors' in r) return editPage(c, commentId, form, r.errors, 400);
    setFlash(c, 'Comment updated.');
    return c.redirect(`${back(form, `/works/${r.value.workId}`)}#comment-${commentId}`, 303);
  });

  type Moderate = (s: Services, v: Viewer, id: number) => Promise<Outcome<{ workId: number; notice?: CommentNotice | null }>>;
  const moderation: Array<[verb: string, message: string, act: Moderate]> = [
    ['delete', 'Comment deleted.', (s, v, id) => s.responses.remove(v, id)],
    ['freeze', 'Thread frozen: it takes no new replies.', (s, v, id) => s.responses.setFrozen(v, id, true)],
    ['unfreeze', 'Thread unfrozen.', (s, v, id) => s.responses.setFrozen(v, id, false)],
    ['approve', 'Comment approved.', (s, v, id) => s.responses.approve(v, id)],
  ];
  for (const [verb, message, act] of moderation) {
    app.post(`/comments/:id{[0-9]+}/${verb}`, async (c) => {
      const user = requireUser(c);
      if (user instanceof Response) return user;
      const commentId = rowId(c.req.param('id'));
      if (commentId === null) return notFound(c);
      const r = settle(c, await act(c.get('services'), user, commentId));
      if (r instanceof Response) return r;
      if ('errors' in r) return notFound(c);
      await notify(c, r.value.notice);
      setFlash(c, message);
      return c.redirect(back(c.get('form'), `/works/${r.value.workId}`) + (verb === 'delete' ? '#responses' : `#comment-${commentId}`), 303);
    });
  }

  app.get('/works/:id{[0-9]+}/comment-settings', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const workId = rowId(c.req.param('id'));
    const s = workId === null ? null : await c.get('services').responses.settings(user, workId);
    if (!s) return notFound(c);
    return send(c, <CommentSettingsPage chrome={withCsrf(c)} workId={s.workId} title={s.title} permission={s.permission} moderated={s.moderated} errors={{}} />);
  });

  app.post('/works/:id{[0-9]+}/comment-settings', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const workId = rowId(c.req.param('id'));
    if (workId === null) return notFound(c);
    const form = c.get('form');
    const parsed = commentSettingsSchema.safeParse({ comment_permission: field(form, 'comment_permission'), moderate_comments: field(form, 'moderate_comments') });
    if (!parsed.success) {
      const s = await c.get('services').responses.settings(user, workId);
      if (!s) return notFound(c);
      return send(c, <CommentSettingsPage chrome={withCsrf(c)} workId={workId} title={s.title} permission={s.permission} moderated={s.moderated}
        errors={fieldErrors(parsed.error.issues)} />, 400);
    }
    const r = settle(c, await c.get('services').responses.updateSettings(user, workId, parsed.data));
    if (r instanceof Response) return r;
    setFlash(c, 'Comment settings saved.');
    return c.redirect(`/works/${workId}`, 303);
  });

  return app;
}
