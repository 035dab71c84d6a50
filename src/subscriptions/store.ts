import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export type Target = { kind: 'work' | 'user' | 'series'; id: number };

export type SubscriptionRow = { id: number; userId: number; target: Target; createdAt: string };

const column = (kind: Target['kind']) => (kind === 'work' ? 'work_id' : kind === 'user' ? 'target_user_id' : 'series_id');

const toRow = (r: { id: number; user_id: number; target_kind: Target['kind']; work_id: number | null; target_user_id: number | null; series_id: number | null; created_at: string }): SubscriptionRow => ({
  id: r.id, userId: r.user_id, createdAt: r.created_at,
  target: { kind: r.target_kind, id: (r.target_kind === 'work' ? r.work_id : r.target_kind === 'user' ? r.target_user_id : r.series_id)! },
});

export async function subscriptionOf(db: Kysely<DB>, userId: number, t: Target) {
  const r = await db.selectFrom('subscriptions').selectAll().where('user_id', '=', userId).where(column(t.kind), '=', t.id).executeTakeFirst();
  return r && toRow(r);
}

export async function subscriptionById(db: Kysely<DB>, id: number) {
  const r = await db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toRow(r);
}

export async function insertSubscription(db: Kysely<DB>, userId: number, t: Target, now: string) {
  await db.insertInto('subscriptions').values({
    user_id: userId, target_kind: t.kind, created_at: now,
    work_id: t.kind === 'work' ? t.id : null, target_user_id: t.kind === 'user' ? t.id : null, series_id: t.kind === 'series' ? t.id : null,
  }).execute();
}

export async function deleteSubscription(db: Kysely<DB>, id: number) {
  await db.deleteFrom('subscriptions').where('id', '=', id).execute();
}

export async function subscriptionsOfUser(db: Kysely<DB>, userId: number): Promise<SubscriptionRow[]> {
  return (await db.selectFrom('subscriptions').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute()).map(toRow);
}

/** Who subscribed to any of these targets (each user once). */
export async function subscribers(db: Kysely<DB>, targets: { works?: number[]; users?: number[]; series?: number[] }): Promise<number[]> {
  const w = targets.works ?? [], u = targets.users ?? [], s = targets.series ?? [];
  if (w.length + u.length + s.length === 0) return [];
  const rows = await db.selectFrom('subscriptions').select('user_id').distinct()
    .where((eb) => eb.or([
      ...(w.length ? [eb('work_id', 'in', w)] : []),
      ...(u.length ? [eb('target_user_id', 'in', u)] : []),
      ...(s.length ? [eb('series_id', 'in', s)] : []),
    ])).execute();
  return rows.map((r) => r.user_id);
}

export type Recipient = { id: number; login: string; email: string; isAdmin: boolean; isWrangler: boolean };

export async function recipients(db: Kysely<DB>, userIds: readonly number[]): Promise<Recipient[]> {
  if (userIds.length === 0) return [];
  const rows = await db.selectFrom('users').select(['id', 'login', 'email', 'is_admin', 'is_wrangler']).where('id', 'in', userIds).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, login: r.login, email: r.email, isAdmin: r.is_admin === 1, isWrangler: r.is_wrangler === 1 }));
}

export type NewNotification = { userId: number; kind: 'work' | 'chapter'; workId: number; chapterId: number | null };

export async function insertNotifications(db: Kysely<DB>, list: readonly NewNotification[], now: string) {
  if (list.length === 0) return;
  await db.insertInto('notifications').values(list.map((n) => ({
    user_id: n.userId, kind: n.kind, work_id: n.workId, chapter_id: n.chapterId, created_at: now, read_at: null,
  }))).execute();
}

export type NotificationRow = { id: number; kind: 'work' | 'chapter'; workId: number; chapterId: number | null; createdAt: string; read: boolean };

/** Unread first, then newest. */
export async function notificationsOf(db: Kysely<DB>, userId: number, limit: number): Promise<NotificationRow[]> {
  const rows = await db.selectFrom('notifications').selectAll().where('user_id', '=', userId)
    .orderBy((eb) => eb.case().when('read_at', 'is', null).then(0).else(1).end())
    .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, workId: r.work_id, chapterId: r.chapter_id, createdAt: r.created_at, read: r.read_at !== null }));
}

export async function markRead(db: Kysely<DB>, userId: number, ids: readonly number[] | 'all', now: string) {
  let q = db.updateTable('notifications').set({ read_at: now }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (ids !== 'all') {
    if (ids.length === 0) return;
    q = q.where('id', 'in', ids);
  }
  await q.execute();
}

export async function chapterInfo(db: Kysely<DB>, chapterIds: readonly number[]) {
  if (chapterIds.length === 0) return new Map<number, { position: number; title: string; status: string }>();
  const rows = await db.selectFrom('chapters').select(['id', 'position', 'title', 'status']).where('id', 'in', chapterIds).execute();
  return new Map(rows.map((r) => [r.id, { position: r.position, title: r.title, status: r.status as string }]));
}

export async function unreadCount(db: Kysely<DB>, userId: number): Promise<number> {
  const row = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}
