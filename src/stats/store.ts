import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** The counters a work keeps per day; each is a column of work_stats_daily. */
export const STAT_KINDS = ['hits', 'kudos', 'comments', 'bookmarks', 'subscriptions'] as const;
export type StatKind = (typeof STAT_KINDS)[number];
export type StatCounts = Record<StatKind, number>;

export const zeroCounts = (): StatCounts => ({ hits: 0, kudos: 0, comments: 0, bookmarks: 0, subscriptions: 0 });

/** A UTC day as work_stats_daily keys it: 'YYYY-MM-DD'. */
export const statDay = (at: Date = new Date()) => at.toISOString().slice(0, 10);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Adds `delta` to one of a work's counters for one UTC day (today unless given): a new kudos is
 * `recordStat(trx, workId, 'kudos', 1)`, a deleted comment `recordStat(trx, workId, 'comments', -1)`.
 * Call it inside the transaction that makes the change, so the counter and the change commit
 * together. The (work_id, day) row is created on first use.
 */
export function recordStat(db: Kysely<DB>, workId: number, kind: StatKind, delta: number, day: string = statDay()): Promise<void> {
  return recordStats(db, kind, new Map([[workId, delta]]), day);
}

/** recordStat for many works at once (a batch of hits): one upsert, whatever their number. */
export async function recordStats(db: Kysely<DB>, kind: StatKind, deltas: ReadonlyMap<number, number>, day: string = statDay()): Promise<void> {
  for (const delta of deltas.values()) {
    if (!Number.isSafeInteger(delta)) throw new Error(`recordStat: delta must be an integer (got ${delta})`);
  }
  if (!DAY.test(day)) throw new Error(`recordStat: day must be YYYY-MM-DD (got ${day})`);
  if (!STAT_KINDS.includes(kind)) throw new Error(`recordStat: unknown counter ${String(kind)}`);
  if (deltas.size === 0) return;
  const column = sql.ref(kind);
  await db.insertInto('work_stats_daily')
    .values([...deltas].map(([work_id, delta]) => ({ work_id, day, [kind]: delta })))
    .onConflict((oc) => oc.columns(['work_id', 'day']).doUpdateSet({ [kind]: sql<number>`work_stats_daily.${column} + excluded.${column}` }))
    .execute();
}

/** Inclusive day bounds; `from` null means since the beginning. */
export type DayRange = { from: string | null; to: string };

const sums = STAT_KINDS.map((k) => sql<string | number>`coalesce(sum(${sql.ref(k)}), 0)`.as(k));
const toCounts = (r: Record<StatKind, string | number>): StatCounts =>
  ({ hits: Number(r.hits), kudos: Number(r.kudos), comments: Number(r.comments), bookmarks: Number(r.bookmarks), subscriptions: Number(r.subscriptions) });

function inRange(db: Kysely<DB>, workIds: readonly number[], range: DayRange) {
  let q = db.selectFrom('work_stats_daily').where('work_id', 'in', workIds).where('day', '<=', range.to);
  if (range.from) q = q.where('day', '>=', range.from);
  return q;
}

/** Each work's totals over the range (works without rows are left out). */
export async function totalsByWork(db: Kysely<DB>, workIds: readonly number[], range: DayRange): Promise<Map<number, StatCounts>> {
  if (workIds.length === 0) return new Map();
  const rows = await inRange(db, workIds, range).select('work_id').select(sums).groupBy('work_id').execute();
  return new Map(rows.map((r) => [r.work_id, toCounts(r)]));
}

/** The works' summed counters per day, for days that have any row, in day order. */
export async function totalsByDay(db: Kysely<DB>, workIds: readonly number[], range: DayRange): Promise<{ day: string; counts: StatCounts }[]> {
  if (workIds.length === 0) return [];
  const rows = await inRange(db, workIds, range).select('day').select(sums).groupBy('day').orderBy('day').execute();
  return rows.map((r) => ({ day: r.day, counts: toCounts(r) }));
}

/** The works of a user (any pseud), posted or not, with what their stats page lists. */
export async function worksOfUser(db: Kysely<DB>, userId: number) {
  return db.selectFrom('works')
    .select(['id', 'title', 'status', 'published_at'])
    .where('id', 'in', (eb) => eb.selectFrom('creatorships').innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
      .select('creatorships.work_id').where('pseuds.user_id', '=', userId))
    .orderBy('id')
    .execute();
}

export async function workTitle(db: Kysely<DB>, workId: number) {
  return db.selectFrom('works').select(['id', 'title', 'status', 'published_at']).where('id', '=', workId).executeTakeFirst();
}
