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
    async setWrangler(login: string, on: boolean): Promise<Result<null>> {
      const changed = await store.setWrangler(db, login.trim().toLowerCase(), on);
      return changed ? ok(null) : fail({ form: `There is no user called “${login}”.` });
    },
  };
}

export type AdminService = ReturnType<typeof adminService>;
