import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DB } from '../db/schema.js';
import type { Mailer } from '../mail/mailer.js';
import { canAdmin } from '../policy/tags.js';
import type { Viewer } from '../policy/viewer.js';
import { fail, fieldErrors, ok, type FieldErrors, type Result } from '../result.js';
import { commentById, refreshCommentCount, setCommentHidden } from '../responses/store.js';
import { refreshWork, workState } from '../works/store.js';
import type { WorkChanges } from '../works/posting.js';
import {
  adminReasonSchema, countLinks, localPath, NEW_ACCOUNT_HOURS, NEW_ACCOUNT_MAX_LINKS, NEW_ACCOUNT_WORKS_PER_HOUR,
  newsSchema, reportSchema, REPORTS_PER_WORK_PER_MONTH, suspendUntilSchema, workIdOfPath,
} from './rules.js';
import * as store from './store.js';

type Admin = Extract<Viewer, { kind: 'user' }>;
export type NotAdmin = { ok: false; denied: 'forbidden' };
const notAdmin: NotAdmin = { ok: false, denied: 'forbidden' };
export const NO_COMMENT = 'There is no such comment.';

const AI_SETTING = 'ai_crawlers_blocked';
const LOG_PAGE = 100;
const SETTING_TTL_MS = 5000;

/**
 * Abuse reports and what admins do about them. Every admin action is written to the audit log
 * in the same transaction as the action itself, so there is no action without its entry.
 */
