import type { Kysely } from 'kysely';

// Admins hide a comment (0/1): then only its author and the admins see it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('comments').addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('comments').dropColumn('hidden').execute();
}
