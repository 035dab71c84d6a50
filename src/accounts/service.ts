import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Viewer } from '../policy/viewer.js';
import { fail, fieldErrors, ok, type Result } from '../result.js';
import type { PasswordHasher } from './passwords.js';
import { keyOf, passwordSchema, pseudNameSchema, signUpSchema } from './rules.js';
import * as store from './store.js';

const SESSION_DAYS = 30;
export const SESSION_COOKIE = 'quire_session';

const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('base64url');

export type SignedIn = { token: string; userId: number; mustChangePassword: boolean };

export function accountsService(db: Kysely<DB>, hasher: PasswordHasher) {
  // Verified against when a login is unknown, so both failures take the same time.
  const decoy = hasher.hash(randomBytes(16).toString('hex'));

  async function startSession(userId: number): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await store.insertSession(db, sessionIdOf(token), userId, new Date(Date.now() + SESSION_DAYS * 86_400_000));
    return token;
  }

  return {
    async signUp(input: unknown): Promise<Result<SignedIn>> {
      const parsed = signUpSchema.safeParse(input);
      if (!parsed.success) return fail(fieldErrors(parsed.error.issues));
      const { login, email, password } = parsed.data;
      if (await store.findUserByLogin(db, keyOf(login))) return fail({ login: 'That login is taken.' });
      const passwordHash = await hasher.hash(password);
      const userId = await db.transaction().execute((trx) =>
        store.insertUser(trx, { login, email, passwordHash, isAdmin: false, mustChangePassword: false }),
      );
      return ok({ token: await startSession(userId), userId, mustChangePassword: false });
    },

    /** One answer for an unknown login and a wrong password: no user enumeration. */
    async signIn(login: string, password: string): Promise<SignedIn | null> {
      const user = await store.findUserByLogin(db, keyOf(login));
      const good = await hasher.verify(user?.password_hash ?? (await decoy), password);
      if (!user || !good) return null;
      return { token: await startSession(user.id), userId: user.id, mustChangePassword: user.must_change_password === 1 };
    },

    /**
     * Checks a login and password without starting a session, for HTTP Basic (e-reader apps).
     * Accounts that must first choose a password are refused: that happens in a browser.
     */
    async verifyPassword(login: string, password: string): Promise<Viewer | null> {
      const user = await store.findUserByLogin(db, keyOf(login));
      const good = await hasher.verify(user?.password_hash ?? (await decoy), password);
      if (!user || !good || user.must_change_password === 1) return null;
      return { kind: 'user', id: user.id, login: user.login, isAdmin: user.is_admin === 1, isWrangler: user.is_wrangler === 1 };
    },

    async sessionFor(token: string | undefined): Promise<{ viewer: Viewer; mustChangePassword: boolean } | null> {
      if (!token) return null;
      const u = await store.findSessionUser(db, sessionIdOf(token), new Date());
      if (!u) return null;
      return {
        viewer: { kind: 'user', id: u.id, login: u.login, isAdmin: u.is_admin === 1, isWrangler: u.is_wrangler === 1 },
        mustChangePassword: u.must_change_password === 1,
      };
    },

    async signOut(token: string) {
      await store.deleteSession(db, sessionIdOf(token));
    },

    /** Changing the password ends every other session: a thief's cookie stops working. */
    async changePassword(userId: number, token: string, current: string, next: string): Promise<Result<null>> {
      const user = await store.findUserById(db, userId);
      if (!user || !(await hasher.verify(user.password_hash, current))) {
        return fail({ current: 'Your current password is not right.' });
      }
      const parsed = passwordSchema.safeParse(next);
      if (!parsed.success) return fail({ password: parsed.error.issues[0]?.message ?? 'Invalid password.' });
      await store.updatePassword(db, userId, await hasher.hash(next));
      await store.deleteOtherSessions(db, userId, sessionIdOf(token));
      return ok(null);
    },

    async mustChangePassword(userId: number): Promise<boolean> {
      return (await store.findUserById(db, userId))?.must_change_password === 1;
    },

    /** First start: the admin account with a one-time password the operator must change. */
    async ensureAdmin(): Promise<{ password: string } | null> {
      if (await store.findUserByLogin(db, 'admin')) return null;
      const password = randomBytes(12).toString('base64url');
      const passwordHash = await hasher.hash(password);
      await db.transaction().execute((trx) =>
        store.insertUser(trx, { login: 'admin', email: 'admin@localhost', passwordHash, isAdmin: true, mustChangePassword: true }),
      );
      return { password };
    },

    pseudsOf: (userId: number) => store.pseudsOfUser(db, userId),
    findUser: (login: string) => store.findUserByLogin(db, keyOf(login)),
    findPseud: (userId: number, name: string) => store.findPseud(db, userId, keyOf(name)),

    async addPseud(userId: number, name: unknown): Promise<Result<number>> {
      const parsed = pseudNameSchema.safeParse(name);
      if (!parsed.success) return fail({ name: parsed.error.issues[0]?.message ?? 'Invalid pseud.' });
      if (await store.findPseud(db, userId, keyOf(parsed.data))) return fail({ name: 'You already have that pseud.' });
      return ok(await store.insertPseud(db, userId, parsed.data, false));
    },
  };
}

export type AccountsService = ReturnType<typeof accountsService>;
