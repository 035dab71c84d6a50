import type { Kysely } from 'kysely';
import { connect } from '../../../src/db/connect.js';
import type { DB } from '../../../src/db/schema.js';

/** Accounts the migrations create (orphan_account), with their pseuds. */
export type SeededAccounts = Array<{ user: Record<string, unknown>; pseuds: Array<Record<string, unknown>> }>;

/**
 * The corpus writes users and pseuds with its own ids from 1, where the migrations' seeded
 * accounts already sit: take them out before the load and put them back after it, with fresh ids.
 * The app finds them by login, never by id.
 */
export async function setAsideSeeded(db: Kysely<DB>): Promise<SeededAccounts> {
  const users = await db.selectFrom('users').selectAll().orderBy('id').execute();
  const seeded: SeededAccounts = [];
  for (const user of users) {
    const pseuds = await db.selectFrom('pseuds').selectAll().where('user_id', '=', user.id).orderBy('id').execute();
    seeded.push({ user, pseuds });
    await db.deleteFrom('pseuds').where('user_id', '=', user.id).execute();
    await db.deleteFrom('users').where('id', '=', user.id).execute();
  }
  return seeded;
}

/** Inserts the set-aside accounts again, after the load moved the id sequences past its rows. */
export async function restoreSeeded(url: string, seeded: SeededAccounts): Promise<void> {
  if (seeded.length === 0) return;
  const database = connect(url);
  try {
    await database.db.transaction().execute(async (trx) => {
      for (const { user, pseuds } of seeded) {
        const { id: _oldUser, ...userRow } = user;
        const { id } = await trx.insertInto('users').values(userRow as never).returning('id').executeTakeFirstOrThrow();
        for (const { id: _oldPseud, ...pseud } of pseuds) await trx.insertInto('pseuds').values({ ...pseud, user_id: id } as never).execute();
      }
    });
  } finally {
    await database.close();
  }
}
