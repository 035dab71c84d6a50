import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export type Target = { kind: 'work'; id: number } | { kind: 'series'; id: number };

export type BookmarkRow = {
  id: number; userId: number; login: string; targetKind: 'work' | 'series';
  workId: number | null; seriesId: number | null;
  notes: string; private: boolean; rec: boolean; createdAt: string; updatedAt: string; tags: string[];
};

export type BookmarkFields = { notes: string; tags: string[]; private: boolean; rec: boolean };

const base = (db: Kysely<DB>) => db.selectFrom('bookmarks').innerJoin('users', 'users.id', 'bookmarks.user_id')
  .select(['bookmarks.id', 'bookmarks.user_id', 'users.login', 'bookmarks.target_kind', 'bookmarks.work_id', 'bookmarks.series_id',
    'bookmarks.notes', 'bookmarks.private', 'bookmarks.rec', 'bookmarks.created_at', 'bookmarks.updated_at']);

type Raw = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];

async function withTags(db: Kysely<DB>, rows: Raw[]): Promise<BookmarkRow[]> {
  const tags = await tagsOf(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id, userId: r.user_id, login: r.login, targetKind: r.target_kind, workId: r.work_id, seriesId: r.series_id,
    notes: r.notes, private: r.private === 1, rec: r.rec === 1, createdAt: r.created_at, updatedAt: r.updated_at, tags: tags.get(r.id) ?? [],
  }));
}

async function tagsOf(db: Kysely<DB>, bookmarkIds: readonly number[]) {
  const map = new Map<number, string[]>();
  if (bookmarkIds.length === 0) return map;
  const rows = await db.selectFrom('bookmark_tags').select(['bookmark_id', 'name']).where('bookmark_id', 'in', bookmarkIds)
    .orderBy('bookmark_id').orderBy('position').execute();
  for (const r of rows) map.set(r.bookmark_id, [...(map.get(r.bookmark_id) ?? []), r.name]);
  return map;
}

const targetColumn = (t: Target) => (t.kind === 'work' ? 'bookmarks.work_id' : 'bookmarks.series_id') as 'bookmarks.work_id';

export async function bookmarkOf(db: Kysely<DB>, userId: number, t: Target): Promise<BookmarkRow | undefined> {
  const rows = await base(db).where('bookmarks.user_id', '=', userId).where(targetColumn(t), '=', t.id).execute();
  return (await withTags(db, rows))[0];
}

export async function bookmarkById(db: Kysely<DB>, id: number): Promise<BookmarkRow | undefined> {
  return (await withTags(db, await base(db).where('bookmarks.id', '=', id).execute()))[0];
}

export async function insertBookmark(db: Kysely<DB>, userId: number, t: Target, f: BookmarkFields, now: string): Promise<number> {
  const row = await db.insertInto('bookmarks').values({
    user_id: userId, target_kind: t.kind, work_id: t.kind === 'work' ? t.id : null, series_id: t.kind === 'series' ? t.id : null,
    notes: f.notes, private: f.private ? 1 : 0, rec: f.rec ? 1 : 0, created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  await setTags(db, row.id, f.tags);
  return row.id;
}

export async function updateBookmark(db: Kysely<DB>, id: number, f: BookmarkFields, now: string) {
  await db.updateTable('bookmarks').set({ notes: f.notes, private: f.private ? 1 : 0, rec: f.rec ? 1 : 0, updated_at: now }).where('id', '=', id).execute();
  await setTags(db, id, f.tags);
}

async function setTags(db: Kysely<DB>, id: number, names: readonly string[]) {
  await db.deleteFrom('bookmark_tags').where('bookmark_id', '=', id).execute();
  if (names.length === 0) return;
  await db.insertInto('bookmark_tags').values(names.map((name, position) => ({ bookmark_id: id, name, name_key: name.toLowerCase(), position }))).execute();
}

export async function deleteBookmark(db: Kysely<DB>, id: number) {
  await db.deleteFrom('bookmarks').where('id', '=', id).execute();
}

/**
 * A work's count is its public bookmarks, kept on the work for sorting. The count shows on the
 * work page, so the version moves on with it.
 */
export async function recountWork(db: Kysely<DB>, workId: number) {
  await db.updateTable('works').set((eb) => ({
    bookmarks_count: eb.selectFrom('bookmarks').select(sql<number>`count(*)`.as('n')).where('work_id', '=', workId).where('private', '=', 0),
    version: eb('version', '+', 1),
  })).where('id', '=', workId).execute();
}

export async function publicCount(db: Kysely<DB>, t: Target): Promise<number> {
  const row = await db.selectFrom('bookmarks').select(sql<number>`count(*)`.as('n'))
    .where(t.kind === 'work' ? 'work_id' : 'series_id', '=', t.id).where('private', '=', 0).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Public bookmarks of one work or series, newest first. */
export async function publicOf(db: Kysely<DB>, t: Target, limit: number, offset: number): Promise<BookmarkRow[]> {
  const rows = await base(db).where(targetColumn(t), '=', t.id).where('bookmarks.private', '=', 0)
    .orderBy('bookmarks.created_at', 'desc').orderBy('bookmarks.id', 'desc').limit(limit).offset(offset).execute();
  return withTags(db, rows);
}

/** A user's bookmarks, newest first: public ones only unless the owner asks; narrowed by their own tags and recs. */
export async function ofUser(db: Kysely<DB>, userId: number, o: { includePrivate: boolean; tagKeys: readonly string[]; recOnly: boolean }) {
  let q = base(db).where('bookmarks.user_id', '=', userId);
  if (!o.includePrivate) q = q.where('bookmarks.private', '=', 0);
  if (o.recOnly) q = q.where('bookmarks.rec', '=', 1);
  for (const key of o.tagKeys) {
    q = q.where('bookmarks.id', 'in', db.selectFrom('bookmark_tags').select('bookmark_id').where('name_key', '=', key));
  }
  return withTags(db, await q.orderBy('bookmarks.created_at', 'desc').orderBy('bookmarks.id', 'desc').execute());
}
