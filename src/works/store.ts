import { sql, type Kysely } from 'kysely';
import type { CommentPermission, DB, WorkStatus } from '../db/schema.js';
import type { TagType } from '../tags/kinds.js';
import { tagsOfWorks } from '../tags/store.js';
import { showsCreators } from '../policy/works.js';
import type { Viewer } from '../policy/viewer.js';

export type Creator = { pseudId: number; pseud: string; login: string; userId: number };
export type WorkTags = Record<TagType, string[]>;

export type WorkMeta = {
  id: number;
  title: string;
  summary: string;
  notes: string;
  endNotes: string;
  language: string;
  restricted: boolean;
  status: WorkStatus;
  expectedChapters: number | null;
  postedChapters: number;
  wordCount: number;
  publishedAt: string | null;
  revisedAt: string;
  version: number;
  /** Hidden by an admin (only its creators and admins get this far). */
  hidden: boolean;
  /** Creators shown to the creators only; `creators` is empty for everyone else. */
  anonymous: boolean;
  creators: Creator[];
  tags: WorkTags;
  /** Readers' responses as counted on the work row (they feed the sort orders too). */
  counts: { kudos: number; comments: number; bookmarks: number; hits: number };
};

export type ChapterMeta = { id: number; position: number; title: string; status: WorkStatus; publishedAt: string | null; wordCount: number };
export type Chapter = ChapterMeta & { summary: string; notes: string; endNotes: string; body: string };

/** What the policy needs to decide about a work, in one small query. */
export type WorkAccessRow = { id: number; status: WorkStatus; restricted: boolean; hidden: boolean; anonymous: boolean; version: number; responses: ResponsesState; creatorUserIds: number[] };
/**
 * The version of the comments under a work, its kudos count (the kudos line is keyed by it) and
 * who may comment: read with the rest, so a page view asks once.
 */
export type ResponsesState = { version: number; kudosCount: number; commentPermission: CommentPermission; moderateComments: boolean };

const emptyTags = (): WorkTags => ({ rating: [], warning: [], category: [], fandom: [], relationship: [], character: [], freeform: [] });

/** Status, restriction and version: all a guest's page view needs to ask the database. */
export async function workState(db: Kysely<DB>, workId: number) {
  const w = await db.selectFrom('works').select(['status', 'restricted', 'version', 'hidden_at', 'anonymous', 'responses_version', 'kudos_count', 'comment_permission', 'moderate_comments']).where('id', '=', workId).executeTakeFirst();
  return w && {
    id: workId, status: w.status, restricted: w.restricted === 1, hidden: w.hidden_at !== null, anonymous: w.anonymous === 1, version: w.version,
    responses: { version: w.responses_version, kudosCount: w.kudos_count, commentPermission: w.comment_permission, moderateComments: w.moderate_comments === 1 },
  };
}

export async function workAccess(db: Kysely<DB>, workId: number): Promise<WorkAccessRow | undefined> {
  const state = await workState(db, workId);
  if (!state) return undefined;
  const creators = await db
    .selectFrom('creatorships')
    .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
    .select('pseuds.user_id')
    .where('creatorships.work_id', '=', workId)
    .execute();
  return { ...state, creatorUserIds: [...new Set(creators.map((r) => r.user_id))] };
}

export async function creatorsOfWorks(db: Kysely<DB>, workIds: readonly number[]) {
  if (workIds.length === 0) return new Map<number, Creator[]>();
  const rows = await db
    .selectFrom('creatorships')
    .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
    .innerJoin('users', 'users.id', 'pseuds.user_id')
    .select(['creatorships.work_id', 'pseuds.id as pseud_id', 'pseuds.name', 'users.login', 'users.id as user_id'])
    .where('creatorships.work_id', 'in', workIds)
    .orderBy('creatorships.work_id')
    .orderBy('creatorships.position')
    .execute();
  const map = new Map<number, Creator[]>();
  for (const r of rows) {
    const list = map.get(r.work_id) ?? [];
    list.push({ pseudId: r.pseud_id, pseud: r.name, login: r.login, userId: r.user_id });
    map.set(r.work_id, list);
  }
  return map;
}

/** A work's creators and tags: read by joins, and changed only with its version. */
export type WorkExtras = { creators: Creator[]; tags: WorkTags };

/** Extras kept from earlier reads, by work id and version (see extrasCache.ts); shared, so never mutated. */
export type ExtrasCache = {
  get(workId: number, version: number): WorkExtras | undefined;
  set(workId: number, version: number, extras: WorkExtras): void;
};

/** Admins' pages, which name an anonymous work's creators (nobody else's do). */
export const MODERATION = 'moderation';

/**
 * Whom work metadata is read for. For a viewer, an anonymous work comes without its creators
 * unless the viewer is one of them; files and mail that many people get are read for GUEST.
 */
export type Audience = Viewer | typeof MODERATION;

/**
 * Work metadata (no chapter text) for many works, in the order asked, as `audience` may see it.
 * With a cache, only works whose current version it lacks pay for the creator and tag joins.
 */
