import type { Kysely } from 'kysely';
import type { AccountTokenPurpose, DB } from '../db/schema.js';

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

/** A live session's user; banned accounts have none. */
export function findSessionUser(db: Kysely<DB>, sessionId: string, now: Date) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.login', 'users.is_admin', 'users.is_wrangler', 'users.must_change_password',
      'users.suspended_until', 'sessions.last_seen_at'])
    .where('sessions.id', '=', sessionId)
    .where('sessions.expires_at', '>', now.toISOString())
    .where('users.banned_at', 'is', null)
    .executeTakeFirst();
}

export async function touchSession(db: Kysely<DB>, sessionId: string, now: string) {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
}

export function sessionsOfUser(db: Kysely<DB>, userId: number, now: Date) {
  return db.selectFrom('sessions').select(['id', 'created_at', 'last_seen_at'])
    .where('user_id', '=', userId).where('expires_at', '>', now.toISOString())
    .orderBy('created_at', 'desc').execute();
}

export async function deleteSessionsOfUser(db: Kysely<DB>, userId: number) {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export function usersByEmail(db: Kysely<DB>, email: string) {
  return db.selectFrom('users').select(['id', 'login', 'email'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .where('banned_at', 'is', null)
    .execute();
}

export async function updateEmail(db: Kysely<DB>, userId: number, email: string) {
  await db.updateTable('users').set({ email }).where('id', '=', userId).execute();
}

// Single-use tokens (password reset, email change, the code step of sign-in).

export async function insertToken(db: Kysely<DB>, t: { id: string; userId: number; purpose: AccountTokenPurpose; data?: string; expiresAt: Date }) {
  await db.insertInto('account_tokens').values({
    id: t.id, user_id: t.userId, purpose: t.purpose, data: t.data ?? '', attempts: 0,
    created_at: new Date().toISOString(), expires_at: t.expiresAt.toISOString(),
  }).execute();
}

export function findToken(db: Kysely<DB>, id: string, purpose: AccountTokenPurpose, now: Date) {
  return db.selectFrom('account_tokens').selectAll()
    .where('id', '=', id).where('purpose', '=', purpose).where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
}

/** Deletes the token; true only for the one caller that got to it first (single use). */
export async function takeToken(db: Kysely<DB>, id: string): Promise<boolean> {
  const r = await db.deleteFrom('account_tokens').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function countTokenAttempt(db: Kysely<DB>, id: string) {
  await db.updateTable('account_tokens').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('id', '=', id).execute();
}

export async function deleteTokensOf(db: Kysely<DB>, userId: number, purpose: AccountTokenPurpose) {
  await db.deleteFrom('account_tokens').where('user_id', '=', userId).where('purpose', '=', purpose).execute();
}

// Two-factor sign-in.

export async function setTotp(db: Kysely<DB>, userId: number, secret: string | null, enabled: boolean) {
  await db.updateTable('users').set({ totp_secret: secret, totp_enabled: enabled ? 1 : 0, totp_last_step: 0 }).where('id', '=', userId).execute();
}

/** Records the time step a code was accepted for; false when that step (or a later one) was used. */
export async function useTotpStep(db: Kysely<DB>, userId: number, step: number): Promise<boolean> {
  const r = await db.updateTable('users').set({ totp_last_step: step })
    .where('id', '=', userId).where('totp_last_step', '<', step).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function replaceRecoveryCodes(db: Kysely<DB>, userId: number, hashes: string[]) {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  if (hashes.length > 0) await db.insertInto('recovery_codes').values(hashes.map((code_hash) => ({ user_id: userId, code_hash }))).execute();
}

export async function useRecoveryCode(db: Kysely<DB>, userId: number, hash: string): Promise<boolean> {
  const r = await db.deleteFrom('recovery_codes').where('user_id', '=', userId).where('code_hash', '=', hash).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function countRecoveryCodes(db: Kysely<DB>, userId: number): Promise<number> {
  const r = await db.selectFrom('recovery_codes').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function deleteSession(db: Kysely<DB>, sessionId: string) {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteOtherSessions(db: Kysely<DB>, userId: number, keepId: string) {
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', keepId).execute();
}
