import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { withId } from './columns.js';

export async function up(db: Kysely<any>): Promise<void> {
  // Common tagging (a character's fandom) and meta tagging (a sub-tag's meta tag) alike.
  await db.schema.createTable('tag_parents')
    .addColumn('child_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('parent_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('tag_parents_pk', ['child_id', 'parent_id'])
    .execute();
  await db.schema.createIndex('tag_parents_parent').on('tag_parents').columns(['parent_id', 'child_id']).execute();
  await db.schema.createIndex('tags_merger').on('tags').column('merger_id').execute();
  await db.schema.createIndex('tags_type').on('tags').columns(['type', 'canonical']).execute();

  // Response counts live on the work so listings can sort by them without joins.
  for (const column of ['kudos_count', 'hits_count', 'comments_count', 'bookmarks_count']) {
    await db.schema.alterTable('works').addColumn(column, 'integer', (c) => c.notNull().defaultTo(0)).execute();
  }

  // Every change to a work appends here in the same transaction; each app process follows the
  // log to keep its in-memory listing index current.
  await withId(db, db.schema.createTable('work_changes'))
    .addColumn('work_id', 'integer', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();

  // Tags a reader never wants to see in listings and search.
  await db.schema.createTable('excluded_tags')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('excluded_tags_pk', ['user_id', 'tag_id'])
    .execute();

  // Full text of each posted work, one document per work, weighted by field.
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await db.schema.createTable('work_search')
      .addColumn('work_id', 'integer', (c) => c.primaryKey().references('works.id').onDelete('cascade'))
      .addColumn('doc', sql`tsvector`, (c) => c.notNull())
      .execute();
    await sql`create index work_search_doc on work_search using gin (doc)`.execute(db);
  } else {
    await sql`create virtual table work_search using fts5(
      title, creators, tags, summary, body,
      content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
    )`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('work_search').execute();
  await db.schema.dropTable('excluded_tags').execute();
  await db.schema.dropTable('work_changes').execute();
  for (const column of ['kudos_count', 'hits_count', 'comments_count', 'bookmarks_count']) {
    await db.schema.alterTable('works').dropColumn(column).execute();
  }
  await db.schema.dropIndex('tags_type').execute();
  await db.schema.dropIndex('tags_merger').execute();
  await db.schema.dropTable('tag_parents').execute();
}
