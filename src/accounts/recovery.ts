import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.js';
import type { Mailer } from '../mail/mailer.js';
import { fail, ok, type Result } from '../result.js';
import type { PasswordHasher } from './passwords.js';
import { passwordSchema } from './rules.js';
import * as store from './store.js';
import { hashToken, newToken } from './tokens.js';

const RESET_MINUTES = 60;
const EMAIL_CHANGE_HOURS = 24;
const emailSchema = z.string().trim().max(254, 'Email is too long.').email('Enter a valid email address.');

/**
 * Getting back into an account, and moving it to a new address, by single-use links that
 * expire; the database keeps only their hashes. Mail goes out after the change is stored.
 */
export function recoveryService(db: Kysely<DB>, hasher: PasswordHasher, mail: Mailer, baseUrl: string) {
  return {
    /**
     * Sends a reset link to each account with this address. The caller says the same thing
     * whether or not one exists, so the form cannot be used to find out who has an account.
     */
    async requestPasswordReset(email: string): Promise<void> {
      const parsed = emailSchema.safeParse(email);
      if (!parsed.success) return;
      for (const user of await store.usersByEmail(db, parsed.data)) {
        const token = newToken();
        await db.transaction().execute(async (trx) => {
          await store.deleteTokensOf(trx, user.id, 'password_reset');
          await store.insertToken(trx, { id: hashToken(token), userId: user.id, purpose: 'password_reset', expiresAt: new Date(Date.now() + RESET_MINUTES * 60_000) });
        });
        await mail.send({
          to: user.email,
          subject: 'Reset your Quire password',
          text: `Someone (we hope you) asked to reset the password of the Quire account “${user.login}”.\n\n`
            + `Choose a new password here within the next hour:\n${baseUrl}/password/reset/${token}\n\n`
            + 'The link works once. If you did not ask for this, ignore this message: your password stays as it is.\n',
        });
      }
    },

    /** Whether a reset link is still good (to show its form, or say it has expired). */
    async resetLinkValid(token: string): Promise<boolean> {
      return !!(await store.findToken(db, hashToken(token), 'password_reset', new Date()));
    },

    /** Sets the new password, uses up the link and ends every session of the account. */
    async resetPassword(token: string, password: string): Promise<Result<{ login: string }> | { ok: false; expired: true }> {
      const id = hashToken(token);
      const found = await store.findToken(db, id, 'password_reset', new Date());
      if (!found) return { ok: false, expired: true };
      const parsed = passwordSchema.safeParse(password);
      if (!parsed.success) return fail({ password: parsed.error.issues[0]?.message ?? 'Invalid password.' });
      const passwordHash = await hasher.hash(parsed.data);
      const user = await db.transaction().execute(async (trx) => {
        if (!(await store.takeToken(trx, id))) return null;
        await store.updatePassword(trx, found.user_id, passwordHash);
        await store.deleteSessionsOfUser(trx, found.user_id);
        return store.findUserById(trx, found.user_id);
      });
      return user ? ok({ login: user.login }) : { ok: false, expired: true };
    },

    /**
     * A change of address is confirmed from the OLD address: someone who has taken over a
     * session cannot move the account (and its password resets) to a mailbox of their own.
     */
    async requestEmailChange(userId: number, password: string, newEmail: string): Promise<Result<null>> {
      const user = await store.findUserById(db, userId);
      if (!user || !(await hasher.verify(user.password_hash, password))) return fail({ password: 'Your password is not right.' });
      const parsed = emailSchema.safeParse(newEmail);
      if (!parsed.success) return fail({ email: parsed.error.issues[0]?.message ?? 'Enter a valid email address.' });
      const token = newToken();
      await db.transaction().execute(async (trx) => {
        await store.deleteTokensOf(trx, userId, 'email_change');
        await store.insertToken(trx, { id: hashToken(token), userId, purpose: 'email_change', data: parsed.data, expiresAt: new Date(Date.now() + EMAIL_CHANGE_HOURS * 3_600_000) });
      });
      await mail.send({
        to: user.email,
        subject: 'Confirm your new email address on Quire',
        text: `Someone signed in as “${user.login}” asked to change the account’s email address to ${parsed.data}.\n\n`
          + `To confirm, open this link within 24 hours:\n${baseUrl}/settings/email/confirm/${token}\n\n`
          + 'If this was not you, do not open the link, and change your password.\n',
      });
      return ok(null);
    },

    async pendingEmailChange(token: string): Promise<{ newEmail: string } | null> {
      const found = await store.findToken(db, hashToken(token), 'email_change', new Date());
      return found ? { newEmail: found.data } : null;
    },

    async confirmEmailChange(token: string): Promise<{ login: string; newEmail: string } | null> {
      const id = hashToken(token);
      const found = await store.findToken(db, id, 'email_change', new Date());
      if (!found) return null;
      return db.transaction().execute(async (trx) => {
        if (!(await store.takeToken(trx, id))) return null;
        await store.updateEmail(trx, found.user_id, found.data);
        const user = await store.findUserById(trx, found.user_id);
        return user ? { login: user.login, newEmail: found.data } : null;
      });
    },
  };
}

export type RecoveryService = ReturnType<typeof recoveryService>;
