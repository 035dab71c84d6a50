import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export async function userReaderSettings(db: Kysely<DB>, userId: number): Promise<string | null> {
  const row = await db.selectFrom('users').select('reader_settings').where('id', '=', userId).executeTakeFirst();
  return row?.reader_settings ?? null;
}

export async function saveUserReaderSettings(db: Kysely<DB>, userId: number, encoded: string): Promise<void> {
  await db.updateTable('users').set({ reader_settings: encoded }).where('id', '=', userId).execute();
}
