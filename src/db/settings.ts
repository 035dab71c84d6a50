import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from './schema.js';

/**
 * The site's signing secret lives in the database, so every app process serving the same
 * archive signs and checks CSRF tokens alike.
 */
export async function siteSecret(db: Kysely<DB>): Promise<string> {
  await db
    .insertInto('settings')
    .values({ key: 'secret', value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'secret').executeTakeFirstOrThrow();
  return row.value;
}
