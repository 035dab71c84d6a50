import type { Kysely } from 'kysely';

// A writer's choice that crawlers of AI training sets are asked to keep off all of their works.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('asks_noai', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('asks_noai').execute();
}
