import type { Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { DB } from '../db/schema.js';
import { testArchive, type TestArchive } from '../testing/testApp.js';
import type { TagType } from './kinds.js';
import { wranglingService, type WranglingService } from './wrangling.js';

export type TagOptions = { canonical?: boolean; mergerId?: number };
export type WorkOptions = { status?: 'draft' | 'posted'; restricted?: boolean };

/** Inserts a tag named exactly `name`; returns its id. */
export async function insertTag(db: Kysely<DB>, type: TagType, name: string, opts: TagOptions = {}): Promise<number> {
  const row = await db.insertInto('tags').values({
    name, name_key: name.toLowerCase(), type, canonical: opts.canonical ? 1 : 0, merger_id: opts.mergerId ?? null, created_at: new Date().toISOString(),
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Makes one tag a child of another. */
export const linkTags = (db: Kysely<DB>, childId: number, parentId: number) =>
  db.insertInto('tag_parents').values({ child_id: childId, parent_id: parentId }).execute();

/** Inserts a one-chapter work (posted and unrestricted unless told) carrying these tags in order; returns its id. */
export async function insertWork(db: Kysely<DB>, tagIds: number[], opts: WorkOptions = {}): Promise<number> {
  const now = new Date().toISOString();
  const work = await db.insertInto('works').values({
    title: 'T', summary: '', notes: '', end_notes: '', language: 'en', restricted: opts.restricted ? 1 : 0, status: opts.status ?? 'posted',
    expected_chapters: 1, posted_chapters: 1, word_count: 10, published_at: now, revised_at: now, created_at: now, version: 1,
    kudos_count: 0, hits_count: 0, comments_count: 0, bookmarks_count: 0,
  }).returning('id').executeTakeFirstOrThrow();
  if (tagIds.length) await db.insertInto('work_tags').values(tagIds.map((tag_id, position) => ({ work_id: work.id, tag_id, position }))).execute();
  return work.id;
}

/**
 * A fresh test archive for the calling test file: opened before its tests, closed after them.
 * `archive` and `db` are set once the file's `beforeAll` hooks run, so read them inside tests and hooks.
 */
export function useTestArchive(): { archive: TestArchive; db: Kysely<DB> } {
  const ctx = {} as { archive: TestArchive; db: Kysely<DB> };
  beforeAll(async () => {
    ctx.archive = await testArchive();
    ctx.db = ctx.archive.services.database.db;
  });
  afterAll(async () => { await ctx.archive.close(); });
  return ctx;
}

/**
 * The wrangling suites' setup: a test archive, a wrangling service `w` whose index-change hook
 * counts into `changes` (zeroed before each test), and helpers for tags named uniquely to the run.
 */
export function useWranglingKit() {
  const base = useTestArchive();
  let seq = 0;
  const kit = {
    get db(): Kysely<DB> { return base.db; },
    w: undefined as unknown as WranglingService,
    changes: 0,
    /** A fresh tag with a name unique to this test run. */
    async tag(type: TagType, name: string, opts: TagOptions = {}) {
      const unique = `${name} ${++seq}`;
      return { id: await insertTag(base.db, type, unique, opts), name: unique };
    },
    canon: (type: TagType, name: string) => kit.tag(type, name, { canonical: true }),
    row: (id: number) => base.db.selectFrom('tags').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    parentIds: async (id: number) => (await base.db.selectFrom('tag_parents').select('parent_id').where('child_id', '=', id).execute()).map((r) => r.parent_id).sort(),
    link: (childId: number, parentId: number) => linkTags(base.db, childId, parentId),
  };
  beforeAll(() => {
    kit.w = wranglingService(base.db, async () => { kit.changes += 1; });
  });
  beforeEach(() => { kit.changes = 0; });
  return kit;
}
