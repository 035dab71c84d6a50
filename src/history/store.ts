import type { Kysely } from 'kysely';
import type { DB, WorkStatus } from '../db/schema.js';

/** Visits to record: `count` of them, the last at `at`, ending on `chapterId`. */
export type VisitRow = { userId: number; workId: number; chapterId: number; count: number; at: string };

export async function pausedAmong(db: Kysely<DB>, userIds: readonly number[]): Promise<Set<number>> {
  if (userIds.length === 0) return new Set();
  const rows = await db.selectFrom('history_paused').select('user_id').where('user_id', 'in', userIds).execute();
  return new Set(rows.map((r) => r.user_id));
}

export async function setPaused(db: Kysely<DB>, userId: number, paused: boolean, now: string) {
  if (paused) {
    await db.insertInto('history_paused').values({ user_id: userId, paused_at: now })
      .onConflict((oc) => oc.column('user_id').doNothing()).execute();
  } else {
    await db.deleteFrom('history_paused').where('user_id', '=', userId).execute();
  }
}

/** The chapter a reader was shown: the one asked for, else the first (or, for the whole work, the last) posted one. */
export async function chapterShown(db: Kysely<DB>, workId: number, shown: { chapterId: number } | 'first' | 'last'): Promise<number | null> {
  let q = db.selectFrom('chapters').select('id').where('work_id', '=', workId).where('status', '=', 'posted');
  q = typeof shown === 'object' ? q.where('id', '=', shown.chapterId) : q.orderBy('position', shown === 'first' ? 'asc' : 'desc');
  return (await q.limit(1).executeTakeFirst())?.id ?? null;
}

export async function addVisit(db: Kysely<DB>, v: VisitRow) {
  await db.insertInto('readings')
    .values({ user_id: v.userId, work_id: v.workId, last_chapter_id: v.chapterId, visit_count: v.count, last_visited_at: v.at, to_read: 0 })
    .onConflict((oc) => oc.columns(['user_id', 'work_id']).doUpdateSet((eb) => ({
      visit_count: eb('readings.visit_count', '+', eb.ref('excluded.visit_count')),
      last_visited_at: eb.ref('excluded.last_visited_at'),
      last_chapter_id: eb.ref('excluded.last_chapter_id'),
    })))
    .execute();
}

export type ReadingRow = {
  workId: number; visitCount: number; lastVisitedAt: string | null; toRead: boolean; markedAt: string | null;
  chapter: { id: number; position: number; title: string } | null;
};
export type Shelf = 'history' | 'to-read';

function onShelf(db: Kysely<DB>, userId: number, shelf: Shelf) {
  const q = db.selectFrom('readings').where('readings.user_id', '=', userId);
  return shelf === 'history' ? q.where('readings.visit_count', '>', 0) : q.where('readings.to_read', '=', 1);
}

/** A page of a reader's history (most recent visit first) or Marked for Later list (most recently marked first). */
export async function readingsPage(db: Kysely<DB>, userId: number, shelf: Shelf, offset: number, limit: number): Promise<ReadingRow[]> {
  const order = shelf === 'history' ? 'readings.last_visited_at' : 'readings.marked_at';
  const rows = await onShelf(db, userId, shelf)
    .leftJoin('chapters', 'chapters.id', 'readings.last_chapter_id')
    .select(['readings.work_id', 'readings.visit_count', 'readings.last_visited_at', 'readings.to_read', 'readings.marked_at',
      'chapters.id as chapter_id', 'chapters.position as chapter_position', 'chapters.title as chapter_title'])
    .orderBy(order, 'desc').orderBy('readings.work_id', 'desc')
    .offset(offset).limit(limit)
    .execute();
  return rows.map((r) => ({
    workId: r.work_id, visitCount: r.visit_count, lastVisitedAt: r.last_visited_at, toRead: r.to_read === 1, markedAt: r.marked_at,
    chapter: r.chapter_id === null ? null : { id: r.chapter_id, position: r.chapter_position ?? 0, title: r.chapter_title ?? '' },
  }));
}

export async function countShelf(db: Kysely<DB>, userId: number, shelf: Shelf): Promise<number> {
  const row = await onShelf(db, userId, shelf).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Status and restriction of many works, for the policy (creators come from the works store). */
export async function workStates(db: Kysely<DB>, workIds: readonly number[]): Promise<Map<number, { status: WorkStatus; restricted: boolean; hidden: boolean }>> {
  if (workIds.length === 0) return new Map();
  const rows = await db.selectFrom('works').select(['id', 'status', 'restricted', 'hidden_at']).where('id', 'in', workIds).execute();
  return new Map(rows.map((r) => [r.id, { status: r.status, restricted: r.restricted === 1, hidden: r.hidden_at !== null }]));
}

export async function isMarked(db: Kysely<DB>, userId: number, workId: number): Promise<boolean> {
  const row = await db.selectFrom('readings').select('to_read').where('user_id', '=', userId).where('work_id', '=', workId).executeTakeFirst();
  return row?.to_read === 1;
}

export async function mark(db: Kysely<DB>, userId: number, workId: number, now: string) {
  await db.insertInto('readings').values({ user_id: userId, work_id: workId, last_chapter_id: null, visit_count: 0, last_visited_at: null, to_read: 1, marked_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'work_id']).doUpdateSet({ to_read: 1, marked_at: now }))
    .execute();
}

/** Rows that are neither history nor marked for later hold nothing. */
async function dropEmpty(db: Kysely<DB>, userId: number) {
  await db.deleteFrom('readings').where('user_id', '=', userId).where('visit_count', '=', 0).where('to_read', '=', 0).execute();
}

export async function unmark(db: Kysely<DB>, userId: number, workId: number) {
  await db.updateTable('readings').set({ to_read: 0, marked_at: null }).where('user_id', '=', userId).where('work_id', '=', workId).execute();
  await dropEmpty(db, userId);
}

/** Forgets visits (of one work, or all); the Marked for Later list stays. */
export async function forgetVisits(db: Kysely<DB>, userId: number, workId?: number) {
  let q = db.updateTable('readings').set({ visit_count: 0, last_visited_at: null, last_chapter_id: null }).where('user_id', '=', userId);
  if (workId !== undefined) q = q.where('work_id', '=', workId);
  await q.execute();
  await dropEmpty(db, userId);
}
