import type { Kysely } from 'kysely';

// A signed-in reader's font, width and theme follow them to every device (JSON text).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('reader_settings', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('reader_settings').execute();
}
