import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export const ORPHAN_LOGIN = 'orphan_account';

export async function orphanPseudId(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('pseuds').innerJoin('users', 'users.id', 'pseuds.user_id').select('pseuds.id')
    .where('users.login_key', '=', ORPHAN_LOGIN).where('pseuds.is_default', '=', 1).executeTakeFirstOrThrow();
  return row.id;
}

/** Replaces the user's pseuds on a work by the orphan pseud, where theirs stood. */
export async function orphanCreatorships(db: Kysely<DB>, workId: number, userId: number, orphanId: number) {
  const rows = await db.selectFrom('creatorships').innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
    .select(['creatorships.pseud_id', 'pseuds.user_id']).where('creatorships.work_id', '=', workId).orderBy('creatorships.position').execute();
  const ids: number[] = [];
  for (const r of rows) {
    const id = r.user_id === userId ? orphanId : r.pseud_id;
    if (!ids.includes(id)) ids.push(id);
  }
  await db.deleteFrom('creatorships').where('work_id', '=', workId).execute();
  await db.insertInto('creatorships').values(ids.map((pseud_id, position) => ({ work_id: workId, pseud_id, position }))).execute();
}

export function pseudByName(db: Kysely<DB>, loginKey: string, pseudKey: string | null) {
  return db.selectFrom('pseuds').innerJoin('users', 'users.id', 'pseuds.user_id')
    .select(['pseuds.id', 'pseuds.name', 'users.id as user_id', 'users.login', 'users.banned_at'])
    .where('users.login_key', '=', loginKey)
    .$if(pseudKey === null, (q) => q.where('pseuds.is_default', '=', 1))
    .$if(pseudKey !== null, (q) => q.where('pseuds.name_key', '=', pseudKey!))
    .executeTakeFirst();
}

export async function insertInvitation(db: Kysely<DB>, workId: number, pseudId: number, invitedBy: number) {
  await db.insertInto('creator_invitations').values({ work_id: workId, pseud_id: pseudId, invited_by: invitedBy, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.columns(['work_id', 'pseud_id']).doNothing()).execute();
}

export type Invitation = { workId: number; title: string; pseudId: number; pseud: string; login: string; invitedBy: string; createdAt: string };

function invitations(db: Kysely<DB>) {
  return db.selectFrom('creator_invitations')
    .innerJoin('works', 'works.id', 'creator_invitations.work_id')
    .innerJoin('pseuds', 'pseuds.id', 'creator_invitations.pseud_id')
    .innerJoin('users as invitee', 'invitee.id', 'pseuds.user_id')
    .innerJoin('users as inviter', 'inviter.id', 'creator_invitations.invited_by')
    .select(['creator_invitations.work_id', 'works.title', 'pseuds.id as pseud_id', 'pseuds.name', 'invitee.login', 'inviter.login as inviter', 'creator_invitations.created_at', 'invitee.id as invitee_id']);
}

const toInvitation = (r: { work_id: number; title: string; pseud_id: number; name: string; login: string; inviter: string; created_at: string }): Invitation =>
  ({ workId: r.work_id, title: r.title, pseudId: r.pseud_id, pseud: r.name, login: r.login, invitedBy: r.inviter, createdAt: r.created_at });

export async function invitationsForUser(db: Kysely<DB>, userId: number): Promise<Invitation[]> {
  return (await invitations(db).where('invitee.id', '=', userId).orderBy('creator_invitations.created_at', 'desc').execute()).map(toInvitation);
}

export async function invitationsOfWork(db: Kysely<DB>, workId: number): Promise<Invitation[]> {
  return (await invitations(db).where('creator_invitations.work_id', '=', workId).orderBy('creator_invitations.created_at').execute()).map(toInvitation);
}

/** Deletes the invitation if it is the user's; true when there was one. */
export async function takeInvitation(db: Kysely<DB>, workId: number, pseudId: number, userId: number): Promise<boolean> {
  const r = await db.deleteFrom('creator_invitations').where('work_id', '=', workId).where('pseud_id', '=', pseudId)
    .where('pseud_id', 'in', db.selectFrom('pseuds').select('id').where('user_id', '=', userId)).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function appendCreator(db: Kysely<DB>, workId: number, pseudId: number) {
  const next = await db.selectFrom('creatorships').select(sql<number>`coalesce(max(position), -1) + 1`.as('p')).where('work_id', '=', workId).executeTakeFirstOrThrow();
  await db.insertInto('creatorships').values({ work_id: workId, pseud_id: pseudId, position: Number(next.p) })
    .onConflict((oc) => oc.columns(['work_id', 'pseud_id']).doNothing()).execute();
}
