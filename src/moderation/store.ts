import { sql, type Kysely } from 'kysely';
import type { DB, ReportStatus } from '../db/schema.js';

// Reports.

export type Report = {
  id: number; url: string; workId: number | null; reporter: string; reason: string;
  status: ReportStatus; createdAt: string; handledBy: string | null; handledAt: string | null;
};

export async function insertReport(db: Kysely<DB>, r: { url: string; workId: number | null; reporterId: number | null; reporterEmail: string; reason: string }) {
  const row = await db.insertInto('reports').values({
    url: r.url, work_id: r.workId, reporter_id: r.reporterId, reporter_email: r.reporterEmail, reason: r.reason,
    status: 'open', created_at: new Date().toISOString(),
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Reports of one work by one reporter (account, else email) since a time. */
export async function countReports(db: Kysely<DB>, workId: number, reporter: { id: number } | { email: string }, since: string) {
  const r = await db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('work_id', '=', workId).where('created_at', '>', since)
    .$if('id' in reporter, (q) => q.where('reporter_id', '=', (reporter as { id: number }).id))
    .$if('email' in reporter, (q) => q.where(sql<boolean>`lower(reporter_email) = ${(reporter as { email: string }).email.toLowerCase()}`))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listReports(db: Kysely<DB>, open: boolean, limit: number): Promise<Report[]> {
  const rows = await db.selectFrom('reports')
    .leftJoin('users as reporter', 'reporter.id', 'reports.reporter_id')
    .leftJoin('users as handler', 'handler.id', 'reports.handled_by')
    .select(['reports.id', 'reports.url', 'reports.work_id', 'reports.reporter_email', 'reporter.login as reporter_login', 'reports.reason',
      'reports.status', 'reports.created_at', 'handler.login as handler_login', 'reports.handled_at'])
    .$if(open, (q) => q.where('reports.status', '=', 'open').orderBy('reports.created_at', 'asc'))
    .$if(!open, (q) => q.where('reports.status', '!=', 'open').orderBy('reports.handled_at', 'desc'))
    .orderBy('reports.id')
    .limit(limit).execute();
  return rows.map((r) => ({
    id: r.id, url: r.url, workId: r.work_id, reporter: r.reporter_login ? `${r.reporter_login} <${r.reporter_email}>` : `guest <${r.reporter_email}>`,
    reason: r.reason, status: r.status, createdAt: r.created_at, handledBy: r.handler_login, handledAt: r.handled_at,
  }));
}

export async function handleReport(db: Kysely<DB>, id: number, status: Exclude<ReportStatus, 'open'>, adminId: number) {
  const r = await db.updateTable('reports').set({ status, handled_by: adminId, handled_at: new Date().toISOString() })
    .where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

// The audit log.

export type LogEntry = { id: number; admin: string; action: string; target: string; reason: string; createdAt: string };

export async function insertLog(db: Kysely<DB>, e: { adminId: number; adminLogin: string; action: string; target: string; reason: string }) {
  await db.insertInto('admin_log').values({
    admin_id: e.adminId, admin_login: e.adminLogin, action: e.action, target: e.target, reason: e.reason, created_at: new Date().toISOString(),
  }).execute();
}

export async function listLog(db: Kysely<DB>, limit: number, offset: number): Promise<LogEntry[]> {
  const rows = await db.selectFrom('admin_log').selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute();
  return rows.map((r) => ({ id: r.id, admin: r.admin_login, action: r.action, target: r.target, reason: r.reason, createdAt: r.created_at }));
}

// Works and accounts.

export async function setHidden(db: Kysely<DB>, workId: number, hiddenAt: string | null) {
  await db.updateTable('works').set({ hidden_at: hiddenAt }).where('id', '=', workId).execute();
}

export function creatorEmails(db: Kysely<DB>, workId: number) {
  return db.selectFrom('creatorships').innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id').innerJoin('users', 'users.id', 'pseuds.user_id')
    .select(['users.id', 'users.login', 'users.email']).distinct().where('creatorships.work_id', '=', workId).execute();
}

export function userByLogin(db: Kysely<DB>, loginKey: string) {
  return db.selectFrom('users').select(['id', 'login', 'email', 'created_at', 'suspended_until', 'banned_at', 'is_admin'])
    .where('login_key', '=', loginKey).executeTakeFirst();
}

export async function setSuspended(db: Kysely<DB>, userId: number, until: string | null) {
  await db.updateTable('users').set({ suspended_until: until }).where('id', '=', userId).execute();
}

export async function setBanned(db: Kysely<DB>, userId: number, at: string | null) {
  await db.updateTable('users').set({ banned_at: at }).where('id', '=', userId).execute();
  if (at) await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Works the user created since a time (posted or draft): the pace new accounts are held to. */
export async function worksCreatedSince(db: Kysely<DB>, userId: number, since: string) {
  const r = await db.selectFrom('works').innerJoin('creatorships', 'creatorships.work_id', 'works.id').innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
    .select((eb) => eb.fn.count<number>('works.id').distinct().as('n'))
    .where('pseuds.user_id', '=', userId).where('works.created_at', '>', since).executeTakeFirstOrThrow();
  return Number(r.n);
}

// News and site settings.

export type NewsItem = { id: number; title: string; body: string; createdAt: string };

export async function insertNews(db: Kysely<DB>, n: { title: string; body: string; postedBy: number }) {
  const row = await db.insertInto('news').values({ title: n.title, body: n.body, active: 1, posted_by: n.postedBy, created_at: new Date().toISOString() })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function retireNews(db: Kysely<DB>, id: number) {
  const r = await db.updateTable('news').set({ active: 0 }).where('id', '=', id).where('active', '=', 1).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function activeNews(db: Kysely<DB>, limit: number): Promise<NewsItem[]> {
  const rows = await db.selectFrom('news').select(['id', 'title', 'body', 'created_at']).where('active', '=', 1).orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, title: r.title, body: r.body, createdAt: r.created_at }));
}

export async function getSetting(db: Kysely<DB>, key: string) {
  return (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

export async function putSetting(db: Kysely<DB>, key: string, value: string) {
  await db.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}

/** Where to tell a comment's author: their account's address, or the one a guest gave. */
export async function commentAuthorEmail(db: Kysely<DB>, commentId: number): Promise<string | null> {
  const row = await db.selectFrom('comments').leftJoin('users', 'users.id', 'comments.user_id')
    .select(['users.email', 'comments.guest_email']).where('comments.id', '=', commentId).executeTakeFirst();
  return row?.email ?? row?.guest_email ?? null;
}
