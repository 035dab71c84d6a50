import type { Database } from '../db/connect.js';
import { ORPHAN_LOGIN } from '../moderation/creatorStore.js';

/**
 * Users and works in a database, 0 when it holds no archive yet: what its migrations seed (the
 * orphan_account user) does not count, and neither does a database with no tables at all.
 */
export async function archiveRows(database: Database): Promise<number> {
  try {
    const users = await database.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).where('login_key', '!=', ORPHAN_LOGIN).executeTakeFirstOrThrow();
    const works = await database.db.selectFrom('works').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return Number(users.n) + Number(works.n);
  } catch {
    return 0;
  }
}
