import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB, TokenScope } from '../db/schema.js';
import type { Viewer } from '../policy/viewer.js';
import { fail, fieldErrors, ok, type Result } from '../result.js';
import * as store from './tokenStore.js';

export const TOKEN_SCOPES = ['read', 'write'] as const satisfies readonly TokenScope[];
const PREFIX = 'quire_pat_';
/** last_used_at is a hint for the owner, not an audit log: one write a minute per token is enough. */
const TOUCH_EVERY_MS = 60_000;

const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');

export const newTokenSchema = z.object({
  name: z.string().optional().default('').transform((s) => s.trim())
    .pipe(z.string().min(1, 'Give the token a name, so you know later what uses it.').max(100, 'The name must be at most 100 characters.')),
  scope: z.enum(TOKEN_SCOPES, { message: 'Choose read or write.' }),
});

export type TokenHolder = { viewer: Extract<Viewer, { kind: 'user' }>; scope: TokenScope; tokenId: number };

export function tokensService(db: Kysely<DB>) {
  return {
    /** The token itself is returned once, here; only its hash is stored. */
    async create(userId: number, input: unknown): Promise<Result<{ id: number; token: string; name: string; scope: TokenScope }>> {
      const parsed = newTokenSchema.safeParse(input);
      if (!parsed.success) return fail(fieldErrors(parsed.error.issues));
      const token = PREFIX + randomBytes(32).toString('base64url');
      const id = await store.insertToken(db, userId, parsed.data.name, hashOf(token), parsed.data.scope, new Date().toISOString());
      return ok({ id, token, ...parsed.data });
    },

    list: (userId: number) => store.tokensOfUser(db, userId),

    revoke: (userId: number, id: number) => store.revokeToken(db, userId, id, new Date().toISOString()),

    /** The user and scope behind a live token, or null for an unknown or revoked one. */
    async authenticate(token: string): Promise<TokenHolder | null> {
      if (!token.startsWith(PREFIX) || token.length > 200) return null;
      const row = await store.findLiveToken(db, hashOf(token));
      if (!row) return null;
      const now = new Date();
      if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > TOUCH_EVERY_MS) await store.touchToken(db, row.id, now.toISOString());
      return {
        viewer: { kind: 'user', id: row.user_id, login: row.login, isAdmin: row.is_admin === 1, isWrangler: row.is_wrangler === 1, suspendedUntil: row.suspended_until },
        scope: row.scope,
        tokenId: row.id,
      };
    },
  };
}

export type TokensService = ReturnType<typeof tokensService>;
