import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export type Pseud = { id: number; userId: number; name: string; isDefault: boolean };

export function findUserByLogin(db: Kysely<DB>, loginKey: string) {
  return db.selectFrom('users').selectAll().where('login_key', '=', loginKey).executeTakeFirst();
}

export function findUserById(db: Kysely<DB>, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(
  db: Kysely<DB>,
  u: { login: string; email: string; passwordHash: string; isAdmin: boolean; mustChangePassword: boolean },
): Promise<number> {
  const now = new Date().toISOString();
  const row = await db
    .insertInto('users')
    .values({
      login: u.login,
      login_key: u.login.toLowerCase(),
      email: u.email,
      password_hash: u.passwordHash,
      is_admin: u.isAdmin ? 1 : 0,
      is_wrangler: 0,
      must_change_password: u.mustChangePassword ? 1 : 0,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertPseud(db, row.id, u.login, true);
  return row.id;
}

export async function updatePassword(db: Kysely<DB>, userId: number, passwordHash: string) {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: 0 })
    .where('id', '=', userId)
    .execute();
}

export async function insertPseud(db: Kysely<DB>, userId: number, name: string, isDefault: boolean) {
  const row = await db
    .insertInto('pseuds')
    .values({
      user_id: userId,
      name,
      name_key: name.toLowerCase(),
      is_default: isDefault ? 1 : 0,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function pseudsOfUser(db: Kysely<DB>, userId: number): Promise<Pseud[]> {
  const rows = await db
    .selectFrom('pseuds')
    .select(['id', 'user_id', 'name', 'is_default'])
    .where('user_id', '=', userId)
    .orderBy('is_default', 'desc')
    .orderBy('name_key')
    .execute();
  return rows.map((r) => ({ id: r.id, userId: r.user_id, name: r.name, isDefault: r.is_default === 1 }));
}

export async function findPseud(db: Kysely<DB>, userId: number, nameKey: string): Promise<Pseud | undefined> {
  const r = await db
    .selectFrom('pseuds')
    .select(['id', 'user_id', 'name', 'is_default'])
    .where('user_id', '=', userId)
    .where('name_key', '=', nameKey)
    .executeTakeFirst();
  return r && { id: r.id, userId: r.user_id, name: r.name, isDefault: r.is_default === 1 };
}

export async function insertSession(db: Kysely<DB>, id: string, userId: number, expiresAt: Date) {
  await db
    .insertInto('sessions')
    .values({ id, user_id: userId, created_at: new Date().toISOString(), expires_at: expiresAt.toISOString() })
    .execute();
}

export function findSessionUser(db: Kysely<DB>, sessionId: string, now: Date) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.login', 'users.is_admin', 'users.is_wrangler', 'users.must_change_password'])
    .where('sessions.id', '=', sessionId)
    .where('sessions.expires_at', '>', now.toISOString())
    .executeTakeFirst();
}

export async function deleteSession(db: Kysely<DB>, sessionId: string) {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteOtherSessions(db: Kysely<DB>, userId: number, keepId: string) {
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', keepId).execute();
}