export async function worksMeta(db: Kysely<DB>, audience: Audience, workIds: readonly number[], cache?: ExtrasCache): Promise<WorkMeta[]> {
  if (workIds.length === 0) return [];
  const rows = await db.selectFrom('works').selectAll().where('id', 'in', workIds).execute();
  const missing = rows.filter((w) => !cache?.get(w.id, w.version)).map((w) => w.id);
  const [creators, tagRows] = missing.length > 0
    ? await Promise.all([creatorsOfWorks(db, missing), tagsOfWorks(db, missing)])
    : [new Map<number, Creator[]>(), []];
  const tags = new Map<number, WorkTags>();
  for (const t of tagRows) {
    const wt = tags.get(t.work_id) ?? emptyTags();
    wt[t.type as TagType].push(t.name);
    tags.set(t.work_id, wt);
  }
  const byId = new Map(rows.map((w) => [w.id, w]));
  return workIds.flatMap((id) => {
    const w = byId.get(id);
    if (!w) return [];
    let extras = cache?.get(id, w.version);
    if (!extras) {
      extras = { creators: creators.get(id) ?? [], tags: tags.get(id) ?? emptyTags() };
      cache?.set(id, w.version, extras);
    }
    const creatorsShown = audience === MODERATION
      || showsCreators(audience, { anonymous: w.anonymous === 1, creatorUserIds: extras.creators.map((c) => c.userId) });
    return [{
      id: w.id,
      title: w.title,
      summary: w.summary,
      notes: w.notes,
      endNotes: w.end_notes,
      language: w.language,
      restricted: w.restricted === 1,
      status: w.status,
      expectedChapters: w.expected_chapters,
      postedChapters: w.posted_chapters,
      wordCount: w.word_count,
      publishedAt: w.published_at,
      revisedAt: w.revised_at,
      version: w.version,
      hidden: w.hidden_at !== null,
      anonymous: w.anonymous === 1,
      counts: { kudos: w.kudos_count, comments: w.comments_count, bookmarks: w.bookmarks_count, hits: w.hits_count },
      tags: extras.tags,
      creators: creatorsShown ? extras.creators : [],
    }];
  });
}

export async function chaptersOf(db: Kysely<DB>, workId: number): Promise<ChapterMeta[]> {
  const rows = await db
    .selectFrom('chapters')
    .select(['id', 'position', 'title', 'status', 'published_at', 'word_count'])
    .where('work_id', '=', workId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({ id: r.id, position: r.position, title: r.title, status: r.status, publishedAt: r.published_at, wordCount: r.word_count }));
}

export async function chapterBodies(db: Kysely<DB>, workId: number, chapterIds: readonly number[]): Promise<Chapter[]> {
  if (chapterIds.length === 0) return [];
  const rows = await db
    .selectFrom('chapters')
    .selectAll()
    .where('work_id', '=', workId)
    .where('id', 'in', chapterIds)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    id: r.id, position: r.position, title: r.title, status: r.status, publishedAt: r.published_at,
    wordCount: r.word_count, summary: r.summary, notes: r.notes, endNotes: r.end_notes, body: r.body,
  }));
}

export type WorkFields = {
  title: string; summary: string; notes: string; endNotes: string; language: string;
  restricted: boolean; expectedChapters: number | null; anonymous: boolean;
};

