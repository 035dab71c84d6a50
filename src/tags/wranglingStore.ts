import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../db/schema.js';
import type { TagType } from './kinds.js';

/** A tag as wrangling rules see it. */
export type TagFacts = { id: number; name: string; type: TagType; canonical: boolean; mergerId: number | null };
export type TagRef = { id: number; name: string; type: TagType; canonical: boolean };
export type TagUse = { id: number; name: string; canonical: boolean; uses: number };

const COLUMNS = ['tags.id', 'tags.name', 'tags.type', 'tags.canonical', 'tags.merger_id'] as const;
type Row = { id: number; name: string; type: string; canonical: number; merger_id: number | null };
const facts = (r: Row): TagFacts => ({ id: r.id, name: r.name, type: r.type as TagType, canonical: r.canonical === 1, mergerId: r.merger_id });
const ref = (r: Row): TagRef => ({ id: r.id, name: r.name, type: r.type as TagType, canonical: r.canonical === 1 });

export async function tagById(db: Kysely<DB>, id: number): Promise<TagFacts | undefined> {
  const r = await db.selectFrom('tags').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return r && facts(r);
}

export async function tagByKey(db: Kysely<DB>, nameKey: string): Promise<TagFacts | undefined> {
  const r = await db.selectFrom('tags').select(COLUMNS).where('name_key', '=', nameKey).executeTakeFirst();
  return r && facts(r);
}

export async function synonymsOf(db: Kysely<DB>, canonicalId: number): Promise<TagRef[]> {
  const rows = await db.selectFrom('tags').select(COLUMNS).where('merger_id', '=', canonicalId).orderBy('name_key').execute();
  return rows.map(ref);
}

export async function synonymIdsOf(db: Kysely<DB>, canonicalIds: readonly number[]): Promise<number[]> {
  if (canonicalIds.length === 0) return [];
  const rows = await db.selectFrom('tags').select('id').where('merger_id', 'in', canonicalIds).execute();
  return rows.map((r) => r.id);
}

export async function parentsOf(db: Kysely<DB>, childId: number): Promise<TagFacts[]> {
  const rows = await db.selectFrom('tag_parents').innerJoin('tags', 'tags.id', 'tag_parents.parent_id')
    .select(COLUMNS).where('tag_parents.child_id', '=', childId).orderBy('tags.name_key').execute();
  return rows.map(facts);
}

export async function childrenOf(db: Kysely<DB>, parentId: number): Promise<TagFacts[]> {
  const rows = await db.selectFrom('tag_parents').innerJoin('tags', 'tags.id', 'tag_parents.child_id')
    .select(COLUMNS).where('tag_parents.parent_id', '=', parentId).orderBy('tags.name_key').execute();
  return rows.map(facts);
}

/** Children of the same type as their parent: meta tagging, one level down from each id. */
export async function subTagIdsOf(db: Kysely<DB>, parentIds: readonly number[]): Promise<number[]> {
  if (parentIds.length === 0) return [];
  const rows = await db.selectFrom('tag_parents')
    .innerJoin('tags as c', 'c.id', 'tag_parents.child_id')
    .innerJoin('tags as p', 'p.id', 'tag_parents.parent_id')
    .whereRef('c.type', '=', 'p.type')
    .where('tag_parents.parent_id', 'in', parentIds)
    .select('c.id').distinct().execute();
  return rows.map((r) => r.id);
}

/** Every tag below this one through any parent link, for the cycle check. */
export async function descendantIds(db: Kysely<DB>, rootId: number): Promise<Set<number>> {
  const seen = new Set<number>();
  let frontier = [rootId];
  while (frontier.length > 0) {
    const rows = await db.selectFrom('tag_parents').select('child_id').where('parent_id', 'in', frontier).execute();
    frontier = rows.map((r) => r.child_id).filter((id) => !seen.has(id));
    for (const id of frontier) seen.add(id);
  }
  return seen;
}

export async function isLinked(db: Kysely<DB>, childId: number, parentId: number): Promise<boolean> {
  const r = await db.selectFrom('tag_parents').select('child_id').where('child_id', '=', childId).where('parent_id', '=', parentId).executeTakeFirst();
  return r !== undefined;
}

export async function link(db: Kysely<DB>, childId: number, parentId: number) {
  if (!(await isLinked(db, childId, parentId))) await db.insertInto('tag_parents').values({ child_id: childId, parent_id: parentId }).execute();
}

