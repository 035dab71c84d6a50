import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { TagType } from './kinds.js';
import { tagKey } from './parse.js';

export type Tag = { id: number; name: string; type: TagType };
export type TagConflict = { name: string; existingType: TagType };

/**
 * Tag names are unique across types, as on AO3: a name already used as another type is a
 * conflict the writer must resolve, not a silent second tag.
 */
export async function findOrCreateTags(
  db: Kysely<DB>,
  wanted: ReadonlyArray<{ name: string; type: TagType }>,
): Promise<{ tags: Tag[]; conflicts: TagConflict[] }> {
  if (wanted.length === 0) return { tags: [], conflicts: [] };
  const existing = await db
    .selectFrom('tags')
    .select(['id', 'name', 'name_key', 'type'])
    .where('name_key', 'in', wanted.map((w) => tagKey(w.name)))
    .execute();
  const byKey = new Map(existing.map((t) => [t.name_key, t]));
  const tags: Tag[] = [];
  const conflicts: TagConflict[] = [];
  const now = new Date().toISOString();
  for (const w of wanted) {
    const found = byKey.get(tagKey(w.name));
    if (found && found.type !== w.type) {
      conflicts.push({ name: w.name, existingType: found.type as TagType });
    } else if (found) {
      tags.push({ id: found.id, name: found.name, type: w.type });
    } else {
      const row = await db
        .insertInto('tags')
        .values({ name: w.name, name_key: tagKey(w.name), type: w.type, canonical: 0, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      byKey.set(tagKey(w.name), { id: row.id, name: w.name, name_key: tagKey(w.name), type: w.type });
      tags.push({ id: row.id, name: w.name, type: w.type });
    }
  }
  return { tags, conflicts };
}

export async function findTagByName(db: Kysely<DB>, name: string): Promise<Tag | undefined> {
  const t = await db.selectFrom('tags').select(['id', 'name', 'type']).where('name_key', '=', tagKey(name)).executeTakeFirst();
  return t && { id: t.id, name: t.name, type: t.type as TagType };
}

/** Tags of many works at once, in a stable order for display. */
export async function tagsOfWorks(db: Kysely<DB>, workIds: readonly number[]) {
  if (workIds.length === 0) return [];
  return db
    .selectFrom('work_tags')
    .innerJoin('tags', 'tags.id', 'work_tags.tag_id')
    .select(['work_tags.work_id', 'tags.id', 'tags.name', 'tags.type'])
    .where('work_tags.work_id', 'in', workIds)
    .orderBy('work_tags.work_id').orderBy('work_tags.position')
    .execute();
}

export async function setWorkTags(db: Kysely<DB>, workId: number, tagIds: readonly number[]) {
  await db.deleteFrom('work_tags').where('work_id', '=', workId).execute();
  if (tagIds.length > 0) {
    await db.insertInto('work_tags').values(tagIds.map((tag_id, position) => ({ work_id: workId, tag_id, position }))).execute();
  }
}

export async function tagsByIds(db: Kysely<DB>, ids: readonly number[]): Promise<Tag[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('tags').select(['id', 'name', 'type']).where('id', 'in', ids).execute();
  return rows.map((t) => ({ id: t.id, name: t.name, type: t.type as TagType }));
}
