import type { Kysely } from 'kysely';
import type { DB, TokenScope } from '../db/schema.js';

export type TokenRow = { id: number; name: string; scope: TokenScope; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

export async function insertToken(db: Kysely<DB>, userId: number, name: string, hash: string, scope: TokenScope, now: string): Promise<number> {
  const row = await db.insertInto('api_tokens')
    .values({ user_id: userId, name, token_hash: hash, scope, created_at: now, last_used_at: null, revoked_at: null })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function tokensOfUser(db: Kysely<DB>, userId: number): Promise<TokenRow[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('id', 'desc').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, scope: r.scope, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
}

/** Revokes one of the user's own tokens; false when there is no such live token of theirs. */
export async function revokeToken(db: Kysely<DB>, userId: number, id: number, now: string): Promise<boolean> {
  const r = await db.updateTable('api_tokens').set({ revoked_at: now })
    .where('id', '=', id).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export function findLiveToken(db: Kysely<DB>, hash: string) {
  return db.selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id', 'api_tokens.scope', 'api_tokens.last_used_at', 'users.id as user_id', 'users.login', 'users.is_admin', 'users.is_wrangler', 'users.suspended_until'])
    .where('api_tokens.token_hash', '=', hash)
    // A banned user's tokens stop working with the ban.
    .where('users.banned_at', 'is', null)
    .where('api_tokens.revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function touchToken(db: Kysely<DB>, id: number, now: string) {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}
