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

/**
 * An entry id missing from the log, and since when. On PostgreSQL an entry's id comes from a
 * sequence when the row is inserted, not when its transaction commits: a change may become
 * visible after changes with higher ids. An id still missing after GAP_WAIT_MS belonged to a
 * transaction that rolled back.
 */
export type Gap = { id: number; since: number } | null;
const GAP_WAIT_MS = 30_000;
/** How far back from the end of the log a reader starting afresh looks for a change not committed yet. */
const LOOKBACK = 1_000;

/**
 * Where a follower's position may move, over the ids of the entries after it (ascending): up to
 * the first missing id, which is waited for, or past it once it has been missing long enough.
 * A follower applies the entries past a gap at once, and again until its position passes them.
 */
export function advancePosition(from: number, ids: readonly number[], gap: Gap, now: number): { to: number; gap: Gap } {
  let to = from;
  for (const id of ids) {
    if (id === to + 1) {
      to = id;
      continue;
    }
    const missing = to + 1;
    // Every id from `missing` to `id` was already missing when the gap was first seen (an entry
    // above it was there then, and entries never go away), so all of them have waited long enough.
    if (gap?.id === missing && now - gap.since > GAP_WAIT_MS) {
      to = id;
      continue;
    }
    return { to, gap: gap?.id === missing ? gap : { id: missing, since: now } };
  }
  return { to, gap: null };
}

/**
 * Where a reader that starts now (loading an index, matching afresh) begins following: the end
 * of the log, or before an id missing near it, which may be a change not committed yet.
 */
export async function logPosition(db: Kysely<DB>): Promise<{ to: number; gap: Gap }> {
  const recent = (await db.selectFrom('work_changes').select('id').orderBy('id', 'desc').limit(LOOKBACK).execute()).map((r) => r.id).reverse();
  return recent.length === 0 ? { to: 0, gap: null } : advancePosition(recent[0]! - 1, recent, null, Date.now());
}

export async function logTagsChange(db: Kysely<DB>): Promise<void> {
  await db.insertInto('work_changes').values({ work_id: TAGS_CHANGED, changed_at: now() }).execute();
}
