import type { Kysely } from 'kysely';
import { withId } from './columns.js';

const flag = (c: any) => c.notNull().defaultTo(0);

/** Readers' responses: kudos, hits, comments and their inbox, blocks and mutes. */
export async function up(db: Kysely<any>): Promise<void> {
  // Who may comment ('everyone' | 'users' | 'none'), whether comments wait for approval, and a
  // counter for the responses shown under the work (kept apart from `version`, so a kudos does
  // not re-render the work's text).
  await db.schema.alterTable('works').addColumn('comment_permission', 'text', (c) => c.notNull().defaultTo('everyone')).execute();
  await db.schema.alterTable('works').addColumn('moderate_comments', 'integer', flag).execute();
  await db.schema.alterTable('works').addColumn('responses_version', 'integer', (c) => c.notNull().defaultTo(1)).execute();

  // One per signed-in reader (user_id) or per guest address (guest_key: an HMAC, never the address).
  await withId(db, db.schema.createTable('kudos'))
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('guest_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('kudos_work_user', ['work_id', 'user_id'])
    .addUniqueConstraint('kudos_work_guest', ['work_id', 'guest_key'])
    .execute();

  // One row per reader per work per day: the unique key is the dedupe every process shares.
  await db.schema.createTable('work_hits')
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('reader_key', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('work_hits_pk', ['work_id', 'reader_key', 'day'])
    .execute();

  await withId(db, db.schema.createTable('comments'))
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('chapter_id', 'integer', (c) => c.references('chapters.id').onDelete('set null'))
    .addColumn('parent_id', 'integer', (c) => c.references('comments.id').onDelete('cascade'))
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('pseud_id', 'integer', (c) => c.references('pseuds.id').onDelete('set null'))
    .addColumn('guest_name', 'text')
    .addColumn('guest_email', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('deleted', 'integer', flag)
    .addColumn('frozen', 'integer', flag)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    .execute();
  await db.schema.createIndex('comments_work').on('comments').columns(['work_id', 'id']).execute();
  await db.schema.createIndex('comments_parent').on('comments').column('parent_id').execute();
  await db.schema.createIndex('comments_user').on('comments').columns(['user_id', 'created_at']).execute();

  await db.schema.createTable('inbox_items')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('read', 'integer', flag)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('inbox_items_pk', ['user_id', 'comment_id'])
    .execute();
  await db.schema.createIndex('inbox_items_comment').on('inbox_items').column('comment_id').execute();

  for (const table of ['blocks', 'mutes']) {
    await db.schema.createTable(table)
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('target_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['user_id', 'target_id'])
      .execute();
    await db.schema.createIndex(`${table}_target`).on(table).column('target_id').execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['mutes', 'blocks', 'inbox_items', 'comments', 'work_hits', 'kudos']) await db.schema.dropTable(t).execute();
  for (const c of ['responses_version', 'moderate_comments', 'comment_permission']) await db.schema.alterTable('works').dropColumn(c).execute();
}
