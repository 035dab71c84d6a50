import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Viewer } from '../policy/viewer.js';
import { fail, fieldErrors, ok, type Result } from '../result.js';
import type { Mailer } from '../mail/mailer.js';
import { sendSecurityNotice } from './notices.js';
import type { PasswordHasher } from './passwords.js';
import { keyOf, passwordSchema, pseudNameSchema, signUpSchema } from './rules.js';
import * as store from './store.js';
import { hashToken as sessionIdOf, newToken } from './tokens.js';
import { normaliseRecoveryCode, totpStep } from './totp.js';

const SESSION_DAYS = 30;
export const SESSION_COOKIE = 'quire_session';
/** The code step of a two-factor sign-in: how long it waits, and how many wrong codes it takes. */
const CODE_STEP_MINUTES = 10;
const CODE_ATTEMPTS = 5;
/** What a sign-in challenge records when the password was right. */
const PASSWORD_OK = 'password-ok';
/** Last-seen times are written at most this often per session, so reading stays one query. */
const TOUCH_MS = 5 * 60_000;

export type SignedIn = { token: string; userId: number; mustChangePassword: boolean };

/** A password sign-in: a session, or (two-factor accounts) a challenge for the code step. */
export type SignInOutcome =
  | { kind: 'signed-in'; session: SignedIn }
  | { kind: 'needs-code'; challenge: string }
  | { kind: 'banned' }
  | { kind: 'wrong' };

export type CodeOutcome = { kind: 'signed-in'; session: SignedIn } | { kind: 'wrong' } | { kind: 'expired' };

export type SessionInfo = { id: string; createdAt: string; lastSeenAt: string | null; current: boolean };

export function accountsService(db: Kysely<DB>, hasher: PasswordHasher, mail: Mailer) {
  // Verified against when a login is unknown, so both failures take the same time.
  const decoy = hasher.hash(randomBytes(16).toString('hex'));

  async function startSession(userId: number): Promise<string> {
    const token = newToken();
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

    /**
     * One answer for an unknown login and a wrong password: no user enumeration. Each sign-in
     * makes a new session token (the caller ends the one it had), so a token planted before
     * sign-in is worth nothing after it. Two-factor accounts get a session only after the code,
     * and go on to the code step whether or not the password was right: someone without the
     * second factor cannot use the form to learn that a guessed password is right.
     */
    async signIn(login: string, password: string): Promise<SignInOutcome> {
      const user = await store.findUserByLogin(db, keyOf(login));
      const good = await hasher.verify(user?.password_hash ?? (await decoy), password);
      if (user?.totp_enabled === 1) {
        const challenge = newToken();
        const passed = good && user.banned_at === null;
        await store.insertToken(db, { id: sessionIdOf(challenge), userId: user.id, purpose: 'sign_in', data: passed ? PASSWORD_OK : '', expiresAt: new Date(Date.now() + CODE_STEP_MINUTES * 60_000) });
        return { kind: 'needs-code', challenge };
      }
      if (!user || !good) return { kind: 'wrong' };
      if (user.banned_at !== null) return { kind: 'banned' };
      return { kind: 'signed-in', session: { token: await startSession(user.id), userId: user.id, mustChangePassword: user.must_change_password === 1 } };
    },

    /** The second step: a code from the authenticator app, or one of the recovery codes. */
    async completeSignIn(challenge: string, code: string, now = new Date()): Promise<CodeOutcome> {
      const id = sessionIdOf(challenge);
      const pending = await store.findToken(db, id, 'sign_in', now);
      if (!pending || pending.attempts >= CODE_ATTEMPTS) return { kind: 'expired' };
      const user = await store.findUserById(db, pending.user_id);
      if (!user || user.totp_enabled !== 1 || !user.totp_secret) return { kind: 'expired' };
      // After a wrong password no code is even looked at (nor a recovery code used up); the
      // answer is the same as for a wrong code.
      if (pending.data !== PASSWORD_OK || user.banned_at !== null) {
        await store.countTokenAttempt(db, id);
        return { kind: 'wrong' };
      }
      const step = totpStep(user.totp_secret, code, now.getTime());
      const recovery = normaliseRecoveryCode(code);
      const good = step !== null
        ? await store.useTotpStep(db, user.id, step)
        : recovery !== '' && (await store.useRecoveryCode(db, user.id, sessionIdOf(recovery)));
      if (!good) {
        await store.countTokenAttempt(db, id);
        return { kind: 'wrong' };
      }
      if (!(await store.takeToken(db, id))) return { kind: 'expired' };
      return { kind: 'signed-in', session: { token: await startSession(user.id), userId: user.id, mustChangePassword: user.must_change_password === 1 } };
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
      const id = sessionIdOf(token);
      const now = new Date();
      const u = await store.findSessionUser(db, id, now);
      if (!u) return null;
      if (!u.last_seen_at || now.getTime() - Date.parse(u.last_seen_at) > TOUCH_MS) await store.touchSession(db, id, now.toISOString());
      const suspended = u.suspended_until !== null && u.suspended_until > now.toISOString();
      return {
        viewer: { kind: 'user', id: u.id, login: u.login, isAdmin: u.is_admin === 1, isWrangler: u.is_wrangler === 1, ...(suspended ? { suspendedUntil: u.suspended_until } : {}) },
        mustChangePassword: u.must_change_password === 1,
      };
    },

    async signOut(token: string) {
      await store.deleteSession(db, sessionIdOf(token));
    },

    /** The account's live sessions, newest first, marking the one asking. */
    async sessions(userId: number, token: string): Promise<SessionInfo[]> {
      const current = sessionIdOf(token);
      return (await store.sessionsOfUser(db, userId, new Date())).map((s) => ({
        // Only a prefix of the hash leaves the store: enough to tell sessions apart, useless as a cookie.
        id: s.id.slice(0, 8), createdAt: s.created_at, lastSeenAt: s.last_seen_at, current: s.id === current,
      }));
    },

    async endOtherSessions(userId: number, token: string) {
      await store.deleteOtherSessions(db, userId, sessionIdOf(token));
    },

    /**
     * Changing the password ends every session, this one included, and starts a new one: a
     * thief's cookie stops working, and so does any copy of this browser's. Returns its token.
     */
    async changePassword(userId: number, current: string, next: string): Promise<Result<string>> {
      const user = await store.findUserById(db, userId);
      if (!user || !(await hasher.verify(user.password_hash, current))) {
        return fail({ current: 'Your current password is not right.' });
      }
      const parsed = passwordSchema.safeParse(next);
      if (!parsed.success) return fail({ password: parsed.error.issues[0]?.message ?? 'Invalid password.' });
      const passwordHash = await hasher.hash(next);
      await db.transaction().execute(async (trx) => {
        await store.updatePassword(trx, userId, passwordHash);
        await store.deleteSessionsOfUser(trx, userId);
      });
      const token = await startSession(userId);
      await sendSecurityNotice(mail, user, 'The password was changed');
      return ok(token);
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
    emailOf: async (userId: number) => (await store.findUserById(db, userId))?.email ?? null,
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
