import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * The `work_changes` log that listing indexes follow: a row per change to a work, written in the
 * change's own transaction, so an index (in this process, its search thread, or another process)
 * catches up by reading what committed after the last row it saw.
 */

/** A change-log entry with this work id means "tag structure changed" rather than one work. */
export const TAGS_CHANGED = 0;

const now = () => new Date().toISOString();

export async function logWorkChange(trx: Kysely<DB>, workId: number): Promise<void> {
  await trx.insertInto('work_changes').values({ work_id: workId, changed_at: now() }).execute();
}

/** Changes that moved only these works' counts (kudos, comments, hits, bookmarks): one insert for all. */
export async function logCountsChange(trx: Kysely<DB>, workIds: readonly number[]): Promise<void> {
  if (workIds.length === 0) return;
  const at = now();
  await trx.insertInto('work_changes').values(workIds.map((work_id) => ({ work_id, changed_at: at, counts_only: 1 }))).execute();
}

/** The last entry's id: whoever reads from here on misses nothing committed after. */
export async function logPosition(db: Kysely<DB>): Promise<number> {
  return Number((await db.selectFrom('work_changes').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0);
}

export async function logTagsChange(db: Kysely<DB>): Promise<void> {
  await db.insertInto('work_changes').values({ work_id: TAGS_CHANGED, changed_at: now() }).execute();
}
