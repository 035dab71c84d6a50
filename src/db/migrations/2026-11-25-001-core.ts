import type { Kysely } from 'kysely';
import { withId } from './columns.js';

const flag = (c: any) => c.notNull().defaultTo(0);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('users'))
    .addColumn('login', 'text', (c) => c.notNull())
    .addColumn('login_key', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('is_admin', 'integer', flag)
    .addColumn('is_wrangler', 'integer', flag)
    .addColumn('must_change_password', 'integer', flag)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('pseuds'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('is_default', 'integer', flag)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('pseuds_user_name', ['user_id', 'name_key'])
    .execute();

  await db.schema.createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await withId(db, db.schema.createTable('works'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('end_notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('restricted', 'integer', flag)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('expected_chapters', 'integer')
    .addColumn('posted_chapters', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('word_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_at', 'text')
    .addColumn('revised_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('works_listing').on('works').columns(['status', 'revised_at']).execute();

  await db.schema.createTable('creatorships')
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('pseud_id', 'integer', (c) => c.notNull().references('pseuds.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('creatorships_pk', ['work_id', 'pseud_id'])
    .execute();
  await db.schema.createIndex('creatorships_pseud').on('creatorships').columns(['pseud_id', 'work_id']).execute();

  await withId(db, db.schema.createTable('chapters'))
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('end_notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('word_count', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('chapters_work').on('chapters').columns(['work_id', 'position']).execute();

  await withId(db, db.schema.createTable('tags'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('canonical', 'integer', flag)
    .addColumn('merger_id', 'integer', (c) => c.references('tags.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('work_tags')
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('work_tags_pk', ['work_id', 'tag_id'])
    .execute();
  await db.schema.createIndex('work_tags_tag').on('work_tags').columns(['tag_id', 'work_id']).execute();

  // AO3's fixed tags: one rating, one or more warnings, any categories. Canonical from the start.
  const now = new Date().toISOString();
  const fixed: Array<[string, string]> = [
    ['rating', 'General Audiences'], ['rating', 'Teen And Up Audiences'], ['rating', 'Mature'],
    ['rating', 'Explicit'], ['rating', 'Not Rated'],
    ['warning', 'Choose Not To Use Archive Warnings'], ['warning', 'No Archive Warnings Apply'],
    ['warning', 'Graphic Depictions Of Violence'], ['warning', 'Major Character Death'],
    ['warning', 'Rape/Non-Con'], ['warning', 'Underage Sex'],
    ['category', 'Gen'], ['category', 'F/M'], ['category', 'M/M'], ['category', 'F/F'],
    ['category', 'Multi'], ['category', 'Other'],
  ];
  await db.insertInto('tags')
    .values(fixed.map(([type, name]) => ({ name, name_key: name.toLowerCase(), type, canonical: 1, created_at: now })))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['work_tags', 'tags', 'chapters', 'creatorships', 'works', 'sessions', 'pseuds', 'users', 'settings']) {
    await db.schema.dropTable(t).execute();
  }
}
