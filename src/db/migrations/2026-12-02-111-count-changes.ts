import type { Kysely } from 'kysely';

// A change that moved only a work's counts (kudos, comments, hits): the listing index reads four
// numbers instead of the work's tags and creators.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('work_changes').addColumn('counts_only', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('work_changes').dropColumn('counts_only').execute();
}
