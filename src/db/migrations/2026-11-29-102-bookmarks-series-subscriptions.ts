import { type Kysely } from 'kysely';
import { withId } from './columns.js';

export async function up(db: Kysely<any>): Promise<void> {
  // A creator's ordered group of works.
  await withId(db, db.schema.createTable('series'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('complete', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('series_user').on('series').column('user_id').execute();

  // No foreign key on work_id: deleting a work leaves its row for the series module, which
  // (told in the same transaction) removes it and bumps the other parts' versions.
  await db.schema.createTable('series_parts')
    .addColumn('series_id', 'integer', (c) => c.notNull().references('series.id').onDelete('cascade'))
    .addColumn('work_id', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('series_parts_pk', ['series_id', 'work_id'])
    .execute();
  await db.schema.createIndex('series_parts_work').on('series_parts').column('work_id').execute();

  // A bookmark of a deleted work or series keeps its notes (AO3's placeholder): the id goes null.
  await withId(db, db.schema.createTable('bookmarks'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('work_id', 'integer', (c) => c.references('works.id').onDelete('set null'))
    .addColumn('series_id', 'integer', (c) => c.references('series.id').onDelete('set null'))
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('private', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rec', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bookmarks_user_work').unique().on('bookmarks').columns(['user_id', 'work_id']).execute();
  await db.schema.createIndex('bookmarks_user_series').unique().on('bookmarks').columns(['user_id', 'series_id']).execute();
  await db.schema.createIndex('bookmarks_work').on('bookmarks').columns(['work_id', 'private']).execute();
  await db.schema.createIndex('bookmarks_series').on('bookmarks').columns(['series_id', 'private']).execute();

  // The bookmarker's own tags: theirs alone, so they never enter the archive's tag table.
  await db.schema.createTable('bookmark_tags')
    .addColumn('bookmark_id', 'integer', (c) => c.notNull().references('bookmarks.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('bookmark_tags_pk', ['bookmark_id', 'name_key'])
    .execute();
  await db.schema.createIndex('bookmark_tags_key').on('bookmark_tags').column('name_key').execute();

  // Exactly one of work_id, target_user_id, series_id is set, as target_kind says.
  await withId(db, db.schema.createTable('subscriptions'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('work_id', 'integer', (c) => c.references('works.id').onDelete('cascade'))
    .addColumn('target_user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('series_id', 'integer', (c) => c.references('series.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('subscriptions_user_work').unique().on('subscriptions').columns(['user_id', 'work_id']).execute();
  await db.schema.createIndex('subscriptions_user_user').unique().on('subscriptions').columns(['user_id', 'target_user_id']).execute();
  await db.schema.createIndex('subscriptions_user_series').unique().on('subscriptions').columns(['user_id', 'series_id']).execute();
  await db.schema.createIndex('subscriptions_work').on('subscriptions').column('work_id').execute();
  await db.schema.createIndex('subscriptions_target_user').on('subscriptions').column('target_user_id').execute();
  await db.schema.createIndex('subscriptions_series').on('subscriptions').column('series_id').execute();

  // "A new chapter / a new work": one row per subscriber per posting.
  await withId(db, db.schema.createTable('notifications'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('chapter_id', 'integer', (c) => c.references('chapters.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'read_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['notifications', 'subscriptions', 'bookmark_tags', 'bookmarks', 'series_parts', 'series']) {
    await db.schema.dropTable(t).execute();
  }
}
