import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { fail, ok, type Result } from '../result.js';
import { findTagByName, tagsByIds, type Tag } from '../tags/store.js';

const MAX_EXCLUSIONS = 200;

/** Tags a reader never wants to see: every listing and search leaves them out unless told not to. */
export function exclusionsService(db: Kysely<DB>) {
  async function ids(userId: number): Promise<number[]> {
    const rows = await db.selectFrom('excluded_tags').select('tag_id').where('user_id', '=', userId).execute();
    return rows.map((r) => r.tag_id);
  }
  return {
    ids,
    async list(userId: number): Promise<Tag[]> {
      const tags = await tagsByIds(db, await ids(userId));
      return tags.sort((a, b) => a.name.localeCompare(b.name));
    },
    async add(userId: number, name: string): Promise<Result<Tag>> {
      const trimmed = name.replace(/\s+/g, ' ').trim();
      if (!trimmed) return fail({ name: 'Enter the name of a tag.' });
      const tag = await findTagByName(db, trimmed);
      if (!tag) return fail({ name: `There is no tag called “${trimmed}”.` });
      const current = await ids(userId);
      if (current.length >= MAX_EXCLUSIONS) return fail({ name: `You can exclude at most ${MAX_EXCLUSIONS} tags.` });
      await db.insertInto('excluded_tags').values({ user_id: userId, tag_id: tag.id })
        .onConflict((oc) => oc.columns(['user_id', 'tag_id']).doNothing()).execute();
      return ok(tag);
    },
    async remove(userId: number, tagId: number) {
      await db.deleteFrom('excluded_tags').where('user_id', '=', userId).where('tag_id', '=', tagId).execute();
    },
  };
}

export type ExclusionsService = ReturnType<typeof exclusionsService>;