export async function insertWork(db: Kysely<DB>, f: WorkFields, status: WorkStatus, now: string): Promise<number> {
  const row = await db
    .insertInto('works')
    .values({
      title: f.title, summary: f.summary, notes: f.notes, end_notes: f.endNotes, language: f.language,
      restricted: f.restricted ? 1 : 0, anonymous: f.anonymous ? 1 : 0, status, expected_chapters: f.expectedChapters,
      published_at: status === 'posted' ? now : null, revised_at: now, created_at: now,
      posted_chapters: 0, word_count: 0, version: 1, kudos_count: 0, hits_count: 0, comments_count: 0, bookmarks_count: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateWorkFields(db: Kysely<DB>, workId: number, f: WorkFields) {
  await db
    .updateTable('works')
    .set({
      title: f.title, summary: f.summary, notes: f.notes, end_notes: f.endNotes, language: f.language,
      restricted: f.restricted ? 1 : 0, anonymous: f.anonymous ? 1 : 0, expected_chapters: f.expectedChapters,
    })
    .where('id', '=', workId)
    .execute();
}

export async function setCreators(db: Kysely<DB>, workId: number, pseudIds: readonly number[]) {
  await db.deleteFrom('creatorships').where('work_id', '=', workId).execute();
  await db.insertInto('creatorships').values(pseudIds.map((pseud_id, position) => ({ work_id: workId, pseud_id, position }))).execute();
}

/** One creator's pseuds on a work, where theirs were, leaving the other creators' as they are. */
export async function setCreatorsOfUser(db: Kysely<DB>, workId: number, userId: number, pseudIds: readonly number[]) {
  const rows = await db.selectFrom('creatorships').innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
    .select(['creatorships.pseud_id', 'pseuds.user_id']).where('creatorships.work_id', '=', workId)
    .orderBy('creatorships.position').execute();
  const at = rows.findIndex((r) => r.user_id === userId);
  const others = rows.filter((r) => r.user_id !== userId).map((r) => r.pseud_id);
  const split = at === -1 ? others.length : rows.slice(0, at).filter((r) => r.user_id !== userId).length;
  await setCreators(db, workId, [...others.slice(0, split), ...pseudIds, ...others.slice(split)]);
}

export type ChapterFields = { title: string; summary: string; notes: string; endNotes: string; body: string; wordCount: number };

export async function insertChapter(db: Kysely<DB>, workId: number, c: ChapterFields, status: WorkStatus, now: string) {
  const next = await db
    .selectFrom('chapters')
    .select(sql<number>`coalesce(max(position), 0) + 1`.as('p'))
    .where('work_id', '=', workId)
    .executeTakeFirstOrThrow();
  const row = await db
    .insertInto('chapters')
    .values({
      work_id: workId, position: Number(next.p), title: c.title, summary: c.summary, notes: c.notes,
      end_notes: c.endNotes, body: c.body, word_count: c.wordCount, status,
      published_at: status === 'posted' ? now : null, created_at: now, updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateChapter(db: Kysely<DB>, chapterId: number, c: ChapterFields, now: string) {
  await db
    .updateTable('chapters')
    .set({ title: c.title, summary: c.summary, notes: c.notes, end_notes: c.endNotes, body: c.body, word_count: c.wordCount, updated_at: now })
    .where('id', '=', chapterId)
    .execute();
}

export async function postChapters(db: Kysely<DB>, workId: number, chapterIds: readonly number[] | 'all', now: string) {
  let q = db.updateTable('chapters').set({ status: 'posted', published_at: now }).where('work_id', '=', workId).where('status', '=', 'draft');
  if (chapterIds !== 'all') q = q.where('id', 'in', chapterIds);
  await q.execute();
}

export async function deleteChapter(db: Kysely<DB>, chapterId: number) {
  await db.deleteFrom('chapters').where('id', '=', chapterId).execute();
}

export async function setChapterPositions(db: Kysely<DB>, workId: number, orderedIds: readonly number[]) {
  for (const [i, id] of orderedIds.entries()) {
    await db.updateTable('chapters').set({ position: i + 1 }).where('work_id', '=', workId).where('id', '=', id).execute();
  }
}

/**
 * Derived numbers are recomputed from the chapters in the same transaction as the change,
 * and the version moves on so cached pages of the old version are never served again.
 */
export async function refreshWork(db: Kysely<DB>, workId: number, change: { revisedAt?: string; status?: WorkStatus; publishedAt?: string }) {
  const counted = await db
    .selectFrom('chapters')
    .select([
      sql<number>`coalesce(sum(case when status = 'posted' then word_count else 0 end), 0)`.as('words'),
      sql<number>`coalesce(sum(case when status = 'posted' then 1 else 0 end), 0)`.as('posted'),
    ])
    .where('work_id', '=', workId)
    .executeTakeFirstOrThrow();
  const posted = Number(counted.posted);
  await db
    .updateTable('works')
    .set((eb) => ({
      word_count: Number(counted.words),
      posted_chapters: posted,
      // A writer who posts more chapters than planned has simply planned more.
      expected_chapters: sql<number | null>`case when expected_chapters is not null and expected_chapters < ${posted} then ${posted} else expected_chapters end`,
      version: eb('version', '+', 1),
      ...(change.revisedAt ? { revised_at: change.revisedAt } : {}),
      ...(change.status ? { status: change.status } : {}),
      ...(change.publishedAt ? { published_at: change.publishedAt } : {}),
    }))
    .where('id', '=', workId)
    .execute();
}

export async function deleteWork(db: Kysely<DB>, workId: number) {
  await db.deleteFrom('works').where('id', '=', workId).execute();
}

export async function draftIdsOfUser(db: Kysely<DB>, userId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('works')
    .innerJoin('creatorships', 'creatorships.work_id', 'works.id')
    .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
    .select('works.id')
    .distinct()
    .where('pseuds.user_id', '=', userId)
    .where('works.status', '=', 'draft')
    .orderBy('works.id', 'desc')
    .execute();
  return rows.map((r) => r.id);
}

/** The posted chapters of these works, each work's in reading order (search snippets read them). */
export async function postedChapterIds(db: Kysely<DB>, workIds: readonly number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>();
  if (workIds.length === 0) return map;
  const rows = await db.selectFrom('chapters').select(['work_id', 'id'])
    .where('work_id', 'in', workIds).where('status', '=', 'posted')
    .orderBy('work_id').orderBy('position').execute();
  for (const r of rows) {
    const list = map.get(r.work_id) ?? [];
    list.push(r.id);
    map.set(r.work_id, list);
  }
  return map;
}

/** These chapters' text by chapter id, of those still posted (one unposted since it was listed has none). */
export async function postedBodies(db: Kysely<DB>, chapterIds: readonly number[]): Promise<Map<number, string>> {
  if (chapterIds.length === 0) return new Map();
  const rows = await db.selectFrom('chapters').select(['id', 'body'])
    .where('id', 'in', chapterIds).where('status', '=', 'posted').execute();
  return new Map(rows.map((r) => [r.id, r.body]));
}
