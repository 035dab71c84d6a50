import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A reader's history: one row per work they opened or marked for later. A row marked for
  // later but never opened has visit_count 0 and no last_visited_at.
  await db.schema.createTable('readings')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('last_chapter_id', 'integer', (c) => c.references('chapters.id').onDelete('set null'))
    .addColumn('visit_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_visited_at', 'text')
    .addColumn('to_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('marked_at', 'text')
    .addPrimaryKeyConstraint('readings_pk', ['user_id', 'work_id'])
    .execute();
  await db.schema.createIndex('readings_recent').on('readings').columns(['user_id', 'last_visited_at']).execute();
  await db.schema.createIndex('readings_work').on('readings').column('work_id').execute();

  // A row here means: record nothing of this reader's visits.
  await db.schema.createTable('history_paused')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('paused_at', 'text', (c) => c.notNull())
    .execute();

  // Writers' statistics, one row per work and UTC day; the features that count add to it.
  await db.schema.createTable('work_stats_daily')
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('kudos', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('comments', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bookmarks', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('subscriptions', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('work_stats_daily_pk', ['work_id', 'day'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('work_stats_daily').execute();
  await db.schema.dropTable('history_paused').execute();
  await db.schema.dropIndex('readings_work').execute();
  await db.schema.dropIndex('readings_recent').execute();
  await db.schema.dropTable('readings').execute();
}
