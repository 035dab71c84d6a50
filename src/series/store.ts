import { sql, type Kysely } from 'kysely';
import type { DB, WorkStatus } from '../db/schema.js';

export type SeriesRow = {
  id: number; userId: number; ownerLogin: string; title: string; summary: string; notes: string;
  complete: boolean; createdAt: string; updatedAt: string;
};

/** A part with what the policy needs to decide who sees it. */
export type PartFacts = { workId: number; position: number; status: WorkStatus; restricted: boolean; hidden: boolean; creatorUserIds: number[] };

export type SeriesFields = { title: string; summary: string; notes: string; complete: boolean };

export async function findSeries(db: Kysely<DB>, seriesIds: readonly number[]): Promise<SeriesRow[]> {
  if (seriesIds.length === 0) return [];
  const rows = await db.selectFrom('series').innerJoin('users', 'users.id', 'series.user_id')
    .select(['series.id', 'series.user_id', 'users.login', 'series.title', 'series.summary', 'series.notes', 'series.complete', 'series.created_at', 'series.updated_at'])
    .where('series.id', 'in', seriesIds).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return seriesIds.flatMap((id) => {
    const r = byId.get(id);
    return r ? [{
      id: r.id, userId: r.user_id, ownerLogin: r.login, title: r.title, summary: r.summary, notes: r.notes,
      complete: r.complete === 1, createdAt: r.created_at, updatedAt: r.updated_at,
    }] : [];
  });
}

export async function seriesIdsOfUser(db: Kysely<DB>, userId: number): Promise<number[]> {
  const rows = await db.selectFrom('series').select('id').where('user_id', '=', userId).orderBy('updated_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map((r) => r.id);
}

export async function insertSeries(db: Kysely<DB>, userId: number, f: SeriesFields, now: string): Promise<number> {
  const row = await db.insertInto('series')
    .values({ user_id: userId, title: f.title, summary: f.summary, notes: f.notes, complete: f.complete ? 1 : 0, created_at: now, updated_at: now })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateSeries(db: Kysely<DB>, seriesId: number, f: SeriesFields, now: string) {
  await db.updateTable('series')
    .set({ title: f.title, summary: f.summary, notes: f.notes, complete: f.complete ? 1 : 0, updated_at: now })
    .where('id', '=', seriesId).execute();
}

export async function touchSeries(db: Kysely<DB>, seriesId: number, now: string) {
  await db.updateTable('series').set({ updated_at: now }).where('id', '=', seriesId).execute();
}

export async function deleteSeries(db: Kysely<DB>, seriesId: number) {
  await db.deleteFrom('series').where('id', '=', seriesId).execute();
}

/** Every part of each series, in order, with its work's visibility facts. */
export async function partsOf(db: Kysely<DB>, seriesIds: readonly number[]): Promise<Map<number, PartFacts[]>> {
  const map = new Map<number, PartFacts[]>(seriesIds.map((id) => [id, []]));
  if (seriesIds.length === 0) return map;
  const rows = await db.selectFrom('series_parts').innerJoin('works', 'works.id', 'series_parts.work_id')
    .select(['series_parts.series_id', 'series_parts.work_id', 'series_parts.position', 'works.status', 'works.restricted', 'works.hidden_at'])
    .where('series_parts.series_id', 'in', seriesIds)
    .orderBy('series_parts.series_id').orderBy('series_parts.position').execute();
  const creators = await creatorUsers(db, rows.map((r) => r.work_id));
  for (const r of rows) {
    map.get(r.series_id)!.push({
      workId: r.work_id, position: r.position, status: r.status, restricted: r.restricted === 1, hidden: r.hidden_at !== null, creatorUserIds: creators.get(r.work_id) ?? [],
    });
  }
  return map;
}

async function creatorUsers(db: Kysely<DB>, workIds: readonly number[]) {
  const map = new Map<number, number[]>();
  if (workIds.length === 0) return map;
  const rows = await db.selectFrom('creatorships').innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
    .select(['creatorships.work_id', 'pseuds.user_id']).where('creatorships.work_id', 'in', [...new Set(workIds)]).execute();
  for (const r of rows) {
    const list = map.get(r.work_id) ?? [];
    if (!list.includes(r.user_id)) list.push(r.user_id);
    map.set(r.work_id, list);
  }
  return map;
}

export async function seriesIdsOfWork(db: Kysely<DB>, workId: number): Promise<number[]> {
  const rows = await db.selectFrom('series_parts').select('series_id').where('work_id', '=', workId).orderBy('series_id').execute();
  return rows.map((r) => r.series_id);
}

export async function addPart(db: Kysely<DB>, seriesId: number, workId: number) {
  const next = await db.selectFrom('series_parts').select(sql<number>`coalesce(max(position), 0) + 1`.as('p'))
    .where('series_id', '=', seriesId).executeTakeFirstOrThrow();
  await db.insertInto('series_parts').values({ series_id: seriesId, work_id: workId, position: Number(next.p) }).execute();
}

export async function removePart(db: Kysely<DB>, seriesId: number, workId: number) {
  await db.deleteFrom('series_parts').where('series_id', '=', seriesId).where('work_id', '=', workId).execute();
}

/** Renumbers the parts 1..n in the given order (every remaining part once). */
export async function setPositions(db: Kysely<DB>, seriesId: number, orderedWorkIds: readonly number[]) {
  for (const [i, workId] of orderedWorkIds.entries()) {
    await db.updateTable('series_parts').set({ position: i + 1 }).where('series_id', '=', seriesId).where('work_id', '=', workId).execute();
  }
}

export async function partWorkIds(db: Kysely<DB>, seriesId: number): Promise<number[]> {
  const rows = await db.selectFrom('series_parts').select('work_id').where('series_id', '=', seriesId).orderBy('position').execute();
  return rows.map((r) => r.work_id);
}

/** Parts whose work is gone (a deleted work leaves its rows for us to clear). */
export async function dropPartsOfWork(db: Kysely<DB>, workId: number) {
  await db.deleteFrom('series_parts').where('work_id', '=', workId).execute();
}

/** The series nav is part of each work's page: new versions, so no cached page shows the old one. */
export async function bumpWorkVersions(db: Kysely<DB>, workIds: readonly number[]) {
  if (workIds.length === 0) return;
  await db.updateTable('works').set((eb) => ({ version: eb('version', '+', 1) })).where('id', 'in', [...new Set(workIds)]).execute();
}

/** The works a user created that are not yet in this series, newest first (for the "add a work" choice). */
export async function candidateWorks(db: Kysely<DB>, userId: number, seriesId: number) {
  return db.selectFrom('works')
    .innerJoin('creatorships', 'creatorships.work_id', 'works.id')
    .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
    .select(['works.id', 'works.title', 'works.status'])
    .distinct()
    .where('pseuds.user_id', '=', userId)
    .where('works.id', 'not in', db.selectFrom('series_parts').select('work_id').where('series_id', '=', seriesId))
    .orderBy('works.id', 'desc')
    .execute();
}

export async function workExists(db: Kysely<DB>, workId: number) {
  return Boolean(await db.selectFrom('works').select('id').where('id', '=', workId).executeTakeFirst());
}
