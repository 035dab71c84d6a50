import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { fail, ok, type Result } from '../result.js';
import * as store from './store.js';

export const USERS_PER_SEARCH = 50;

/** What admins do to accounts. Callers have already asked policy whether the viewer may. */
export function adminService(db: Kysely<DB>) {
  return {
    findUsers: (loginStart: string) => {
      const q = loginStart.trim();
      return q === '' ? Promise.resolve([]) : store.findUsers(db, q, USERS_PER_SEARCH);
    },
    /** `logged` runs the change in the transaction that writes it to the admin log. */
    async setWrangler(login: string, on: boolean, logged: (action: string, fn: (trx: Kysely<DB>) => Promise<boolean>) => Promise<boolean>): Promise<Result<null>> {
      const key = login.trim().toLowerCase();
      if (!(await db.selectFrom('users').select('id').where('login_key', '=', key).executeTakeFirst())) return fail({ form: `There is no user called “${login}”.` });
      const changed = await logged(on ? 'grant wrangler role' : 'revoke wrangler role', (trx) => store.setWrangler(trx, key, on));
      return changed ? ok(null) : fail({ form: `There is no user called “${login}”.` });
    },
  };
}

export type AdminService = ReturnType<typeof adminService>;
