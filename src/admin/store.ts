import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../db/schema.js';

export type UserRoles = { id: number; login: string; isAdmin: boolean; isWrangler: boolean; createdAt: string };

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** Users whose login starts with the text (case-insensitive), exact match first. */
export async function findUsers(db: Kysely<DB>, loginStart: string, limit: number): Promise<UserRoles[]> {
  const key = loginStart.toLowerCase();
  const rows = await db.selectFrom('users')
    .select(['id', 'login', 'login_key', 'is_admin', 'is_wrangler', 'created_at'])
    .where(sql<SqlBool>`login_key like ${`${escapeLike(key)}%`} escape '\\'`)
    .orderBy((eb) => eb.case().when('login_key', '=', key).then(0).else(1).end())
    .orderBy('login_key')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, login: r.login, isAdmin: r.is_admin === 1, isWrangler: r.is_wrangler === 1, createdAt: r.created_at }));
}

export async function setWrangler(db: Kysely<DB>, loginKey: string, on: boolean): Promise<boolean> {
  const r = await db.updateTable('users').set({ is_wrangler: on ? 1 : 0 }).where('login_key', '=', loginKey).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
