import type { Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '../db/schema.js';
import { testArchive, type TestArchive } from '../testing/testApp.js';
import type { TagType } from './kinds.js';
import { wranglingService, type WranglingService } from './wrangling.js';

let archive: TestArchive;
let db: Kysely<DB>;
let w: WranglingService;
let changes = 0;
let seq = 0;

beforeAll(async () => {
  archive = await testArchive();
  db = archive.services.database.db;
  w = wranglingService(db, async () => { changes += 1; });
});
afterAll(async () => { await archive.close(); });
beforeEach(() => { changes = 0; });

/** A fresh tag with a name unique to this test run. */
async function tag(type: TagType, name: string, opts: { canonical?: boolean; mergerId?: number } = {}) {
  const unique = `${name} ${++seq}`;
  const row = await db.insertInto('tags').values({
    name: unique, name_key: unique.toLowerCase(), type, canonical: opts.canonical ? 1 : 0, merger_id: opts.mergerId ?? null, created_at: new Date().toISOString(),
  }).returning('id').executeTakeFirstOrThrow();
  return { id: row.id, name: unique };
}
const canon = (type: TagType, name: string) => tag(type, name, { canonical: true });
const row = (id: number) => db.selectFrom('tags').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const parentIds = async (id: number) => (await db.selectFrom('tag_parents').select('parent_id').where('child_id', '=', id).execute()).map((r) => r.parent_id).sort();
const link = (childId: number, parentId: number) => db.insertInto('tag_parents').values({ child_id: childId, parent_id: parentId }).execute();

async function insertWork(d: Kysely<DB>, tagIds: number[], opts: { status?: 'draft' | 'posted'; restricted?: boolean } = {}) {
  const now = new Date().toISOString();
  const work = await d.insertInto('works').values({
    title: 'T', summary: '', notes: '', end_notes: '', language: 'en', restricted: opts.restricted ? 1 : 0, status: opts.status ?? 'posted',
    expected_chapters: 1, posted_chapters: 1, word_count: 10, published_at: now, revised_at: now, created_at: now, version: 1,
    kudos_count: 0, hits_count: 0, comments_count: 0, bookmarks_count: 0,
  }).returning('id').executeTakeFirstOrThrow();
  if (tagIds.length) await d.insertInto('work_tags').values(tagIds.map((tag_id, position) => ({ work_id: work.id, tag_id, position }))).execute();
  return work.id;
}

describe('renaming', () => {
  it('renames a tag, allows a change of case, and gives every work carrying it a new version', async () => {
    const t = await tag('freeform', 'angst');
    const tagged = await insertWork(db, [t.id]);
    const other = await insertWork(db, []);
    expect((await w.rename(t.id, `  ${t.name.toUpperCase()}  `)).ok).toBe(true);
    expect(await row(t.id)).toMatchObject({ name: t.name.toUpperCase(), name_key: t.name.toLowerCase() });
    const versions = await db.selectFrom('works').select(['id', 'version']).where('id', 'in', [tagged, other]).orderBy('id').execute();
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    const logged = await db.selectFrom('work_changes').select('work_id').where('work_id', 'in', [tagged, other]).execute();
    expect(logged.map((l) => l.work_id)).toEqual([tagged]);
  });

  it('tells the given hook of each work carrying a renamed tag, inside the transaction', async () => {
    const t = await tag('freeform', 'hooked');
    const works = [await insertWork(db, [t.id]), await insertWork(db, [t.id])];
    const told: number[] = [];
    const hooked = wranglingService(db, async () => {}, async (_trx, workId) => { told.push(workId); });
    expect((await hooked.rename(t.id, `${t.name} renamed`)).ok).toBe(true);
    expect(told.sort()).toEqual(works.sort());
  });

  it.each([
    ['', 'Enter a name'],
    ['Has, comma', 'commas'],
    ['x'.repeat(151), 'at most 150'],
  ])('refuses the name %j', async (name, message) => {
    const t = await tag('freeform', 'Name');
    expect(await w.rename(t.id, name)).toEqual({ ok: false, errors: { name: expect.stringContaining(message) } });
    expect((await row(t.id)).name).toBe(t.name);
  });

  it('refuses a name another tag has, of any type and case', async () => {
    const fandom = await canon('fandom', 'Taken');
    const t = await tag('freeform', 'Mine');
    expect(await w.rename(t.id, fandom.name.toLowerCase())).toEqual({ ok: false, errors: { name: expect.stringContaining('already exists') } });
  });
});

describe('bulk actions', () => {
  it('makes many tags canonical, synonyms, or children of a fandom, each in one transaction', async () => {
    const [a, b] = [await tag('character', 'Bulk A'), await tag('character', 'Bulk B')];
    expect(await w.bulk({ kind: 'canonical' }, [a.id, b.id])).toEqual({ ok: true, value: 2 });
    expect((await row(b.id)).canonical).toBe(1);
    const f = await canon('fandom', 'Bulk Fandom');
    expect((await w.bulk({ kind: 'fandom', fandomName: f.name }, [a.id, b.id])).ok).toBe(true);
    expect(await parentIds(b.id)).toEqual([f.id]);
    const [s1, s2] = [await tag('character', 'S1'), await tag('character', 'S2')];
    expect((await w.bulk({ kind: 'synonym', canonicalName: a.name }, [s1.id, s2.id])).ok).toBe(true);
    expect((await row(s2.id)).merger_id).toBe(a.id);
  });

  it('keeps nothing when one tag of the batch is refused, and names it', async () => {
    const good = await tag('character', 'Good');
    const c = await canon('character', 'Canon');
    const synonym = await tag('character', 'Already', { mergerId: c.id });
    const r = await w.bulk({ kind: 'canonical' }, [good.id, synonym.id]);
    expect(r).toEqual({ ok: false, errors: { canonical: expect.stringContaining(synonym.name) } });
    expect((await row(good.id)).canonical).toBe(0);
    expect(changes).toBe(0);
  });

  it('refuses an unknown target and an empty selection', async () => {
    const t = await tag('character', 'T');
    expect(await w.bulk({ kind: 'synonym', canonicalName: 'No Such Tag Anywhere' }, [t.id])).toEqual({ ok: false, errors: { synonym_of: expect.stringContaining('There is no tag') } });
    expect(await w.bulk({ kind: 'canonical' }, [])).toEqual({ ok: false, errors: { tags: 'Choose at least one tag.' } });
  });
});

describe('edit form changes', () => {
  it('applies several changes together, or none, with every problem beside its field', async () => {
    const t = await tag('character', 'Edited');
    const r = await w.edit(t.id, { name: 'Bad, name', canonical: true, addParents: 'No Such Parent At All' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['name', 'parent']);
    expect((await row(t.id)).canonical).toBe(0);
    const f = await canon('fandom', 'Edit Fandom');
    expect(await w.edit(t.id, { name: `${t.name} Renamed`, canonical: true, addParents: f.name })).toEqual({ ok: true, value: `${t.name} Renamed` });
    expect(await parentIds(t.id)).toEqual([f.id]);
  });
});

describe('expansion', () => {
  it('means the canonical tag, its synonyms, and its sub-tags (recursively) with theirs', async () => {
    const top = await canon('freeform', 'Top');
    const topSyn = await tag('freeform', 'Top syn', { mergerId: top.id });
    const mid = await canon('freeform', 'Mid');
    const midSyn = await tag('freeform', 'Mid syn', { mergerId: mid.id });
    const low = await canon('freeform', 'Low');
    const unrelated = await canon('freeform', 'Unrelated');
    const child = await tag('freeform', 'Plain child');
    await link(mid.id, top.id);
    await link(low.id, mid.id);
    const fandom = await canon('fandom', 'Fandom of top');
    await link(top.id, fandom.id);
    const want = [top.id, topSyn.id, mid.id, midSyn.id, low.id].sort((a, b) => a - b);
    expect(await w.expansion(top.id)).toEqual(want);
    expect(await w.expansion(topSyn.id)).toEqual(want);
    expect(await w.expansion(mid.id)).toEqual([mid.id, midSyn.id, low.id].sort((a, b) => a - b));
    expect(await w.expansion(fandom.id)).toEqual([fandom.id]);
    expect(await w.expansion(unrelated.id)).not.toContain(child.id);
  });
});