export function moderationService(db: Kysely<DB>, changes: WorkChanges, mail: Mailer, config: Pick<Config, 'baseUrl' | 'newAccountLimits'>) {
  const { baseUrl } = config;
  let aiSetting = { at: -Infinity, on: false };

  /** One admin action and its log entry, all or nothing. */
  async function act<T>(admin: Admin, action: string, target: string, reason: string, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
    return db.transaction().execute(async (trx) => {
      const value = await fn(trx);
      await store.insertLog(trx, { adminId: admin.id, adminLogin: admin.login, action, target, reason });
      return value;
    });
  }

  const reason = (raw: unknown): Result<string> => {
    const r = adminReasonSchema.safeParse(raw ?? '');
    return r.success ? ok(r.data) : fail({ reason: r.error.issues[0]?.message ?? 'Invalid reason.' });
  };

  async function setWorkHidden(admin: Viewer, workId: number, hide: boolean, rawReason: unknown): Promise<Result<null> | NotAdmin> {
    if (!canAdmin(admin) || admin.kind !== 'user') return notAdmin;
    const why = reason(rawReason);
    if (!why.ok) return why;
    const state = await workState(db, workId);
    if (!state) return fail({ form: 'There is no such work.' });
    if (state.hidden === hide) return fail({ form: hide ? 'This work is already hidden.' : 'This work is not hidden.' });
    await act(admin, hide ? 'hide work' : 'unhide work', `work ${workId}`, why.value, async (trx) => {
      await store.setHidden(trx, workId, hide ? new Date().toISOString() : null);
      // A new version: no cached page of the work is served again; the index drops or takes it back.
      await refreshWork(trx, workId, {});
      await changes.changed(trx, workId);
    });
    await changes.committed();
    for (const creator of await store.creatorEmails(db, workId)) {
      await mail.send({
        to: creator.email,
        subject: hide ? 'An admin has hidden your work on Quire' : 'Your work on Quire is visible again',
        text: hide
          ? `Hello ${creator.login},\n\nAn archive admin has hidden your work ${baseUrl}/works/${workId}. Only its creators and the admins can see it now.\n\nReason: ${why.value || 'none given'}\n\nWrite to the admins if you think this is a mistake.\n`
          : `An archive admin has made your work ${baseUrl}/works/${workId} visible again.\n`,
      });
    }
    return ok(null);
  }

  /** Hides a comment from all but its author and the admins (or shows it again); counts follow. */
  async function setCommentHiddenBy(admin: Viewer, commentId: number, hide: boolean, rawReason: unknown): Promise<Result<{ workId: number }> | NotAdmin> {
    if (!canAdmin(admin) || admin.kind !== 'user') return notAdmin;
    const why = reason(rawReason);
    if (!why.ok) return why;
    const comment = await commentById(db, commentId);
    if (!comment || comment.deleted) return fail({ form: NO_COMMENT });
    if (comment.hidden === hide) return fail({ form: hide ? 'This comment is already hidden.' : 'This comment is not hidden.' });
    await act(admin, hide ? 'hide comment' : 'unhide comment', `comment ${commentId}`, why.value, async (trx) => {
      await setCommentHidden(trx, commentId, hide);
      // A new responses version: no cached comment section shows the old state.
      await refreshCommentCount(trx, comment.workId);
      await changes.changed(trx, comment.workId);
    });
    await changes.committed();
    // Its author is told, as a work's creators are: by mail, and on the page, where they still see it.
    const to = await store.commentAuthorEmail(db, commentId);
    if (to) {
      const link = `${baseUrl}/works/${comment.workId}#comment-${commentId}`;
      await mail.send({
        to,
        subject: hide ? 'An admin has hidden your comment on Quire' : 'Your comment on Quire is visible again',
        text: hide
          ? `Hello,\n\nAn archive admin has hidden your comment ${link}. Only you and the admins can see it now.\n\nReason: ${why.value || 'none given'}\n\nWrite to the admins if you think this is a mistake.\n`
          : `An archive admin has made your comment ${link} visible again.\n`,
      });
    }
    return ok({ workId: comment.workId });
  }

  return {
    /** An abuse report from anyone; at most a few per reporter and work a month. */
    async report(viewer: Viewer, raw: { url?: string | undefined; reason?: string | undefined; email?: string | undefined }, accountEmail: string | null): Promise<Result<number>> {
      const parsed = reportSchema.safeParse({ url: raw.url ?? '', reason: raw.reason ?? '', email: viewer.kind === 'guest' ? raw.email ?? '' : undefined });
      if (!parsed.success) return fail(fieldErrors(parsed.error.issues));
      const path = localPath(parsed.data.url, baseUrl);
      if (!path) return fail({ url: 'Give the address of a page on this archive.' });
      const email = viewer.kind === 'user' ? accountEmail ?? '' : parsed.data.email ?? '';
      const workId = workIdOfPath(path);
      if (workId !== null) {
        const since = new Date(Date.now() - 30 * 86_400_000).toISOString();
        const count = await store.countReports(db, workId, viewer.kind === 'user' ? { id: viewer.id } : { email }, since);
        if (count >= REPORTS_PER_WORK_PER_MONTH) {
          return fail({ form: `You have already reported this work ${REPORTS_PER_WORK_PER_MONTH} times this month. The admins have your reports and will look at them; please do not send more.` });
        }
      }
      return ok(await store.insertReport(db, { url: path, workId, reporterId: viewer.kind === 'user' ? viewer.id : null, reporterEmail: email, reason: parsed.data.reason }));
    },

    async reports(admin: Viewer) {
      if (!canAdmin(admin)) return null;
      const [open, handled] = await Promise.all([store.listReports(db, true, 200), store.listReports(db, false, 50)]);
      return { open, handled };
    },

    async handleReport(admin: Viewer, id: number, status: 'resolved' | 'dismissed', rawReason: unknown): Promise<Result<null> | NotAdmin> {
      if (!canAdmin(admin) || admin.kind !== 'user') return notAdmin;
      const why = reason(rawReason);
      if (!why.ok) return why;
      const done = await act(admin, status === 'resolved' ? 'resolve report' : 'dismiss report', `report ${id}`, why.value,
        (trx) => store.handleReport(trx, id, status, admin.id));
      return done ? ok(null) : fail({ form: 'That report is not open (someone may have handled it already).' });
    },

    hideWork: (admin: Viewer, workId: number, rawReason: unknown) => setWorkHidden(admin, workId, true, rawReason),
    unhideWork: (admin: Viewer, workId: number, rawReason: unknown) => setWorkHidden(admin, workId, false, rawReason),
    hideComment: (admin: Viewer, commentId: number, rawReason: unknown) => setCommentHiddenBy(admin, commentId, true, rawReason),
    unhideComment: (admin: Viewer, commentId: number, rawReason: unknown) => setCommentHiddenBy(admin, commentId, false, rawReason),

    findUser: (login: string) => store.userByLogin(db, login.trim().toLowerCase()),

    async suspend(admin: Viewer, login: string, rawUntil: unknown, rawReason: unknown): Promise<Result<string> | NotAdmin> {
      if (!canAdmin(admin) || admin.kind !== 'user') return notAdmin;
      const until = suspendUntilSchema.safeParse(rawUntil ?? '');
      if (!until.success) return fail({ until: until.error.issues[0]?.message ?? 'Choose a date.' });
      const why = reason(rawReason);
      if (!why.ok) return why;
      const user = await store.userByLogin(db, login.toLowerCase());
      if (!user) return fail({ form: `There is no user called “${login}”.` });
      await act(admin, 'suspend user', `user ${user.login} until ${until.data.slice(0, 10)}`, why.value, (trx) => store.setSuspended(trx, user.id, until.data));
      return ok(until.data);
    },

    async unsuspend(admin: Viewer, login: string, rawReason: unknown): Promise<Result<null> | NotAdmin> {
      if (!canAdmin(admin) || admin.kind !== 'user') return notAdmin;
      const why = reason(rawReason);
      if (!why.ok) return why;
      const user = await store.userByLogin(db, login.toLowerCase());
      if (!user) return fail({ form: `There is no user called “${login}”.` });
      await act(admin, 'lift suspension', `user ${user.login}`, why.value, (trx) => store.setSuspended(trx, user.id, null));
      return ok(null);
    },

    async setBanned(admin: Viewer, login: string, banned: boolean, rawReason: unknown): Promise<Result<null> | NotAdmin> {
      if (!canAdmin(admin) || admin.kind !== 'user') return notAdmin;
      const why = reason(rawReason);
      if (!why.ok) return why;
      const user = await store.userByLogin(db, login.toLowerCase());
      if (!user) return fail({ form: `There is no user called “${login}”.` });
      if (banned && user.id === admin.id) return fail({ form: 'You cannot ban yourself.' });
      await act(admin, banned ? 'ban user' : 'lift ban', `user ${user.login}`, why.value,
        (trx) => store.setBanned(trx, user.id, banned ? new Date().toISOString() : null));
      return ok(null);
    },

    /** Any other admin action that must be on the record (the wrangler role, for one). */
    logged: <T>(admin: Admin, action: string, target: string, why: string, fn: (trx: Kysely<DB>) => Promise<T>) => act(admin, action, target, why, fn),

    async log(admin: Viewer, page: number) {
      return canAdmin(admin) ? store.listLog(db, LOG_PAGE, (page - 1) * LOG_PAGE) : null;
    },

    async postNews(admin: Viewer, raw: { title?: string | undefined; body?: string | undefined }): Promise<Result<number> | NotAdmin> {
      if (!canAdmin(admin) || admin.kind !== 'user') return notAdmin;
      const parsed = newsSchema.safeParse({ title: raw.title ?? '', body: raw.body ?? '' });
      if (!parsed.success) return fail(fieldErrors(parsed.error.issues));
      return ok(await act(admin, 'post news', `news “${parsed.data.title}”`, '', (trx) => store.insertNews(trx, { ...parsed.data, postedBy: admin.id })));
    },

    async retireNews(admin: Viewer, id: number): Promise<Result<null> | NotAdmin> {
      if (!canAdmin(admin) || admin.kind !== 'user') return notAdmin;
      const done = await act(admin, 'take down news', `news ${id}`, '', (trx) => store.retireNews(trx, id));
      return done ? ok(null) : fail({ form: 'That news item is not up.' });
    },

    news: () => store.activeNews(db, 3),

    /** Asked on every page, so kept for a few seconds (other processes see a change within that). */
    async aiCrawlersBlocked(now = Date.now()): Promise<boolean> {
      if (now - aiSetting.at > SETTING_TTL_MS) aiSetting = { at: now, on: (await store.getSetting(db, AI_SETTING)) === '1' };
      return aiSetting.on;
    },

    async setAiCrawlersBlocked(admin: Viewer, on: boolean): Promise<Result<null> | NotAdmin> {
      if (!canAdmin(admin) || admin.kind !== 'user') return notAdmin;
      await act(admin, on ? 'block AI crawlers site-wide' : 'allow AI crawlers on public works', 'site', '', (trx) => store.putSetting(trx, AI_SETTING, on ? '1' : '0'));
      aiSetting = { at: Date.now(), on };
      return ok(null);
    },

    /**
     * Spam defences for accounts younger than a day: few links in what a work says about
     * itself, and a slow posting pace. Older accounts are not held back.
     */
    async spamCheck(userId: number, form: Record<string, string | string[]>, change: 'new work' | 'edit'): Promise<FieldErrors | null> {
      if (!config.newAccountLimits) return null;
      const user = await db.selectFrom('users').select('created_at').where('id', '=', userId).executeTakeFirst();
      const young = !user || Date.now() - Date.parse(user.created_at) < NEW_ACCOUNT_HOURS * 3_600_000;
      if (!young) return null;
      const links = countLinks(['summary', 'notes', 'end_notes'].map((k) => String(form[k] ?? '')).join('\n'));
      if (links > NEW_ACCOUNT_MAX_LINKS) {
        return { summary: `New accounts may put at most ${NEW_ACCOUNT_MAX_LINKS} links in a work’s summary and notes during their first day. Remove some links, or post them later.` };
      }
      if (change === 'edit') return null;
      const recent = await store.worksCreatedSince(db, userId, new Date(Date.now() - 3_600_000).toISOString());
      if (recent >= NEW_ACCOUNT_WORKS_PER_HOUR) {
        return { form: `New accounts may start at most ${NEW_ACCOUNT_WORKS_PER_HOUR} works an hour during their first day. Your work is not lost: keep the text and try again in an hour.` };
      }
      return null;
    },
  };
}

export type ModerationService = ReturnType<typeof moderationService>;