export async function unlink(db: Kysely<DB>, childId: number, parentId: number): Promise<boolean> {
  const r = await db.deleteFrom('tag_parents').where('child_id', '=', childId).where('parent_id', '=', parentId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function unlinkChildren(db: Kysely<DB>, parentId: number) {
  await db.deleteFrom('tag_parents').where('parent_id', '=', parentId).execute();
}

export async function unlinkParentsOfType(db: Kysely<DB>, childId: number, type: TagType) {
  await db.deleteFrom('tag_parents').where('child_id', '=', childId)
    .where('parent_id', 'in', db.selectFrom('tags').select('id').where('type', '=', type)).execute();
}

export async function setCanonical(db: Kysely<DB>, id: number, on: boolean) {
  await db.updateTable('tags').set({ canonical: on ? 1 : 0 }).where('id', '=', id).execute();
}

export async function setMerger(db: Kysely<DB>, id: number, mergerId: number | null) {
  await db.updateTable('tags').set({ merger_id: mergerId }).where('id', '=', id).execute();
}

export async function moveSynonyms(db: Kysely<DB>, fromId: number, toId: number) {
  await db.updateTable('tags').set({ merger_id: toId }).where('merger_id', '=', fromId).where('id', '<>', toId).execute();
}

export async function renameTag(db: Kysely<DB>, id: number, name: string, nameKey: string) {
  await db.updateTable('tags').set({ name, name_key: nameKey }).where('id', '=', id).execute();
}

/** Works that show the tag render differently now: new versions key new cached pages. */
export async function bumpVersionsOfWorksTagged(db: Kysely<DB>, tagId: number) {
  const tagged = db.selectFrom('work_tags').select('work_id').where('tag_id', '=', tagId);
  await db.updateTable('works').set((eb) => ({ version: eb('version', '+', 1) })).where('id', 'in', tagged).execute();
}

export async function worksTagged(db: Kysely<DB>, tagId: number): Promise<number[]> {
  const rows = await db.selectFrom('work_tags').select('work_id').where('tag_id', '=', tagId).execute();
  return rows.map((r) => r.work_id);
}

/** The change log listing indexes follow, one entry per work carrying the tag, in one statement. */
export async function logChangesOfWorksTagged(db: Kysely<DB>, tagId: number) {
  const now = new Date().toISOString();
  await db.insertInto('work_changes').columns(['work_id', 'changed_at'])
    .expression(db.selectFrom('work_tags').select(['work_id', sql<string>`${now}`.as('changed_at')]).where('tag_id', '=', tagId))
    .execute();
}

/** Posted works carrying any of the tags, as a listing would count them. */
export async function countWorks(db: Kysely<DB>, tagIds: readonly number[], includeRestricted: boolean): Promise<number> {
  if (tagIds.length === 0) return 0;
  let q = db.selectFrom('works').where('status', '=', 'posted')
    .where('id', 'in', db.selectFrom('work_tags').select('work_id').where('tag_id', 'in', tagIds));
  if (!includeRestricted) q = q.where('restricted', '=', 0);
  const r = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Posted works (of any restriction) carrying the tag: the queue's measure of how urgent a tag is. */
const postedUses = (eb: ExpressionBuilder<DB, 'tags'>, includeRestricted = true) => {
  let q = eb.selectFrom('work_tags').innerJoin('works', 'works.id', 'work_tags.work_id')
    .whereRef('work_tags.tag_id', '=', 'tags.id').where('works.status', '=', 'posted');
  if (!includeRestricted) q = q.where('works.restricted', '=', 0);
  return q;
};

export type UnwrangledQuery = { type: TagType; fandomIds: readonly number[] | null; limit: number; offset: number };

export async function unwrangledTags(db: Kysely<DB>, q: UnwrangledQuery): Promise<{ tags: TagUse[]; total: number }> {
  let base = db.selectFrom('tags').where('tags.type', '=', q.type).where('tags.canonical', '=', 0).where('tags.merger_id', 'is', null)
    .where((eb) => eb.exists(postedUses(eb).select('work_tags.work_id')));
  if (q.fandomIds === null) {
    base = base.where((eb) => eb.not(eb.exists(eb.selectFrom('tag_parents').innerJoin('tags as p', 'p.id', 'tag_parents.parent_id')
      .whereRef('tag_parents.child_id', '=', 'tags.id').where('p.type', '=', 'fandom').select('tag_parents.parent_id'))));
  } else {
    const fandomIds = q.fandomIds.length > 0 ? q.fandomIds : [-1];
    base = base.where('tags.id', 'in', db.selectFrom('work_tags as wt').innerJoin('work_tags as wf', 'wf.work_id', 'wt.work_id')
      .where('wf.tag_id', 'in', fandomIds).select('wt.tag_id'));
  }
  const [rows, count] = await Promise.all([
    base.select(['tags.id', 'tags.name', 'tags.canonical'])
      .select((eb) => postedUses(eb).select((e) => e.fn.countAll().as('n')).as('uses'))
      .orderBy('uses', 'desc').orderBy('tags.name_key').limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { tags: rows.map((r) => ({ id: r.id, name: r.name, canonical: r.canonical === 1, uses: Number(r.uses) })), total: Number(count.n) };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);
const like = (pattern: string): Expression<SqlBool> => sql<SqlBool>`tags.name_key like ${pattern} escape '\\'`;

/** Names of a type that start with the prefix, or have a word that does; canonical first, then most used. */
export async function autocompleteTags(db: Kysely<DB>, type: TagType, prefix: string, limit: number, includeRestricted: boolean) {
  const p = escapeLike(prefix.toLowerCase());
  const rows = await db.selectFrom('tags')
    .select(['tags.name', 'tags.canonical'])
    .select((eb) => postedUses(eb, includeRestricted).select((e) => e.fn.countAll().as('n')).as('uses'))
    .where('tags.type', '=', type)
    .where((eb) => eb.or([`${p}%`, `% ${p}%`, `%/${p}%`, `%(${p}%`].map(like)))
    .where((eb) => eb.or([eb('tags.canonical', '=', 1), eb.exists(postedUses(eb, includeRestricted).select('work_tags.work_id'))]))
    .orderBy('tags.canonical', 'desc').orderBy('uses', 'desc').orderBy('tags.name_key')
    .limit(limit).execute();
  return rows.map((r) => r.name);
}

/** Canonical tags of the given types with the names of their synonyms, for matching in text. */
export async function canonicalNames(db: Kysely<DB>, types: readonly TagType[]) {
  const canon = await db.selectFrom('tags').select(['id', 'name', 'type']).where('canonical', '=', 1).where('type', 'in', types).execute();
  const syns = await db.selectFrom('tags as s').innerJoin('tags as c', 'c.id', 's.merger_id')
    .select(['s.name', 's.merger_id']).where('c.canonical', '=', 1).where('c.type', 'in', types).execute();
  return { canonical: canon.map((r) => ({ id: r.id, name: r.name, type: r.type as TagType })), synonyms: syns.map((r) => ({ name: r.name, canonicalId: r.merger_id! })) };
}
