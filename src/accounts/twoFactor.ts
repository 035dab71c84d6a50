import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Mailer } from '../mail/mailer.js';
import { sendSecurityNotice } from './notices.js';
import { fail, ok, type Result } from '../result.js';
import type { PasswordHasher } from './passwords.js';
import * as store from './store.js';
import { hashToken } from './tokens.js';
import { newRecoveryCodes, newTotpSecret, totpStep, totpUri } from './totp.js';

export type TwoFactorState =
  | { kind: 'off' }
  | { kind: 'enrolling'; secret: string; uri: string }
  | { kind: 'on'; recoveryCodesLeft: number };

/** Optional TOTP two-factor sign-in: enrol with a confirmed code, leave with the password. */
export function twoFactorService(db: Kysely<DB>, hasher: PasswordHasher, mail: Mailer) {
  return {
    async state(userId: number): Promise<TwoFactorState> {
      const user = await store.findUserById(db, userId);
      if (!user) return { kind: 'off' };
      if (user.totp_enabled === 1) return { kind: 'on', recoveryCodesLeft: await store.countRecoveryCodes(db, userId) };
      return user.totp_secret ? { kind: 'enrolling', secret: user.totp_secret, uri: totpUri(user.totp_secret, user.login) } : { kind: 'off' };
    },

    /** A new secret to put in an authenticator app; nothing changes at sign-in until confirmed. */
    async start(userId: number): Promise<void> {
      const user = await store.findUserById(db, userId);
      if (!user || user.totp_enabled === 1) return;
      await store.setTotp(db, userId, newTotpSecret(), false);
    },

    /** A right code turns it on and returns the ten recovery codes, shown this once. */
    async confirm(userId: number, code: string, now = Date.now()): Promise<Result<string[]>> {
      const user = await store.findUserById(db, userId);
      if (!user?.totp_secret || user.totp_enabled === 1) return fail({ form: 'Start setting up two-factor sign-in first.' });
      const step = totpStep(user.totp_secret, code, now);
      if (step === null) return fail({ code: 'That code is not right. Check the time on your device and enter the code it shows now.' });
      const codes = newRecoveryCodes();
      await db.transaction().execute(async (trx) => {
        await store.setTotp(trx, userId, user.totp_secret, true);
        await store.useTotpStep(trx, userId, step);
        await store.replaceRecoveryCodes(trx, userId, codes.map(hashToken));
      });
      await sendSecurityNotice(mail, user, 'Two-factor sign-in was turned on');
      return ok(codes);
    },

    /** Turning it off takes the password, so a borrowed signed-in browser is not enough. */
    async disable(userId: number, password: string): Promise<Result<null>> {
      const user = await store.findUserById(db, userId);
      if (!user || !(await hasher.verify(user.password_hash, password))) return fail({ password: 'Your password is not right.' });
      await db.transaction().execute(async (trx) => {
        await store.setTotp(trx, userId, null, false);
        await store.replaceRecoveryCodes(trx, userId, []);
      });
      await sendSecurityNotice(mail, user, 'Two-factor sign-in was turned off');
      return ok(null);
    },
  };
}

export type TwoFactorService = ReturnType<typeof twoFactorService>;
